import Foundation
import PLNTestSupport
import Testing

/// `pln import` of browser bookmarks in the Netscape format (Tests/EndToEndTests/Fixtures/bookmarks).
@Suite("Importing browser bookmarks")
struct BookmarksImporterTests {
    static let file = ImportedJournal.fixture("bookmarks/bookmarks.html")

    @Test func datedBookmarksAreSharesAndEveryWebBookmarkASource() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.file])
        #expect(result.status == 0, "\(result.stderr)")
        // place: and javascript: bookmarks are skipped; the dateless one is a source only.
        #expect(result.stdout == "imported 4 entries, 0 people, 5 sources, 4 links from bookmarks.html with bookmarks; "
            + "skipped 2 (not a web address: 2)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == [
            "2023-01-01T12:00:00+00:00 | share | Think-Pair-Share & Beyond | Edutopia⏎⏎A quick routine: think alone, talk in pairs,"
                + "⏎share with the class 🎉 | #ell #think-pair-share #oracy |  | [[edutopia.org/think-pair-share]]",
            "2023-01-02T12:00:00+00:00 | share | Dylan Wiliam \"Papers\" |  |  | [[dylanwiliam.org/Papers.html]]",
            "2023-02-01T00:00:00+00:00 | share | Reading circles – roles | #reading |  | [[blog.example.com/posts]]",
            "2023-02-01T00:01:40+00:00 | share | https://news.example.com/ |  |  | [[news.example.com]]",
        ])
        #expect(journal.fieldPairs == [
            "file=bookmarks.html folder=Teaching platform=bookmarks url=https://www.edutopia.org/article/think-pair-share",
            "file=bookmarks.html folder=Teaching/Assessment platform=bookmarks url=https://www.dylanwiliam.org/Dylan_Wiliams_website/Papers.html",
            "file=bookmarks.html folder=Bookmarks Toolbar platform=bookmarks url=http://blog.example.com/posts?id=7&ref=rss",
            "file=bookmarks.html folder=Bookmarks Toolbar keyword=news platform=bookmarks url=https://news.example.com/",
        ])
        #expect(journal.people == [])
        #expect(journal.sourceLines == [
            "blog.example.com/posts | Reading circles – roles | http://blog.example.com/posts?id=7&ref=rss",
            "dylanwiliam.org/Papers.html | Dylan Wiliam \"Papers\" | https://www.dylanwiliam.org/Dylan_Wiliams_website/Papers.html",
            "edutopia.org/think-pair-share | Think-Pair-Share & Beyond | Edutopia | https://www.edutopia.org/article/think-pair-share",
            "example.org/no-date | Exit tickets, no date | https://example.org/no-date",
            "news.example.com | - | https://news.example.com/",
        ])
    }

    @Test func importingAgainAddsNothing() throws {
        let pln = PlnRunner()
        #expect(pln.run(["import", Self.file]).status == 0)
        let before = ImportedJournal.export(pln)
        let again = pln.run(["import", Self.file])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from bookmarks.html with bookmarks; "
            + "4 already imported; skipped 2 (not a web address: 2)\n")
        #expect(ImportedJournal.export(pln) == before)
    }

    @Test func aFileThatIsNoBookmarkExportIsAnError() throws {
        let pln = PlnRunner()
        let folder = TemporaryFolder()
        let csv = folder.write("bookmarks.csv", "title,url\nA,https://a.example/\n")
        let result = pln.run(["import", "--as", "bookmarks", csv])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: bookmarks.csv: not a Netscape bookmark file (no <!DOCTYPE NETSCAPE-Bookmark-file-1> and no links); nothing it wrote was saved\n")
        // An export with no bookmarks left in it is still one.
        let empty = folder.write("empty.html", "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<TITLE>Bookmarks</TITLE>\n<DL><p>\n</DL><p>\n")
        let none = pln.run(["import", "--as", "bookmarks", empty])
        #expect(none.status == 0, "\(none.stderr)")
        #expect(none.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from empty.html with bookmarks\n")
    }

    @Test func aBadDateImportsNothingAndNamesTheLine() throws {
        let pln = PlnRunner()
        pln.add("Before the import")
        let before = ImportedJournal.export(pln)
        let result = pln.run(["import", ImportedJournal.fixture("bookmarks/broken-bookmarks.html")])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: broken-bookmarks.html:20: ADD_DATE '2023-01-02' is not a Unix time; nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
    }
}
