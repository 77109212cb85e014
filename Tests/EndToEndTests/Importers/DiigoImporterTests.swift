import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `diigo` importer: Diigo's CSV export.
///
/// Fixtures/diigo/802697_csv_2024_05_08_9389e.csv follows Diigo's layout (unquoted header, every
/// field quoted, "" for a quote, line breaks inside fields, no_tag, highlights, an entity in a
/// title, an undated row).
@Suite("Importing Diigo bookmarks")
struct DiigoImporterTests {
    static let file = ImportedJournal.fixture("diigo/802697_csv_2024_05_08_9389e.csv")

    @Test func bookmarksBecomeSourcesAndDatedOnesShares() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 3 entries, 1 person, 4 sources, 4 links from 802697_csv_2024_05_08_9389e.csv with diigo; "
            + "skipped 1 (undated: source only: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == [
            "2024-05-08T05:36:43+00:00 | share | Great for quiet students 🎉 — via @ana_lopez, see #RetrievalPractice too.\n\n"
                + "Highlight: Pairs talk before anyone shares with the room.\nHighlight: Wait time matters, \"even 3 seconds\". "
                + "| #ell #speaking #cooperative-learning #retrievalpractice | @ana_lopez | [[edutopia.org/think-pair-share]]",
            "2024-04-30T07:37:47+00:00 | share | Q&A with Dylan Wiliam, \"Embedded Formative Assessment\" |  |  | [[example.org/wiliam-qa]]",
            "2024-04-29T12:29:48+00:00 | share | Line one, with a comma.\n\nLine three after a blank line; mail me at teacher@example.org "
                + "| #memory #study-skills |  | [[learningscientists.org/spaced-practice]]",
        ])
        #expect(journal.people == ["@ana_lopez"])
        #expect(journal.sources == [
            "edutopia.org/think-pair-share | webpage | Think-Pair-Share: a classic, revisited | https://www.edutopia.org/article/think-pair-share/ |  | -",
            "example.net/undated | webpage | Undated bookmark | https://example.net/undated |  | -",
            "example.org/wiliam-qa | webpage | Q&A with Dylan Wiliam, \"Embedded Formative Assessment\" | https://example.org/wiliam-qa?utm_source=newsletter |  | -",
            "learningscientists.org/spaced-practice | webpage | Spaced practice, in one page | https://www.learningscientists.org/spaced-practice |  | -",
        ])
        #expect(journal.fields[1] == (try JSONParser.parse("""
            {"file":"802697_csv_2024_05_08_9389e.csv","id":"https://example.org/wiliam-qa?utm_source=newsletter","platform":"diigo"}
            """)))

        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", Self.file])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from 802697_csv_2024_05_08_9389e.csv with diigo; "
            + "3 already imported; skipped 1 (undated: source only: 1)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func aBookmarkAlreadyCitedKeepsItsSource() throws {
        let pln = PlnRunner()
        pln.add("Shared https://learningscientists.org/spaced-practice/ with the team")
        #expect(pln.run(["import", Self.file]).status == 0)
        let journal = try ImportedJournal(pln)
        #expect(journal.sources.filter { $0.contains("spaced-practice") } == [
            "learningscientists.org/spaced-practice | webpage | Spaced practice, in one page | https://learningscientists.org/spaced-practice/ |  | -",
        ])
        #expect(journal.entries.filter { $0.hasSuffix("[[learningscientists.org/spaced-practice]]") }.count == 2)
    }

    @Test func tagsAreLowerCaseBeyondASCII() throws {
        let pln = PlnRunner()
        let file = pln.folder.write("export.csv", """
            title,url,tags,description,comments,annotations,created_at
            "Stunde","https://example.de/stunde","Übung,ÉCOLE,Łódź","#Ökologie #ΣΧΟΛΕΙΟ #Школа #übung","","","2024-05-08 05:36:43"

            """)
        #expect(pln.run(["import", file]).status == 0)
        #expect(try ImportedJournal(pln).entries == [
            "2024-05-08T05:36:43+00:00 | share | #Ökologie #ΣΧΟΛΕΙΟ #Школа #übung | #übung #école #łódź #ökologie #σχολειο #школа |  | [[example.de/stunde]]",
        ])
    }

    @Test func aBadRowNamesItsLineAndSavesNothing() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("diigo/802697_csv_2024_05_08_9389e.csv")
        let badDate = pln.folder.write("bad-date.csv", text.replacingOccurrences(of: "\"2024-04-30 07:37:47\"", with: "\"30/04/2024\""))
        let result = pln.run(["import", badDate])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(badDate):4: 'created_at' is not a date: 30/04/2024; nothing it wrote was saved\n")

        // Cut inside the quoted field that spans lines 5 to 7.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let cut = pln.folder.write("cut.csv", lines.prefix(5).joined(separator: "\n") + "\n")
        let open = pln.run(["import", cut])
        #expect(open.status == 1)
        #expect(open.stderr == "pln: \(cut):5: unterminated quoted field (the quote opened on line 5 never closes); nothing it wrote was saved\n")

        let noURL = pln.folder.write("no-url.csv", text.replacingOccurrences(of: "\"https://example.net/undated\"", with: "\"\""))
        let missing = pln.run(["import", noURL])
        #expect(missing.status == 1)
        #expect(missing.stderr == "pln: \(noURL):8: no 'url'; nothing it wrote was saved\n")

        let other = pln.folder.write("other.csv", "title,link,tags\n\"a\",\"b\",\"c\"\n")
        let wrong = pln.run(["import", "--as", "diigo", other])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "pln: \(other):1: no 'url' column: not a Diigo export; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
