import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln run`, `pln lua` and the `pln` Lua API, through the built binary.
@Suite("Lua scripting")
struct ScriptingTests {
    func script(_ pln: PlnRunner, _ name: String, _ code: String) -> String {
        pln.folder.write(name, code)
    }

    @Test func readAPIStreamsEntriesAndAnswersQueries() {
        let pln = PlnRunner()
        pln.add("2026-11-01 09:00: Tried think-pair-share #ell with @jane [[bauer2010, p. 38]]")
        pln.add("2026-11-02 10:00: Exit tickets #assessment #ell")
        pln.add("2026-11-03 11:00: Reading group #reading")
        let path = script(pln, "read.lua", """
            local n = 0
            for e in pln.entries("#ell") do n = n + 1; print(e.id, e.date, e.tags[1], #e.people) end
            print("count", pln.count("#ell"), pln.count())
            local e = pln.entry(1)
            print(e.body, e.people[1].handle, e.sources[1].key, e.sources[1].locator)
            print(pln.entry(99) == nil)
            for _, t in ipairs(pln.tags()) do io.write(t.tag, "=", t.count, " ") end print()
            print(pln.person("@jane").handle, pln.person("@nobody") == nil)
            print(pln.source("bauer2010").key, pln.source("bauer2010").stub)
            print(#pln.people(), #pln.sources("#reading"))
            local rows = pln.sql("SELECT count(*) AS n FROM entry WHERE kind = ?", "note")
            print("sql", rows[1].n)
            local newest = {}
            for e in pln.entries("", { limit = 2, reverse = true }) do newest[#newest + 1] = e.id end
            print("newest", table.concat(newest, ","))
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == [
            "1\t2026-11-01T09:00:00+01:00\tell\t1",
            "2\t2026-11-02T10:00:00+01:00\tell\t0",
            "count\t2\t3",
            "Tried think-pair-share #ell with @jane [[bauer2010, p. 38]]\t@jane\tbauer2010\tp. 38",
            "true",
            "ell=2 assessment=1 reading=1 ",
            "@jane\ttrue",
            "bauer2010\ttrue",
            "1\t0",
            "sql\t3",
            "newest\t3,2",
        ])
    }

    /// An iterator's error names the script line of the loop, not pln's internal wrapper.
    @Test(arguments: [
        ("for l in pln.lines('/nonexistent/x') do end", "cannot read /nonexistent/x"),
        ("for r in pln.csv.rows('a,\"b\\n') do end", "unterminated quoted field"),
        ("for e in pln.entries('#(') do end", "query syntax error"),
    ])
    func iteratorErrorsNameTheScriptLine(loop: String, message: String) {
        let pln = PlnRunner()
        let path = script(pln, "loop.lua", "local n = 0\n\(loop)\n")
        let result = pln.run(["run", path])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: \(path):2: "), "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!result.stderr.contains("pln iterator"))
    }

    /// Ids out of date order, every kind of link, and entries sharing a time.
    func entriesOutOfDateOrder() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("2026-11-03 11:00: Reading group #reading with @ana [[bauer2010, p. 38]]")
        pln.add("2026-11-01 09:00: Tried think-pair-share #ell #pd with @jane and @ana [[hattie2009]]")
        pln.add("2026-11-03 11:00: Same minute #ell")
        pln.add("2026-11-02 10:00: Nothing linked")
        return pln
    }

    /// Lua that prints the ids of a whole-journal loop each way, and "differs" for an entry the
    /// loop gives otherwise than `pln.entry` reads it.
    static let walkBothWays = """
        local function walk(options)
          local ids = {}
          for e in pln.entries(nil, options) do
            ids[#ids + 1] = e.id
            if pln.json.encode(e) ~= pln.json.encode(pln.entry(e.id)) then print("differs", e.id) end
          end
          return table.concat(ids, ",")
        end
        print(walk(), walk{ reverse = true })
        """

    @Test func wholeJournalIteratorMatchesEntryByEntryReads() {
        let pln = entriesOutOfDateOrder()
        // A write first: the loops read on the run's own connection.
        let path = script(pln, "iterate.lua", """
            pln.link{ entry = 2, to = 1, role = "follows-up" }
            \(Self.walkBothWays)
            -- A write while iterating: the entries still to come show it.
            local seen = {}
            for e in pln.entries() do
              if e.id == 2 then pln.update(3, { tags = { "late" } }) end
              seen[#seen + 1] = e.id .. ":" .. table.concat(e.tags, "+")
            end
            print(table.concat(seen, " "))
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["2,4,1,3\t3,1,4,2", "2:ell+pd 4: 1:reading 3:ell+late"])
    }

    @Test func readAheadOverTheWholeJournalFollowsTheScriptsWrites() {
        let pln = entriesOutOfDateOrder()
        // Nothing written before the loops: they read ahead on a second connection.
        let path = script(pln, "ahead.lua", """
            \(Self.walkBothWays)
            for e in pln.entries() do break end  -- left early: the next loop starts again
            local seen = {}
            for e in pln.entries() do
              if e.id == 2 then
                pln.update(3, { tags = { "late" } })
                pln.delete(1)
                pln.add{ body = "Added while looping", date = "2026-11-04 08:00" }
              end
              seen[#seen + 1] = e.id .. ":" .. table.concat(e.tags, "+")
            end
            print(table.concat(seen, " "))
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["2,4,1,3\t3,1,4,2", "2:ell+pd 4: 3:ell+late"])
        #expect(pln.run(["count"]).stdout == "4\n")
    }

    @Test func writeAPIAndOneTransactionPerRun() {
        let pln = PlnRunner()
        let path = script(pln, "write.lua", """
            local e = pln.add{ body = "Met @ana at the conference #pd", date = "yesterday 3pm", tags = { "#network" },
                               sources = { { key = "hattie2009", locator = "ch. 2" } }, fields = { mood = "good" } }
            print(e.id, e.date, table.concat(e.tags, " "), e.people[1].handle, e.fields.mood)
            local u = pln.update(e.id, { starred = true, kind = "share", tags = { "followup" } })
            print(u.starred, u.kind, #u.tags)
            pln.person{ handle = "@ana", name = "Ana Lopez", roles = { "colleague" }, every_days = 30 }
            print(pln.person("@ana").name, pln.person("@ana").roles[1], pln.person("@ana").every_days)
            pln.source{ key = "hattie2009", type = "book", title = "Visible Learning", authors = { "Hattie, John" }, issued = 2009 }
            print(pln.source("hattie2009").title, pln.source("hattie2009").issued, pln.source("hattie2009").stub)
            local second = pln.add{ body = "Follow-up on the conference" }
            pln.link{ entry = second.id, to = e.id, role = "follows-up" }
            pln.link{ entry = second.id, person = "@ana", role = "learned-from" }
            print(#pln.entry(second.id).links, pln.entry(second.id).people[1].role)
            print(pln.delete(second.id), pln.count())
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == [
            "1\t2026-11-28T15:00:00+01:00\tpd network\t@ana\tgood",
            "true\tshare\t3",
            "Ana Lopez\tcolleague\t30",
            "Visible Learning\t2009\tfalse",
            "1\tlearned-from",
            "true\t1",
        ])

        // A failing run saves nothing it wrote.
        let failing = script(pln, "fail.lua", "pln.add{ body = 'first' }\npln.add{ body = 'second' }\nerror('stop here')\n")
        let failed = pln.run(["run", failing])
        #expect(failed.status == 1)
        #expect(failed.stderr == "pln: \(failing):3: stop here; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    /// pln.add writes its result straight onto the Lua stack unless an entry.added hook needs
    /// it as a value: both give the entry as pln.entry reads it back.
    @Test func addReturnsTheEntryAsItIsReadBack() {
        let pln = PlnRunner()
        let body = """
            local function same(a, b)
              if type(a) ~= type(b) then return false end
              if type(a) ~= 'table' then return a == b end
              for k, v in pairs(a) do if not same(v, b[k]) then return false end end
              for k in pairs(b) do if a[k] == nil then return false end end
              return true
            end
            local e = pln.add{ body = "Read about retrieval practice https://example.org/rp", date = "2026-11-02 10:00",
                               tags = { "memory" }, people = { "@ana" }, sources = { { key = "agarwal2019", locator = "p. 4" } },
                               fields = { platform = "test", nested = { list = { 1, 2.5, "x" }, flag = true } }, starred = true }
            assert(same(e, pln.entry(e.id)), "differs from pln.entry")
            print(e.fields.nested.list[2], e.fields.nested.flag, #e.sources, e.starred, hooked or "no hook")
            """
        let plain = script(pln, "plain.lua", body)
        var result = pln.run(["run", plain])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["2.5\ttrue\t2\ttrue\tno hook"])
        let hooked = script(pln, "hooked.lua", """
            pln.on("entry.added", function(entry) hooked = entry.fields.platform end)
            """ + body)
        result = pln.run(["run", hooked])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["2.5\ttrue\t2\ttrue\ttest"])
    }

    @Test func entriesAddedInARunAreSearchableInItAndAfter() {
        let pln = PlnRunner()
        let path = script(pln, "search.lua", """
            for i = 1, 50 do pln.add{ body = "zebra crossing number " .. i } end
            print(pln.count("zebra"), pln.count("crossing 7"))
            local e = pln.add{ body = "okapi sighting" }
            pln.update(e.id, { body = "giraffe sighting" })
            print(pln.count("okapi"), pln.count("giraffe"))
            pln.add{ body = "zebra again" }
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == ["50\t1", "0\t1"])
        #expect(pln.run(["count", "zebra"]).stdout == "51\n")
        #expect(pln.run(["search", "giraffe"]).lines.count == 1)
    }

    @Test func networkFunctions() {
        let pln = PlnRunner()
        pln.add("Exit tickets with @jane #assessment [[wiliam2011, p. 12]]")
        pln.add("Hinge questions from @jane #assessment")
        pln.run(["source", "edit", "wiliam2011", "--type", "book", "--title", "Embedded formative assessment",
                 "--author", "Wiliam, Dylan", "--issued", "2011", "--publisher", "Solution Tree Press"])
        let path = script(pln, "network.lua", """
            print(pln.cite("wiliam2011"))
            print(pln.cite("nope"))
            local w = pln.who("#assessment")
            print(w.people[1].name, w.people[1].entries, w.sources[1].name, w.people[1].example_id)
            local g = pln.graph("#assessment")
            print(#g.nodes, #g.edges, g.nodes[1].id, g.edges[1].weight)
            print(pcall(pln.who, "two words"))
            """)
        let result = pln.run(["run", path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == [
            "Wiliam, D. (2011). Embedded formative assessment. Solution Tree Press.",
            "nil",
            "@jane\t2\t[[wiliam2011]]\t2",
            "3\t3\t#assessment\t2",
            "false\tpln.who: 'two words' is not a topic (one word or tag; pass {query = true} for a query)",
        ])
    }

    @Test func errorsNameFileAndLine() {
        let pln = PlnRunner()
        let syntax = script(pln, "syntax.lua", "local x = 1\nif x then\n")
        let result = pln.run(["run", syntax])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: \(syntax):3: 'end' expected"))
        let host = script(pln, "host.lua", "\n\npln.add{ body = 42 }\n")
        let hostError = pln.run(["run", host])
        #expect(hostError.stderr.hasPrefix("pln: \(host):3: pln.add: 'body' must be a string"))
        let traced = pln.run(["run", "--traceback", host])
        #expect(traced.stderr.contains("stack traceback"))
        let missing = pln.run(["run", pln.folder.path + "/nope.lua"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("nope.lua"))
    }

    @Test func luaDashEAndArguments() {
        let pln = PlnRunner()
        #expect(pln.run(["lua", "-e", "print(1 + 1, pln.version)"]).stdout == "2\t0.1.0\n")
        let path = script(pln, "args.lua", "print(arg[0] ~= nil, arg[1], arg[2], select('#', ...))")
        #expect(pln.run(["run", path, "one", "--two"]).stdout == "true\tone\t--two\t2\n")
        #expect(pln.run(["lua"], stdin: "print(pln.count())").stdout == "0\n")
    }

    @Test func budgetsAndMemoryCapStopRunawayScripts() {
        let pln = PlnRunner()
        let loop = script(pln, "loop.lua", "pln.add{ body = 'before the loop' }\nwhile true do end\n")
        let budget = pln.run(["run", "--budget", "5", loop])
        #expect(budget.status == 1)
        #expect(budget.stderr.contains("instruction"))
        #expect(budget.stderr.contains("nothing it wrote was saved"))
        let timed = pln.run(["run", "--timeout", "0.5", loop])
        #expect(timed.status == 1)
        #expect(pln.run(["count"]).stdout == "0\n")
        let hog = script(pln, "hog.lua", "local t = {}\nfor i = 1, 1e9 do t[i] = ('x'):rep(1000) .. i end\n")
        let memory = pln.run(["run", "--memory", "32", hog])
        #expect(memory.status == 1)
        #expect(memory.stderr.contains("memory"))
    }

    @Test func sandboxRefusesEscapes() {
        let pln = PlnRunner()
        pln.add("something")
        let attempts = [
            "os.execute('true')", "io.popen('ls')", "io.open('/etc/passwd')", "require('os')", "dofile('/etc/passwd')",
            "loadfile('/etc/passwd')", "string.dump(print)", "load(string.dump(function() end))",
            "pln.read('/etc/passwd')", "pln.add{ body = 'x' }", "pln.sql('DELETE FROM entry')",
        ]
        for attempt in attempts {
            let path = script(pln, "escape.lua", attempt + "\n")
            let result = pln.run(["run", "--sandbox", path])
            #expect(result.status == 1, "\(attempt) was allowed")
        }
        #expect(pln.run(["count"]).stdout == "1\n")
        let reader = script(pln, "reader.lua", "print(#pln.read(arg[1]) > 0, pln.count())\n")
        let data = pln.folder.write("data.txt", "hello\n")
        #expect(pln.run(["run", "--sandbox", reader, data]).stdout == "true\t1\n")
        let writer = script(pln, "writer.lua", "pln.add{ body = 'allowed' }\n")
        #expect(pln.run(["run", "--sandbox", "--allow-write", writer]).status == 0)
        #expect(pln.run(["count"]).stdout == "2\n")
        // Writing through pln.sql is refused by SQLite even for trusted scripts.
        let sqlWrite = script(pln, "sqlwrite.lua", "pln.sql('DELETE FROM entry')\n")
        let refused = pln.run(["run", sqlWrite])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("read-only"))
        #expect(pln.run(["count"]).stdout == "2\n")
    }

    @Test func helpers() {
        let pln = PlnRunner()
        let csv = pln.folder.write("in.csv", "\u{FEFF}name,note\n\"Doe, Jane\",\"line one\nline two\"\n")
        let path = script(pln, "helpers.lua", """
            local t = pln.json.decode('{"a":[1,2,{"b":null}],"c":"é"}')
            print(t.a[2], t.c, pln.json.encode({1, 2, 3}), pln.json.encode({x = true}))
            for row, line in pln.csv.rows(arg[1], { header = true }) do print(row.name, row.note:gsub("\\n", "|"), line) end
            for row in pln.csv.rows("a,b\\n1,2\\n") do print(row[1], row[2]) end
            print(pln.date.parse("2026-11-02 15:42"), pln.date.parse("not a date"))
            print(pln.date.format("2026-11-02T15:42:00+01:00", "%d %b %Y %H:%M"))
            print(pcall(pln.date.parse, "2019-02-29"))
            local n = 0 for line in pln.lines(arg[1]) do n = n + 1 end print("lines", n)
            print(#pln.read(arg[1]))
            pln.table({ { tag = "ell", count = 3 }, { tag = "reading", count = 12 } })
            """)
        let result = pln.run(["run", path, csv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.prefix(8) == [
            "2\té\t[1,2,3]\t{\"x\":true}",
            "Doe, Jane\tline one|line two\t2",
            "a\tb",
            "1\t2",
            "2026-11-02T15:42:00+01:00\tnil",
            "02 Nov 2026 15:42",
            "false\tpln.date.parse: invalid date '2019-02-29': February 2019 has 28 days",
            "lines\t3",
        ])
        #expect(result.stdout.contains("count  tag\n3      ell\n12     reading\n"))
    }
}
