import Foundation
import PLNTestSupport
import Testing

/// `pln import` of a Ning 2 network archive (Tests/EndToEndTests/Fixtures/ning).
@Suite("Importing a Ning archive")
struct NingImporterTests {
    static let archive = ImportedJournal.fixture("ning/network-archive")

    static let entries = [
        // ( … ) wrapper and }{ concatenation repaired; the title's &amp; decoded; the YouTube
        // embed as its watch page; #tags from the text plus the category.
        "2010-04-12T18:30:21+00:00 | note | Think-pair-share & ELL⏎⏎We tried **think-pair-share** today #ELL #Oracy.⏎⏎Watch:⏎"
            + "https://www.youtube.com/watch?v=dQw4w9WgXcQ⏎⏎More in [the guide](http://www.example.org/tps) 👍 | "
            + "#ell #oracy #classroom-practice | @1def456uvw @2ghi789rst | [[youtube.com/watch]] [[example.org/tps]]",
        "2010-05-01T10:00:00+00:00 | note | Draft: reading circles⏎⏎Notes on reading circles — roles rotate |  |  | ",
        // The offset the export gives is kept.
        "2010-06-01T09:15:00-04:00 | note | Exit tickets?⏎⏎How do you use \"exit tickets\"? See "
            + "[this](https://www.edutopia.org/exit-tickets) and https://www.edutopia.org/exit-tickets | #assessment | "
            + "@2ghi789rst | [[edutopia.org/exit-tickets]]",
        // }]{ repaired; a date without a zone is UTC.
        "2010-06-02T08:00:00+00:00 | note | Welcome thread 👋⏎⏎Say hello! |  |  | ",
    ]

    @Test func blogPostsAndDiscussionsBecomeEntries() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "0abc123xyz", Self.archive])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 4 entries, 2 people, 3 sources, 6 links from network-archive with ning; skipped 1 (no text: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == Self.entries)
        #expect(journal.fieldPairs == [
            "author=0abc123xyz category=Classroom Practice file=ning-blogs-local.json id=2204590:BlogPost:1001 platform=ning type=blog",
            "author=0abc123xyz file=ning-blogs-local.json id=2204590:BlogPost:1002 platform=ning status=draft type=blog",
            "author=1def456uvw category=Assessment file=ning-discussions-local.json id=2204590:Topic:3001 platform=ning type=discussion",
            "author=3jkl000opq file=ning-discussions-local.json id=2204590:Topic:3002 platform=ning type=discussion",
        ])
        // Commenters, named from ning-members-local.json when it knows them; the owner (--me) is not one.
        #expect(journal.people == ["@1def456uvw (Jane Doe)", "@2ghi789rst"])
        #expect(journal.sourceLines == [
            "edutopia.org/exit-tickets | - | https://www.edutopia.org/exit-tickets",
            "example.org/tps | - | http://www.example.org/tps",
            "youtube.com/watch | - | https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ])
    }

    @Test func importingAgainAddsNothingAndOneFileAlsoWorks() throws {
        let pln = PlnRunner()
        // One file on its own: the members file beside it still names the commenters.
        let blogs = pln.run(["import", "--me", "0abc123xyz", Self.archive + "/ning-blogs-local.json"])
        #expect(blogs.status == 0, "\(blogs.stderr)")
        #expect(blogs.stdout == "imported 2 entries, 2 people, 2 sources, 4 links from ning-blogs-local.json with ning; "
            + "skipped 1 (no text: 1)\n")
        #expect(try ImportedJournal(pln).people == ["@1def456uvw (Jane Doe)", "@2ghi789rst"])
        #expect(pln.run(["import", "--me", "0abc123xyz", Self.archive]).stdout
            == "imported 2 entries, 0 people, 1 source, 2 links from network-archive with ning; 2 already imported; skipped 1 (no text: 1)\n")
        let before = ImportedJournal.export(pln)
        let again = pln.run(["import", "--me", "0abc123xyz", Self.archive])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from network-archive with ning; "
            + "4 already imported; skipped 1 (no text: 1)\n")
        #expect(ImportedJournal.export(pln) == before)
        #expect(try ImportedJournal(pln).lines == Self.entries)
    }

    @Test func brokenJSONImportsNothingAndNamesTheLine() throws {
        let pln = PlnRunner()
        pln.add("Before the import")
        let before = ImportedJournal.export(pln)
        let result = pln.run(["import", ImportedJournal.fixture("ning/broken/ning-blogs-local.json")])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: ning-blogs-local.json:2: unterminated string; nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
    }
}
