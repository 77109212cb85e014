import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `instagram` importer: posts from "Download your information" (JSON).
///
/// Fixtures/instagram/posts_1.json is written by `python3 make.py` in that folder the way
/// Instagram writes it (every UTF-8 byte escaped on its own; a single photo with its caption as
/// the media title; a carousel with the caption on the post; a post without caption; an empty
/// one). make.py also writes instagram-export.zip, holding it as
/// your_instagram_activity/content/posts_1.json.
@Suite("Importing Instagram posts")
struct InstagramImporterTests {
    static let posts = ImportedJournal.fixture("instagram/posts_1.json")
    static let zip = ImportedJournal.fixture("instagram/instagram-export.zip")

    static let entries = [
        "2023-03-27T06:53:20+00:00 | note | Gallery walk in 9b 🖼️ — thanks @ana.lopez & @mia_teaches!\n#ELL #Peer-Feedback #2023 "
            + "| #ell #peer-feedback | @ana.lopez @mia_teaches | ",
        "2023-04-03T05:33:25+00:00 | note | Carousel: exit tickets, sorted by answer. Café talk with @jonas_weiss. "
            + "Slides: https://example.org/exit-tickets. mail: me@example.org |  | @jonas_weiss | [[example.org/exit-tickets]]",
        "2023-05-02T04:00:00+00:00 | note | media/posts/202305/17900000000000004.jpg |  |  | ",
    ]

    @Test func captionsBecomeEntriesWithTheirTagsAndMentions() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.zip])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 3 entries, 3 people, 1 source, 4 links from instagram-export.zip with instagram; "
            + "skipped 1 (no caption or media: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == Self.entries)
        #expect(journal.people == ["@ana.lopez", "@jonas_weiss", "@mia_teaches"])
        #expect(journal.sources == ["example.org/exit-tickets | webpage | - | https://example.org/exit-tickets |  | -"])
        #expect(journal.fields[1] == (try JSONParser.parse("""
            {"file":"your_instagram_activity/content/posts_1.json","id":"1680500005-b2647548e4a2",\
            "media":["media/posts/202304/17900000000000002.jpg","media/posts/202304/17900000000000003.mp4"],"platform":"instagram"}
            """)))

        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", Self.posts])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from posts_1.json with instagram; "
            + "3 already imported; skipped 1 (no caption or media: 1)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func theOwnerGivenWithMeIsNoPerson() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "@mia_teaches", Self.posts])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.people == ["@ana.lopez", "@jonas_weiss"])
        #expect(journal.entries[0].hasSuffix("| #ell #peer-feedback | @ana.lopez | "))
    }

    @Test func aFileHoldingOnePostAsAnObject() throws {
        let pln = PlnRunner()
        let file = pln.folder.write("posts_1.json", """
            {"media": [{"uri": "media/posts/202401/1.jpg", "creation_timestamp": 1704103200,
                        "title": "New year, new seating plan \\u00f0\\u009f\\u0092\\u00ba #classroom"}]}
            """)
        let result = pln.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ImportedJournal(pln).entries == ["2024-01-01T10:00:00+00:00 | note | New year, new seating plan 💺 #classroom | #classroom |  | "])
    }

    @Test func aBadPostIsNamedAndNothingIsSaved() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("instagram/posts_1.json")
        let bad = pln.folder.write("posts_1.json", text.replacingOccurrences(of: "\"creation_timestamp\": 1680500005", with: "\"creation_timestamp\": \"April\""))
        let result = pln.run(["import", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(bad): post 2: 'creation_timestamp' is not Unix seconds: April; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
