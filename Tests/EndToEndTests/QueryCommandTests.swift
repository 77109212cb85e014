import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `list`, `search`, `count`, `tags` with the query language.
@Suite("Query commands")
struct QueryCommandTests {
    /// A small journal: five entries over three weeks.
    func journal() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("2026-11-02 09:00: Tried think-pair-share with #ell students, @jane suggested it")
        pln.add("2026-11-10 16:00: Read about formative assessment in [[wiliam2011, p. 12]] #assessment")
        pln.add("2026-11-20 20:00: #ellchat on vocabulary games with @jane and @omar")
        pln.add("2026-11-27 08:30: Exit tickets worked well #assessment #ell")
        pln.add("Pedagogy reading group: think about questioning #reading")
        pln.run(["star", "4"])
        return pln
    }

    func ids(_ pln: PlnRunner, _ query: [String], extra: [String] = []) -> [Int64] {
        let result = pln.run(["list", "--format", "jsonl"] + extra + query)
        #expect(result.status == 0, "\(result.stderr)")
        return result.lines.compactMap { try? JSONParser.parse($0)["id"]?.intValue }
    }

    @Test func structuredTerms() {
        let pln = journal()
        #expect(ids(pln, ["#ell"]) == [1, 4])
        #expect(ids(pln, ["tag:ell"]) == [1, 4])
        #expect(ids(pln, ["@jane"]) == [1, 3])
        #expect(ids(pln, ["source:wiliam2011"]) == [2])
        #expect(ids(pln, ["is:starred"]) == [4])
        #expect(ids(pln, ["since:2026-11-10", "until:2026-11-20"]) == [2, 3])
        #expect(ids(pln, ["on:2026-11-27"]) == [4])
        #expect(ids(pln, ["kind:note"]) == [1, 2, 3, 4, 5])
    }

    @Test func booleanOperators() {
        let pln = journal()
        #expect(ids(pln, ["#ell", "OR", "#reading"]) == [1, 4, 5])
        #expect(ids(pln, ["#assessment", "-#ell"]) == [2])
        #expect(ids(pln, ["(#ell", "OR", "@omar)", "since:2026-11-15"]) == [3, 4])
        #expect(ids(pln, ["-is:starred", "#assessment"]) == [2])
    }

    @Test func fullTextWordsPhrasesAndPrefixes() {
        let pln = journal()
        #expect(ids(pln, ["\"think pair share\""]) == [1])
        #expect(ids(pln, ["think"]) == [1, 5])
        #expect(ids(pln, ["pedag*"]) == [5])
        #expect(ids(pln, ["vocabulary", "@jane"]) == [3])
    }

    @Test func limitAndOrder() {
        let pln = journal()
        #expect(ids(pln, [], extra: ["-n", "2"]) == [4, 5])
        #expect(ids(pln, [], extra: ["-n", "2", "--reverse"]) == [5, 4])
        let text = pln.run(["list", "-n", "1"])
        #expect(text.stdout == "    5  2026-11-29 14:30  Pedagogy reading group: think about questioning #reading\n")
    }

    @Test func searchRanksAndShowsSnippets() {
        let pln = journal()
        let result = pln.run(["search", "assessment"])
        #expect(result.status == 0)
        #expect(result.lines.count == 2)
        #expect(result.stdout.contains("formative assessment"))
        let none = pln.run(["search", "zebra"])
        #expect(none.status == 0)
        #expect(none.stdout.isEmpty)
        let empty = pln.run(["search"])
        #expect(empty.status == 2)
    }

    /// Best match first wherever rank orders: search (words only), list with other terms, and
    /// pln.entries in Lua. More occurrences rank higher; among equals the shorter entry.
    @Test func rankOrdersBestMatchFirstEverywhere() {
        let pln = PlnRunner()
        pln.add("2026-11-02 09:00: Feedback on a long afternoon of questioning, exit tickets, hinge questions and more #ell")
        pln.add("2026-11-03 09:00: Feedback, feedback and feedback again #ell")
        pln.add("2026-11-04 09:00: Peer feedback #ell")
        pln.add("2026-11-05 09:00: Nothing about it #ell")
        #expect(ids(pln, ["feedback"], extra: ["--sort", "rank"]) == [2, 3, 1])
        #expect(ids(pln, ["feedback", "#ell"], extra: ["--sort", "rank"]) == [2, 3, 1])
        #expect(ids(pln, ["feedback", "#ell"], extra: ["--sort", "rank", "--reverse"]) == [1, 3, 2])
        // Two phrases are weighed by how rare they are: "questioning" (one entry of four) outweighs
        // "feedback" (three of four), however often feedback occurs.
        let search = pln.run(["search", "--format", "jsonl", "feedback OR questioning"])
        #expect(search.lines.compactMap { try? JSONParser.parse($0)["id"]?.intValue } == [1, 2, 3])
        let lua = pln.run(["lua", "-e", """
            local ids = {}
            for e in pln.entries("feedback #ell", { order = "rank" }) do ids[#ids + 1] = e.id end
            print(table.concat(ids, ","))
            """])
        #expect(lua.stdout == "2,3,1\n", "\(lua.stderr)")
    }

    @Test func countAndTags() {
        let pln = journal()
        #expect(pln.run(["count"]).stdout == "5\n")
        #expect(pln.run(["count", "#assessment"]).stdout == "2\n")
        #expect(pln.run(["tags"]).stdout == "2  #assessment\n2  #ell\n1  #ellchat\n1  #reading\n")
        #expect(pln.run(["tags", "since:2026-11-20"]).stdout == "1  #assessment\n1  #ell\n1  #ellchat\n1  #reading\n")
        let json = pln.run(["tags", "--format", "json"]).stdout
        #expect((try? JSONParser.parse(json))?.arrayValue?.first?["tag"] == .string("assessment"))
    }

    @Test func syntaxErrorsNameTheColumn() {
        let pln = journal()
        let result = pln.run(["list", "(#ell", "OR"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("pln: query syntax error at column"))
        let quote = pln.run(["count", "\"unterminated"])
        #expect(quote.status == 1)
        #expect(quote.stderr.contains("column 1"))
    }

    @Test(arguments: OutputFormat.allCases)
    func everyFormatWritesEveryEntry(format: OutputFormat) {
        let pln = journal()
        let result = pln.run(["list", "--format", format.rawValue])
        #expect(result.status == 0)
        switch format {
        case .json: #expect((try? JSONParser.parse(result.stdout))?.arrayValue?.count == 5)
        case .jsonl, .text: #expect(result.lines.count == 5)
        case .csv, .tsv: #expect(result.lines.count == 6)
        case .md: #expect(result.stdout.components(separatedBy: "\n## ").count == 5)
        }
    }

    @Test func controlCharactersNeverReachTheTerminalText() {
        let pln = PlnRunner()
        let line = #"{"uuid":"0b7e2c1a-0000-4000-8000-000000000001","date":"2026-11-01T10:00:00+01:00","body":"evil \u001b]0;pwned\u0007title \u001b[31mred","tags":[]}"#
        #expect(pln.run(["import", "-"], stdin: line + "\n").status == 0)
        let text = pln.run(["list"]).stdout
        #expect(!text.contains("\u{1B}"))
        #expect(!text.contains("\u{07}"))
        #expect(text.contains("evil title red"))
        // Machine formats keep the text exactly, escaped.
        #expect(pln.run(["list", "--format", "jsonl"]).stdout.contains(#"\u001b"#))
    }
}
