import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `facebook` importer: posts from "Download your information" (JSON).
///
/// Fixtures/facebook/your_posts_1.json is written by `python3 make.py` in that folder the way
/// Facebook writes it: ASCII only, every UTF-8 byte of a non-ASCII character escaped on its own
/// (é as \u00c3\u00a9, an emoji as four escapes), tags as strings and as objects, a shared link,
/// photos, a profile update and an empty repost. make.py also writes facebook-export.zip, which
/// holds the same file where newer exports put it.
@Suite("Importing Facebook posts")
struct FacebookImporterTests {
    static let posts = ImportedJournal.fixture("facebook/your_posts_1.json")
    static let zip = ImportedJournal.fixture("facebook/facebook-export.zip")

    @Test func postsWithTextOrALinkBecomeEntriesWithRepairedText() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.posts])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 4 entries, 2 people, 2 sources, 5 links from your_posts_1.json with facebook; "
            + "skipped 2 (no text or link: 2)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == [
            "2024-01-01T00:00:00+00:00 | note | Tried think-pair-share with my Year 9s 🎉 — café-style tables.\n"
                + "Next: #ELL #Speaking, notes at https://example.org/tps. | #ell #speaking | @ana-lópez @jonas-weiß | [[example.org/tps]]",
            "2024-01-02T00:00:00+00:00 | share | Worth a read for anyone who asks questions all day. |  | @ana-lópez | [[edutopia.org/wait-time]]",
            // Text that only looks like mojibake once escaped ("SÃO") comes back as it was written.
            "2024-01-03T00:00:00+00:00 | note | Our SÃO PAULO exchange wall |  |  | ",
            "2024-01-06T00:00:00+00:00 | note | Gallery walk, round two 🖼️ |  |  | ",
        ])
        #expect(journal.people == ["@ana-lópez (Ana López)", "@jonas-weiß (Jonas Weiß)"])
        #expect(journal.sources == [
            "edutopia.org/wait-time | webpage | Wait Time: Why 3 Seconds Matter | https://www.edutopia.org/article/wait-time |  | -",
            "example.org/tps | webpage | - | https://example.org/tps |  | -",
        ])
        #expect(journal.fields[3] == (try JSONParser.parse("""
            {"file":"your_posts_1.json","id":"1704499200-1c17050c2c3f","media":["your_facebook_activity/posts/media/Photos/photo_2.jpg"],\
            "place":"Gymnasium Süd","platform":"facebook"}
            """)))

        // The export zip holds the same posts: nothing new.
        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", Self.zip])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from facebook-export.zip with facebook; "
            + "4 already imported; skipped 2 (no text or link: 2)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func aTaggedNameTheJournalKnowsIsThatPerson() throws {
        let pln = PlnRunner()
        pln.run(["person", "add", "@ana", "--name", "Ana López"])
        // The handle a name would make is taken by someone else: the new person gets another.
        pln.run(["person", "add", "@jonas-weiß", "--name", "Jonas Weiss from the choir"])
        let result = pln.run(["import", Self.zip])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.people == ["@ana (Ana López)", "@jonas-weiß (Jonas Weiss from the choir)", "@jonas-weiß-2 (Jonas Weiß)"])
        #expect(journal.entries[0].contains("| #ell #speaking | @ana @jonas-weiß-2 | "))
    }

    @Test func aListWrappedInAnObjectAndSince() throws {
        let pln = PlnRunner()
        let wrapped = pln.folder.write("your_posts_2.json",
                                       "{\"status_updates_v2\": " + ImportedJournal.fixtureText("facebook/your_posts_1.json") + "}")
        // Posts before --since are left out with their links and tagged people.
        let result = pln.run(["import", "--since", "2024-01-02T12:00:00Z", wrapped])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 entries, 0 people, 0 sources, 0 links from your_posts_2.json with facebook; "
            + "skipped 4 (before --since: 2, no text or link: 2)\n")
        #expect(try ImportedJournal(pln).entries.map { String($0.prefix(25)) } == ["2024-01-03T00:00:00+00:00", "2024-01-06T00:00:00+00:00"])
    }

    @Test func aBadPostIsNamedAndNothingIsSaved() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("facebook/your_posts_1.json")
        let bad = pln.folder.write("your_posts_1.json", text.replacingOccurrences(of: "\"timestamp\": 1704153600", with: "\"timestamp\": \"yesterday\""))
        let result = pln.run(["import", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(bad): post 2: 'timestamp' is not Unix seconds: yesterday; nothing it wrote was saved\n")

        let cut = pln.folder.write("cut.json", String(text.prefix(200)))
        let truncated = pln.run(["import", "--as", "facebook", cut])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.hasPrefix("pln: \(cut):6: "))
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
