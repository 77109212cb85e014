import Foundation
import PLNTestSupport
import Testing

/// `pln import` of feed subscriptions in OPML (Tests/EndToEndTests/Fixtures/opml).
@Suite("Importing OPML subscriptions")
struct OPMLImporterTests {
    static let file = ImportedJournal.fixture("opml/subscriptions.opml")

    @Test func feedsBecomeSourcesAndNothingElse() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 0 entries, 0 people, 4 sources, 0 links from subscriptions.opml with opml; "
            + "skipped 1 (not a feed: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == [])
        #expect(journal.people == [])
        // The site's address (else the feed's); text, else title; nested folders, any type case.
        #expect(journal.sourceLines == [
            "blog.example.edu/feed.atom | Only a title 📚 | https://blog.example.edu/feed.atom",
            "edutopia.org | Edutopia | https://www.edutopia.org/",
            "ell.example.net/podcast | - | http://ell.example.net/podcast",
            "learningscientists.org/blog | The Learning Scientists & friends | https://www.learningscientists.org/blog",
        ])
    }

    @Test func importingAgainAddsNothing() throws {
        let pln = PlnRunner()
        #expect(pln.run(["import", Self.file]).status == 0)
        let before = ImportedJournal.export(pln)
        let again = pln.run(["import", Self.file])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from subscriptions.opml with opml; "
            + "skipped 1 (not a feed: 1)\n")
        #expect(ImportedJournal.export(pln) == before)
    }

    @Test func malformedOPMLImportsNothingAndNamesTheLine() throws {
        let pln = PlnRunner()
        pln.add("Before the import https://example.org/page")
        let before = ImportedJournal.export(pln)
        let broken = ImportedJournal.fixture("opml/broken.opml")
        let result = pln.run(["import", broken])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(broken):15: mismatched end tag </outlines>: <outline> (opened on line 9) is still open; "
            + "nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
    }
}
