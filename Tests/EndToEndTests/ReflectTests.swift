import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln reflect` without a terminal, `pln reflections`, `pln prompt` and `pln followups`.
@Suite("Reflective practice")
struct ReflectTests {
    static let gibbsAnswers = """
        ## Description
        Tried think-pair-share in #ell with @jane.

        ## Feelings
        Nervous at first.

        ## Action plan
        Use the role cards from [[bauer2010]] next week.
        """

    @Test func answersFromMarkdownSaveOneReflectionWithLinks() throws {
        let pln = PlnRunner()
        let file = pln.folder.write("answers.md", Self.gibbsAnswers)
        let result = pln.run(["reflect", "gibbs", "--answers", file, "--follow-up", "2w"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == """
            added 1  2026-11-29 14:30  #ell  @jane  [[bauer2010]]  (gibbs: 3 of 6 stages)
            follow-up on action-plan due 2026-12-13

            """)
        let entry = try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)
        #expect(entry["kind"] == .string("reflection"))
        #expect(entry["framework"] == .string("gibbs"))
        #expect(entry["body"]?.stringValue?.hasPrefix("## Description\n\nTried think-pair-share") == true)
        #expect(entry["stages"]?.arrayValue?.compactMap { $0["stage"]?.stringValue } == ["description", "feelings", "action-plan"])
        #expect(entry["followups"]?.arrayValue?.first?["due"] == .string("2026-12-13"))
        // Stage text is searchable; framework: and stage: work in every query.
        #expect(pln.run(["count", "nervous"]).stdout == "1\n")
        #expect(pln.run(["count", "framework:gibbs", "stage:action-plan"]).stdout == "1\n")
        #expect(pln.run(["count", "stage:analysis"]).stdout == "0\n")
        #expect(pln.run(["list", "framework:gibbs"]).stdout == "    1  2026-11-29 14:30  [gibbs] Tried think-pair-share in #ell with @jane. …\n")
        #expect(pln.run(["lua", "-e", "for e in pln.entries('stage:feelings') do print(e.framework, e.stages.feelings) end"]).stdout
                == "gibbs\tNervous at first.\n")
    }

    @Test func answersFromJSONOnStdinAndMissingRequiredStagesAreAnError() {
        let pln = PlnRunner()
        let result = pln.run(["reflect", "kolb", "--answers", "-", "--quiet"],
                             stdin: #"{"experience": "Ran a gallery walk", "Active experimentation": "Timer on the board"}"#)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1\n")
        #expect(pln.run(["count", "stage:experimentation", "kind:reflection"]).stdout == "1\n")
        let before = pln.journalFingerprint()
        let missing = pln.run(["reflect", "driscoll", "--answers", "-"], stdin: #"{"so-what": "It matters"}"#)
        #expect(missing.status == 1)
        #expect(missing.stderr == "pln: driscoll: missing required stage what; nothing saved\n")
        let unknown = pln.run(["reflect", "driscoll", "--answers", "-"], stdin: "## What\nx\n\n## Why\ny\n")
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "pln: <stdin>:4: unknown stage 'Why' (driscoll has what, so-what, now-what)\n")
        let noFramework = pln.run(["reflect", "gibs", "--answers", "-"], stdin: "{}")
        #expect(noFramework.status == 2)
        #expect(noFramework.stderr.hasPrefix("pln: no framework 'gibs' — did you mean 'gibbs'?"))
        let noTerminal = pln.run(["reflect", "gibbs"])
        #expect(noTerminal.status == 2)
        #expect(noTerminal.stderr.contains("needs a terminal"))
        let badFollowUp = pln.run(["reflect", "brookfield", "--answers", "-", "--follow-up", "2w"], stdin: #"{"self": "x"}"#)
        #expect(badFollowUp.status == 2)
        #expect(badFollowUp.stderr.hasPrefix("pln: brookfield has no action stage to follow up"))
        #expect(pln.journalFingerprint() == before)
    }

    @Test func frameworksAreListedAndAUserFrameworkOverridesABuiltIn() throws {
        let pln = PlnRunner()
        let list = pln.run(["reflect"])
        #expect(list.status == 0)
        #expect(list.lines.first == "brookfield        Brookfield's four lenses            self learners? colleagues? literature?")
        #expect(list.lines.count == 7)
        let json = try JSONParser.parse(pln.run(["reflect", "--format", "json"]).stdout)
        #expect(json.arrayValue?.compactMap { $0["framework"]?.stringValue }
                == ["brookfield", "driscoll", "gibbs", "kolb", "schon", "seek-sense-share"])
        let plugins = pln.folder.path + "/config/pln/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        try "pln.prompt{ name = 'gibbs', title = 'Short Gibbs', stages = { { name = 'what' }, { name = 'plan', action = true, required = false } } }\n"
            .write(toFile: plugins + "/gibbs.lua", atomically: true, encoding: .utf8)
        let saved = pln.run(["reflect", "gibbs", "--answers", "-", "--follow-up", "3d"], stdin: "## what\nA\n## plan\nB\n")
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout.contains("(gibbs: 2 of 2 stages)\nfollow-up on plan due 2026-12-02"))
    }

    @Test func reflectionsMissingAStageAndTheShellCommand() {
        let pln = PlnRunner()
        _ = pln.run(["reflect", "gibbs", "--answers", "-"], stdin: #"{"description": "no plan yet #ell"}"#)
        _ = pln.run(["reflect", "gibbs", "--answers", "-"], stdin: #"{"description": "planned", "action-plan": "do it"}"#)
        _ = pln.run(["reflect", "driscoll", "--answers", "-"], stdin: #"{"what": "no now-what"}"#)
        pln.add("a plain note #ell")
        #expect(pln.run(["reflections"]).lines.count == 3)
        #expect(pln.run(["reflections", "--missing", "action-plan"]).stdout == "    1  2026-11-29 14:30  [gibbs] no plan yet #ell …\n")
        #expect(pln.run(["reflections", "#ell", "--missing", "action-plan", "--format", "jsonl"]).lines.count == 1)
        #expect(pln.run(["reflections", "--missing", "now-what"]).lines.map { $0.prefix(5) } == ["    3"])
        #expect(pln.run(["reflections", "-#ell"]).lines.count == 2)
        let bad = pln.run(["reflections", "--missing", "nope"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("pln: no framework has a stage 'nope'"))
        // In the shell, /reflect takes the same flags (answers from a file in batch mode).
        let file = pln.folder.write("seek.md", "## Seek\nA thread by @maria\n## Share\nPosted my notes\n")
        let shell = pln.run([], stdin: "/reflect seek-sense-share --answers \(file)\n/reflections framework:seek-sense-share\n")
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.contains("added 5  2026-11-29 14:30  @maria  (seek-sense-share: 2 of 3 stages)"))
        #expect(shell.stdout.contains("    5  2026-11-29 14:30  [seek-sense-share] A thread by @maria …"))
    }

    @Test func reflectionsSurviveExportAndImportIntoAnEmptyJournal() throws {
        let pln = PlnRunner()
        let file = pln.folder.write("answers.md", Self.gibbsAnswers)
        _ = pln.run(["reflect", "gibbs", "--answers", file, "--follow-up", "1d"])
        _ = pln.run(["reflect", "schon", "--answers", "-", "--follow-up", "2026-12-24"], stdin: #"{"surprise": "x", "reframe": "y"}"#)
        let answered = pln.run(["followups", "answer", "1", "It worked #ell"], environment: ["PLN_NOW": "2026-12-01T09:00:00+01:00"])
        #expect(answered.status == 0, "\(answered.stderr)")
        let export = pln.run(["export", "--format", "jsonl"])
        let other = PlnRunner()
        let imported = other.run(["import", "-"], stdin: export.stdout)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(other.run(["export", "--format", "jsonl"]).stdout == export.stdout)
        #expect(other.run(["count", "stage:reframe"]).stdout == "1\n")
        let open = other.run(["followups", "--all", "--format", "json"])
        let rows = try JSONParser.parse(open.stdout).arrayValue ?? []
        #expect(rows.count == 1)
        #expect(rows.first?["id"]?.intValue == 2)
        #expect(rows.first?["due"] == .string("2026-12-24"))
        // Stages need a framework; a file without stages (an older export) still imports.
        let bad = PlnRunner().run(["import", "-"], stdin: #"{"date":"2026-11-01T09:00:00Z","body":"x","stages":[{"stage":"a","body":"b"}]}"# + "\n")
        #expect(bad.status == 1)
        #expect(bad.stderr == "pln: <stdin>:1: \"stages\" and \"followups\" need a \"framework\"\n")
        let old = PlnRunner()
        let plain = old.run(["import", "-"], stdin: ###"{"date":"2026-11-01T09:00:00Z","body":"## What?\n\nx","kind":"reflection","framework":"driscoll"}"### + "\n")
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(old.run(["reflections", "framework:driscoll"]).lines.count == 1)
        // The JSON document export round-trips as well.
        let document = pln.run(["export", "--format", "json"])
        let third = PlnRunner()
        #expect(third.run(["import", "-"], stdin: document.stdout).status == 0)
        #expect(third.run(["export", "--format", "jsonl"]).stdout == export.stdout)
    }

    @Test func followUpsAreListedWhenDueAndAnsweringClosesTheLoop() throws {
        let pln = PlnRunner()
        _ = pln.run(["reflect", "driscoll", "--answers", "-", "--follow-up", "3d"], stdin: #"{"what": "x", "now-what": "Try exit tickets"}"#)
        _ = pln.run(["reflect", "kolb", "--answers", "-"], stdin: #"{"experience": "y", "experimentation": "Seat plan"}"#)
        #expect(pln.run(["followups"]).stderr == "pln: no follow-up is due (pln followups --all lists the open ones)\n")
        #expect(pln.run(["followups", "--all"]).stdout == "1  2026-12-02  open  driscoll  now-what  Try exit tickets\n")
        #expect(pln.run(["followups", "set", "2", "tomorrow"]).stdout == "follow-up on experimentation of 2 due 2026-11-30\n")
        let later = ["PLN_NOW": "2026-12-03T08:00:00+01:00"]
        #expect(pln.run(["followups"], environment: later).stdout == """
            2  2026-11-30  overdue  kolb      experimentation  Seat plan
            1  2026-12-02  overdue  driscoll  now-what         Try exit tickets

            """)
        let answer = pln.run(["followups", "answer", "1", "-"], stdin: "Exit tickets showed two misconceptions #assessment\n",
                             environment: later)
        #expect(answer.status == 0, "\(answer.stderr)")
        #expect(answer.stdout == "added 3  2026-12-03 08:00  #assessment  (outcome of 1: follow-up on now-what closed)\n")
        let outcome = try JSONParser.parse(pln.run(["show", "3", "--format", "json"]).stdout)
        #expect(outcome["links"]?.arrayValue?.first?["role"] == .string("outcome"))
        #expect(outcome["links"]?.arrayValue?.first?["id"]?.intValue == 1)
        #expect(pln.run(["followups"], environment: later).lines == ["2  2026-11-30  overdue  kolb  experimentation  Seat plan"])
        let again = pln.run(["followups", "answer", "1", "more"], environment: later)
        #expect(again.status == 1)
        #expect(again.stderr == "pln: entry 1 has no open follow-up\n")
        let csv = pln.run(["followups", "--closed", "--format", "csv"], environment: later)
        #expect(csv.lines.first == "id,due,status,framework,stage,outcome,written,plan")
        #expect(csv.lines.contains("1,2026-12-02,done,driscoll,now-what,3,2026-11-29 14:30,Try exit tickets"))
    }

    @Test func todaysPromptIsStableAllDayAndRotatesWithoutRepeats() throws {
        let pln = PlnRunner()
        let pool = pln.run(["prompt", "--list", "--format", "jsonl"]).lines
        #expect(pool.count >= 20)
        let today = pln.run(["prompt"])
        #expect(today.status == 0)
        #expect(pln.run(["prompt"], environment: ["PLN_NOW": "2026-11-29T23:59:00+01:00"]).stdout == today.stdout)
        #expect(pln.run(["prompt"], environment: ["PLN_NOW": "2026-11-29T00:01:00+01:00"]).stdout == today.stdout)
        // A whole cycle of pool-size days (cycles count from 1970-01-01) shows each prompt once.
        var seen = Set<String>()
        let noon = try #require(ISO8601DateFormatter().date(from: "2026-11-29T12:00:00Z"))
        let days = pool.count
        let dayNumber = Int(noon.timeIntervalSince1970 / 86_400)
        let start = noon.addingTimeInterval(-Double(dayNumber % days) * 86_400)
        let formatter = ISO8601DateFormatter()
        var previous = ""
        for offset in 0..<days {
            let day = formatter.string(from: start.addingTimeInterval(Double(offset) * 86_400))
            let prompt = pln.run(["prompt", "--date", String(day.prefix(10))]).stdout
            #expect(prompt != previous)
            previous = prompt
            seen.insert(prompt)
        }
        #expect(seen.count == days)
        let json = try JSONParser.parse(pln.run(["prompt", "--format", "json"]).stdout)
        #expect(json.arrayValue?.first?["date"] == .string("2026-11-29"))
        #expect(json.arrayValue?.first?["prompt"]?.stringValue.map { $0 + "\n" } == today.stdout)
    }

    @Test func answeringThePromptFromStdinAndAUserPool() throws {
        let pln = PlnRunner()
        try FileManager.default.createDirectory(atPath: pln.folder.path + "/config/pln", withIntermediateDirectories: true)
        try "pln.prompts{ 'What made you smile?', replace = true }\n"
            .write(toFile: pln.folder.path + "/config/pln/init.lua", atomically: true, encoding: .utf8)
        #expect(pln.run(["prompt"]).stdout == "What made you smile?\n")
        #expect(pln.run(["prompt", "--week"]).stdout == "What made you smile?\n")
        let answer = pln.run(["prompt", "--answer", "--quiet"], stdin: "A student's joke about fractions #maths\n")
        #expect(answer.status == 0, "\(answer.stderr)")
        let entry = try JSONParser.parse(pln.run(["show", answer.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "--format", "json"]).stdout)
        #expect(entry["body"] == .string("> What made you smile?\n\nA student's joke about fractions #maths"))
        #expect(entry["kind"] == .string("reflection"))
        #expect(entry["fields"]?["prompt"] == .string("What made you smile?"))
        #expect(entry["tags"] == .array([.string("maths")]))
        let empty = pln.run(["prompt", "--answer"], stdin: "  \n")
        #expect(empty.status == 0)
        #expect(empty.stderr == "pln: empty answer; nothing saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func luaWritesAndReadsStructuredReflections() {
        let pln = PlnRunner()
        let script = """
            local e = pln.add{ framework = "driscoll", stages = { ["now-what"] = "Roles", what = "Chaos #ell" } }
            print(e.id, e.kind, e.tags[1], e.stages.what)
            print(#pln.prompts() > 0)
            """
        let result = pln.run(["lua", "-e", script])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "1\treflection\tell\tChaos #ell\ntrue\n")
        #expect(pln.run(["count", "stage:now-what", "framework:driscoll"]).stdout == "1\n")
        #expect(pln.run(["show", "1", "--format", "json"]).stdout.contains(###""body":"## What?\n\nChaos #ell\n\n## Now what?\n\nRoles""###))
        let bad = pln.run(["lua", "-e", "pln.add{ framework = 'driscoll', stages = { ['so-what'] = 'x' } }"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("pln.add: driscoll: missing required stage what; nothing it wrote was saved"))
    }

    @Test func editingAReflectionKeepsItsStagesInStep() {
        let pln = PlnRunner()
        _ = pln.run(["reflect", "driscoll", "--answers", "-"], stdin: #"{"what": "x", "now-what": "Try roles"}"#)
        let edited = pln.run(["edit", "1", "--text", "## What?\n\nx\n\n## So what?\n\nIt matters #ell"])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(pln.run(["count", "stage:so-what"]).stdout == "1\n")
        #expect(pln.run(["count", "stage:now-what"]).stdout == "0\n")
        #expect(pln.run(["reflections", "--missing", "now-what"]).lines.count == 1)
        let free = pln.run(["edit", "1", "--text", "no sections any more"])
        #expect(free.status == 0)
        #expect(free.stderr.contains("entry 1:1: text before the first '## STAGE' heading"))
        #expect(pln.run(["count", "stage:so-what"]).stdout == "1\n")
    }
}
