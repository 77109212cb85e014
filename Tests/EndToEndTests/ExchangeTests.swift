import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `export` and `import`: round trips, idempotence, and bad input that saves nothing.
@Suite("Export and import")
struct ExchangeTests {
    func populated() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("Met @jane at the district PD day #coaching")
        pln.add("Read [[hattie2009, p. 173]] on feedback #feedback https://example.org/feedback")
        pln.add("#ellchat tonight with @omar and @jane: sentence frames")
        pln.run(["star", "2"])
        return pln
    }

    @Test(arguments: ["jsonl", "json"])
    func exportThenImportReproducesTheJournal(format: String) throws {
        let source = populated()
        let exported = source.run(["export", "--format", format])
        #expect(exported.status == 0)
        let file = source.folder.write("export.\(format)", exported.stdout)

        let target = PlnRunner()
        let imported = target.run(["import", file])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("imported 3 entries, 2 people, 2 sources"))
        #expect(target.run(["export", "--format", format]).stdout == exported.stdout)

        // Importing the same file again adds nothing.
        let again = target.run(["import", file])
        #expect(again.status == 0)
        #expect(again.stdout.contains("imported 0 entries, 0 people, 0 sources"))
        #expect(again.stdout.contains("3 already in the journal"))
        #expect(target.run(["count"]).stdout == "3\n")
        #expect(target.run(["export", "--format", format]).stdout == exported.stdout)
    }

    @Test func exportWithAQueryCarriesOnlyWhatThoseEntriesName() throws {
        let pln = populated()
        let lines = pln.run(["export", "@omar"]).lines
        let records = try lines.map { try JSONParser.parse($0) }
        #expect(records.filter { $0["record"] == .string("person") }.count == 2)
        #expect(records.filter { $0["record"] == nil }.count == 1)
        #expect(records.filter { $0["record"] == .string("source") }.isEmpty)
    }

    @Test func importFromStandardInputAndHandWrittenLines() throws {
        let pln = PlnRunner()
        let input = """
            {"date":"2026-10-01T08:00:00+02:00","body":"Hand-written line with #tags and @sam"}
            {"date":"2026-10-02T08:00:00Z","body":"Explicit links","tags":["a","#b"],"people":["@kim"],"sources":[{"key":"k1","locator":"5"}]}

            """
        let result = pln.run(["import", "-"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(pln.run(["count", "#tags"]).stdout == "1\n")
        #expect(pln.run(["count", "#b", "@kim", "source:k1"]).stdout == "1\n")
        let entry = try JSONParser.parse(pln.run(["show", "2", "--format", "json"]).stdout)
        #expect(entry["date"] == .string("2026-10-02T08:00:00+00:00"))
    }

    /// Person and source records fill in what the journal lacks and never overwrite it; a
    /// stub source takes the record's type and stops being a stub.
    @Test func recordsFillInWhatTheJournalLacks() throws {
        let pln = PlnRunner()
        pln.add("Read [[kim2020]] with @kim and @lee")
        pln.run(["import", "-"], stdin: #"{"record":"person","handle":"@lee","name":"Lee Park"}"# + "\n")
        let input = """
            {"record":"person","handle":"@kim","name":"Kim Ode","email":"kim@example.org","every_days":14,"roles":["mentor"]}
            {"record":"person","handle":"@lee","name":"Someone Else","met":"2024-01-02"}
            {"record":"source","key":"kim2020","type":"book","title":"Feedback","authors":["Ode, Kim"],"issued":"2020","stub":false}
            {"record":"source","key":"new2021","title":"New","stub":true}

            """
        let result = pln.run(["import", "-"], stdin: input)
        #expect(result.status == 0, "\(result.stderr)")
        let people = try JSONParser.parse(pln.run(["people", "--format", "json"]).stdout)
        let kim = people.arrayValue?.first { $0["handle"] == .string("@kim") }
        #expect(kim?["name"] == .string("Kim Ode") && kim?["email"] == .string("kim@example.org"))
        #expect(kim?["every_days"] == .number(14) && kim?["roles"] == .array([.string("mentor")]))
        let lee = people.arrayValue?.first { $0["handle"] == .string("@lee") }
        #expect(lee?["name"] == .string("Lee Park") && lee?["met"] == .string("2024-01-02"))
        let kim2020 = try JSONParser.parse(pln.run(["source", "show", "kim2020", "--format", "json"]).stdout)
        #expect(kim2020["type"] == .string("book") && kim2020["title"] == .string("Feedback"))
        #expect(kim2020["stub"] == .bool(false) && kim2020["issued"] == .string("2020"))
        let new2021 = try JSONParser.parse(pln.run(["source", "show", "new2021", "--format", "json"]).stdout)
        #expect(new2021["type"] == .string("document") && new2021["stub"] == .bool(true))
    }

    @Test func importIntoAnEmptyJournalRebuildsItsIndexesAndAFailureKeepsThem() {
        let pln = PlnRunner()
        #expect(pln.run(["count"]).stdout == "0\n")
        let indexes = ["lua", "-e", """
            for _, r in ipairs(pln.sql("SELECT name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name")) do
              print(r.name, r.sql)
            end
            """]
        let schema = pln.run(indexes).stdout
        #expect(schema.contains("entry_ts\tCREATE INDEX entry_ts ON entry(ts)"))
        let before = pln.journalFingerprint()
        let bad = pln.folder.write("bad.jsonl", """
            {"date":"2026-10-01T08:00:00+02:00","body":"fine #ell"}
            {"date":"2026-10-01T08:00:00+02:00","body": oops}

            """)
        #expect(pln.run(["import", bad]).status == 1)
        #expect(pln.journalFingerprint() == before)
        let good = pln.folder.write("good.jsonl", """
            {"date":"2026-10-01T08:00:00+02:00","body":"fine #ell with @kim","tags":["ell"],"people":["kim"]}
            {"date":"2026-10-02T08:00:00+02:00","body":"starred","starred":true}

            """)
        let result = pln.run(["import", good])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(pln.run(indexes).stdout == schema)
        #expect(pln.run(["count", "#ell", "@kim"]).stdout == "1\n")
        #expect(pln.run(["count", "is:starred"]).stdout == "1\n")
        // The full-text index is built with a larger buffer, put back to FTS5's default after.
        #expect(pln.run(["search", "--format", "jsonl", "starred"]).lines.count == 1)
        let buffer = pln.run(["lua", "-e", "print(pln.sql(\"SELECT v FROM entry_fts_config WHERE k = 'hashsize'\")[1].v)"])
        #expect(buffer.stdout == "1048576\n", "\(buffer.stderr)")
    }

    @Test func theFirstBadLineIsNamedWhereverTheLinesAreParsed() {
        let pln = populated()
        let before = pln.journalFingerprint()
        // A record problem (found while writing) before a syntax error (found while parsing),
        // far into the file: the earlier line is the one named, and nothing is saved.
        var lines = (1...600).map { #"{"date":"2026-10-01T08:00:00Z","body":"line \#($0)"}"# }
        lines[519] = #"{"body":"no date"}"#
        lines[520] = #"{"date": oops}"#
        let file = pln.folder.write("many.jsonl", lines.joined(separator: "\n") + "\n")
        let result = pln.run(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: \(file):520: missing \"date\""), "\(result.stderr)")
        #expect(pln.journalFingerprint() == before)
        // Without the record problem, the syntax error is named.
        lines[519] = #"{"date":"2026-10-01T08:00:00Z","body":"fixed"}"#
        let second = pln.folder.write("many2.jsonl", lines.joined(separator: "\n") + "\n")
        let failed = pln.run(["import", second])
        #expect(failed.stderr.hasPrefix("pln: \(second):521: "), "\(failed.stderr)")
        #expect(pln.journalFingerprint() == before)
        lines.remove(at: 520)
        let good = pln.folder.write("many3.jsonl", lines.joined(separator: "\n") + "\n")
        #expect(pln.run(["import", good]).status == 0)
        #expect(pln.run(["count"]).stdout == "602\n")
    }

    /// A JSON document is read a record at a time, in its own order: entries naming a person
    /// before the person's record still end with the record's details; an object that is
    /// one record over several lines is one entry.
    @Test func aJSONDocumentIsImportedInItsOwnOrder() {
        let pln = PlnRunner()
        let file = pln.folder.write("hand.json", """
            {"entries":[{"date":"2026-10-01T08:00:00Z","body":"Talked with @sam"},
                        {"date":"2026-10-02T08:00:00Z","body":"Again"}],
             "people":[{"handle":"@sam","name":"Sam Lee"}]}
            """)
        let result = pln.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(pln.run(["count"]).stdout == "2\n")
        #expect(pln.run(["count", "@sam"]).stdout == "1\n")
        #expect(pln.run(["lua", "-e", "print(pln.person('sam').name)"]).stdout == "Sam Lee\n")
        let single = pln.folder.write("one.json", """
            {"date": "2026-10-03T08:00:00Z",
             "body": "One record #solo"}
            """)
        #expect(pln.run(["import", single]).status == 0)
        #expect(pln.run(["count", "#solo"]).stdout == "1\n")
        let notArray = pln.folder.write("bad.json", "{\"format\":\"pln\",\n\"entries\": {}}")
        let failed = pln.run(["import", notArray])
        #expect(failed.status == 1)
        #expect(failed.stderr == "pln: \(notArray):2: entries must be an array\n")
        // A bad record is named by its place, after the good ones before it: nothing is saved.
        let before = pln.journalFingerprint()
        let records = (0..<600).map { #"{"date":"2026-10-04T08:00:00Z","body":"record \#($0)"}"# }
        let badRecord = pln.folder.write("place.json", "{\"entries\":[\n" + records.joined(separator: ",\n")
            + #",\#n{"body":"no date"}]}"#)
        let named = pln.run(["import", badRecord])
        #expect(named.stderr == "pln: \(badRecord):602: entries[600]: missing \"date\"\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test func malformedLineNamesFileAndLineAndSavesNothing() {
        let pln = populated()
        let before = pln.journalFingerprint()
        let file = pln.folder.write("bad.jsonl", """
            {"date":"2026-10-01T08:00:00+02:00","body":"fine"}
            {"date":"2026-10-01T08:00:00+02:00","body":"also fine"}
            {"date":"2026-10-01T08:00:00+02:00","body": oops}

            """)
        let result = pln.run(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: \(file):3: "))
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(pln.run(["count"]).stdout == "3\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test(arguments: [
        (#"{"body":"no date"}"#, "missing \"date\""),
        (#"{"date":"yesterday","body":"x"}"#, "not an ISO 8601"),
        (#"{"date":"2026-10-01T08:00:00Z"}"#, "missing \"body\""),
        (#"{"date":"2026-10-01T08:00:00Z","body":"x","tags":"ell"}"#, "\"tags\""),
        (#"{"record":"planet","name":"x"}"#, "unknown record type"),
        // A JSON document is read a record at a time: the records before the cut are fine.
        (#"[{"date":"2026-10-01T08:00:00Z","body":"x"}, {"date":"#, "unexpected end"),
    ])
    func invalidRecordsAreNamed(line: String, message: String) {
        let pln = PlnRunner()
        let file = pln.folder.write("in.jsonl", "\n" + line + "\n")
        let result = pln.run(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(pln.run(["count"]).stdout == "0\n")
    }

    @Test func invalidUTF8InAFileIsRefused() {
        let pln = PlnRunner()
        var bytes = Array(#"{"date":"2026-10-01T08:00:00Z","body":"ok"}"#.utf8) + [0x0A]
        bytes += Array(#"{"date":"2026-10-01T08:00:00Z","body":"bad "#.utf8) + [0xC3, 0x28] + Array("\"}\n".utf8)
        let file = pln.folder.write("bad.jsonl", bytes: bytes)
        let result = pln.run(["import", file])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(file):2: invalid UTF-8\n")
        #expect(pln.run(["count"]).stdout == "0\n")
    }

    @Test func csvAndMarkdownExports() {
        let pln = populated()
        let csv = pln.run(["export", "--format", "csv"])
        #expect(csv.lines.first == "id,uuid,date,kind,starred,tags,people,sources,body")
        #expect(csv.stdout.contains("\"hattie2009, p. 173;example.org/feedback\""))
        let md = pln.run(["export", "--format", "md"])
        #expect(md.stdout.hasPrefix("## 2026-11-29 14:30 · #1"))
    }
}
