import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln source`, `pln sources`, `pln cite` and bibliography exports.
@Suite("Sources")
struct SourcesTests {
    func journal() -> PlnRunner {
        let pln = PlnRunner()
        pln.run(["source", "add", "hattie2007", "--type", "article-journal", "--title", "The power of feedback",
                 "--author", "Hattie, John", "--author", "Timperley, Helen", "--issued", "2007",
                 "--container", "Review of Educational Research", "--volume", "77", "--issue", "1", "--pages", "81-112",
                 "--doi", "10.3102/003465430298487"])
        pln.add("Read [[hattie2007, p. 86]] on feedback levels #feedback")
        pln.add("Visible learning is on my list [[hattie2009]]")
        pln.run(["source", "edit", "hattie2009", "--type", "book", "--title", "Visible learning", "--author", "Hattie, John",
                 "--issued", "2009", "--publisher", "Routledge"])
        return pln
    }

    @Test func citeWritesAPAReferences() {
        let pln = journal()
        let result = pln.run(["cite", "hattie2007", "[[hattie2009]]"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines == [
            "Hattie, J., & Timperley, H. (2007). The power of feedback. Review of Educational Research, 77(1), 81–112. https://doi.org/10.3102/003465430298487",
            "Hattie, J. (2009). Visible learning. Routledge.",
        ])
        #expect(pln.run(["cite", "hattie2009", "--format", "md"]).stdout == "Hattie, J. (2009). *Visible learning*. Routledge.\n")
        #expect(pln.run(["cite", "nope"]).stderr == "pln: no source [[nope]]\n")
    }

    @Test func showListAndStubs() throws {
        let pln = journal()
        pln.add("Also [[newstub]]")
        let list = pln.run(["sources", "--format", "json"])
        let items = try #require(try JSONParser.parse(list.stdout).arrayValue)
        #expect(items.compactMap { $0["key"]?.stringValue } == ["hattie2007", "hattie2009", "newstub"])
        #expect(items.last?["stub"] == .bool(true))
        #expect(items.first?["entries"] == .number(1))
        #expect(pln.run(["sources", "#feedback", "--format", "jsonl"]).lines.count == 1)
        let shown = pln.run(["source", "show", "hattie2007"]).stdout
        #expect(shown.contains("Cited in"))
        #expect(shown.contains("at p. 86"))
        #expect(pln.run(["source", "add", "hattie2007"]).status == 1)
        #expect(pln.run(["source", "add", "x", "--issued", "2019-02-29"]).status == 2)
    }

    @Test func mergeMovesCitationsAndFields() throws {
        let pln = journal()
        pln.add("Duplicate key [[Hattie07, ch. 2]]")
        pln.run(["source", "edit", "Hattie07", "--url", "https://example.org/feedback"])
        let merged = pln.run(["source", "merge", "Hattie07", "hattie2007"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(pln.run(["count", "source:hattie2007"]).stdout == "2\n")
        let json = try JSONParser.parse(pln.run(["source", "show", "hattie2007", "--format", "json"]).stdout)
        #expect(json["url"] == .string("https://example.org/feedback"))
        #expect(json["title"] == .string("The power of feedback"))
        #expect(pln.run(["source", "show", "Hattie07"]).status == 1)
    }

    @Test func chatsListSessionsAndLinkTaggedEntries() throws {
        let pln = PlnRunner()
        let added = pln.run(["source", "add", "ellchat", "--title", "#ELLchat", "--hashtag", "#ellchat", "--platform", "twitter",
                             "--every", "mon 21:00 America/New_York"])
        #expect(added.status == 0, "\(added.stderr)")
        let chats = pln.run(["chats"])
        #expect(chats.stdout == "Tue 2026-12-01 03:00  #ellchat on twitter  (21:00 America/New_York)\n")
        let json = try JSONParser.parse(pln.run(["chats", "--format", "json", "--days", "14"]).stdout)
        #expect(json.arrayValue?.count == 2)
        #expect(json.arrayValue?.first?["host_time"] == .string("2026-11-30T21:00:00-05:00"))
        let todayOnly = pln.run(["chats", "--today"])
        #expect(todayOnly.stdout.isEmpty)
        #expect(todayOnly.stderr == "pln: no sessions today\n")
        pln.add("Great #ELLchat tonight on vocabulary")
        #expect(pln.run(["count", "source:ellchat"]).stdout == "1\n")
        #expect(pln.run(["source", "add", "x", "--every", "someday"]).status == 2)
    }

    @Test func bibliographyExports() throws {
        let pln = journal()
        let bibtex = pln.run(["export", "--sources", "--format", "bibtex"])
        #expect(bibtex.status == 0)
        #expect(bibtex.stdout.hasPrefix("@article{hattie2007,"))
        #expect(bibtex.stdout.contains("@book{hattie2009,"))
        #expect(bibtex.stdout.filter { $0 == "{" }.count == bibtex.stdout.filter { $0 == "}" }.count)
        let ris = pln.run(["export", "--sources", "--format", "ris", "#feedback"])
        #expect(ris.stdout.hasPrefix("TY  - JOUR\n"))
        #expect(ris.stdout.hasSuffix("ER  - \n"))
        #expect(!ris.stdout.contains("Visible learning"))
        let csl = try JSONParser.parse(pln.run(["export", "--sources", "--format", "csl-json"]).stdout)
        #expect(csl.arrayValue?.first?["DOI"] == .string("10.3102/003465430298487"))
        #expect(pln.run(["export", "--format", "ris"]).status == 2)
        #expect(pln.run(["export", "--sources", "--format", "csv"]).status == 2)
    }
}
