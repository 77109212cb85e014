import Foundation
import PLNTestSupport
import Testing

/// `pln import` of a MediaWiki history export (Tests/EndToEndTests/Fixtures/mediawiki).
@Suite("Importing a MediaWiki export")
struct MediaWikiImporterTests {
    static let export = ImportedJournal.fixture("mediawiki/teaching-wiki-history.xml")

    @Test func everyRevisionIsAnEntry() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "Ann Teacher", Self.export])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 4 entries, 1 person, 4 sources, 8 links from teaching-wiki-history.xml with mediawiki\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == [
            // The comment's entities decoded; categories (English and the wiki's own namespace
            // name) as tags; the page and its external links as sources.
            "2023-02-01T09:00:00+00:00 | note | Edited Think-pair-share: Created page with \"'''Think-pair-share''' is a routine\" "
                + "| #teaching-strategies #ell |  | [[wiki.example.edu/Think-pair-share]] [[example.org/think-pair-share]]",
            // An IP contributor is no person; [[:Category:…]] links to a category without being in it.
            "2023-02-02T10:15:30+00:00 | note | Edited Think-pair-share: /* Steps */ fix typo & add a step 🤝 | "
                + "#teaching-strategies |  | [[wiki.example.edu/Think-pair-share]] [[example.org/think-pair-share]] "
                + "[[blog.example.com/post]]",
            // A deleted comment leaves the title alone.
            "2023-02-03T11:00:00+00:00 | note | Edited Think-pair-share | #teaching-strategies #mündliche-beteiligung | "
                + "@Bob_Mentor | [[wiki.example.edu/Think-pair-share]]",
            // The owner (--me, written with an underscore here) is never a person; deleted text has no categories.
            "2023-03-01T08:00:00+00:00 | note | Edited Talk:Exit tickets: Question about timing? |  |  | "
                + "[[wiki.example.edu/Talk:Exit_tickets]]",
        ])
        #expect(journal.fieldPairs == [
            "contributor=Ann Teacher file=teaching-wiki-history.xml id=101 page=Think-pair-share page_id=12 platform=mediawiki wiki=Teaching Wiki",
            "contributor=192.0.2.44 file=teaching-wiki-history.xml id=102 minor=true page=Think-pair-share page_id=12 platform=mediawiki wiki=Teaching Wiki",
            "contributor=Bob Mentor file=teaching-wiki-history.xml id=103 page=Think-pair-share page_id=12 platform=mediawiki wiki=Teaching Wiki",
            "contributor=Ann_Teacher file=teaching-wiki-history.xml id=201 page=Talk:Exit tickets page_id=13 platform=mediawiki wiki=Teaching Wiki",
        ])
        #expect(journal.people == ["@Bob_Mentor"])
        #expect(journal.sourceLines == [
            "blog.example.com/post | - | http://blog.example.com/post?id=5&page=2",
            "example.org/think-pair-share | - | https://example.org/guides/think-pair-share",
            "wiki.example.edu/Talk:Exit_tickets | Talk:Exit tickets | https://wiki.example.edu/wiki/Talk:Exit_tickets",
            "wiki.example.edu/Think-pair-share | Think-pair-share | https://wiki.example.edu/wiki/Think-pair-share",
        ])
    }

    @Test func importingAgainAddsNothing() throws {
        let pln = PlnRunner()
        #expect(pln.run(["import", Self.export]).status == 0)
        let before = ImportedJournal.export(pln)
        let again = pln.run(["import", Self.export])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from teaching-wiki-history.xml with mediawiki; "
            + "4 already imported\n")
        #expect(ImportedJournal.export(pln) == before)
        // Without --me the owner is a contributor like any other.
        #expect(try ImportedJournal(pln).people == ["@Ann_Teacher", "@Bob_Mentor"])
    }

    @Test func malformedXMLImportsNothingAndNamesTheLine() throws {
        let pln = PlnRunner()
        pln.add("Before the import")
        let before = ImportedJournal.export(pln)
        let broken = ImportedJournal.fixture("mediawiki/broken-history.xml")
        let result = pln.run(["import", broken])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(broken):47: mismatched end tag </coment>: <comment> (opened on line 47) is still open; "
            + "nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
    }

    @Test func standardInputNeedsAs() throws {
        let pln = PlnRunner()
        let text = try String(contentsOfFile: Self.export, encoding: .utf8)
        let result = pln.run(["import", "--as", "mediawiki", "-"], stdin: text)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("imported 4 entries"))
    }
}
