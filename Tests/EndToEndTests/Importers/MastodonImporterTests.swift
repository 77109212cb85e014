import Foundation
import PLNTestSupport
import Testing

/// `pln import` of a Mastodon account archive (Tests/EndToEndTests/Fixtures/mastodon).
@Suite("Importing a Mastodon archive")
struct MastodonImporterTests {
    static let archive = ImportedJournal.fixture("mastodon/archive-20230110120000-0123456789abcdef.tar.gz")
    static let folder = ImportedJournal.fixture("mastodon/archive")
    static let outbox = ImportedJournal.fixture("mastodon/archive/outbox.json")

    static let entries = [
        "2023-01-01T12:00:00+00:00 | note | Tried think-pair-share today & it worked! 🎉 #ELL #ThinkPairShare⏎⏎Thanks @jane and "
            + "@bob@scholar.social for the idea.⏎Paper: https://example.org/papers/2022/think-pair-share-in-practice | #ell "
            + "#thinkpairshare | @jane@mastodon.social @bob@scholar.social | [[example.org/think-pair-share-in-practice]]",
        "2023-01-01T12:30:05+00:00 | note | CW: Long thread: assessment⏎⏎Follow-up: exit tickets showed who *didn't* get it."
            + "⏎⏎Two lines in one paragraph |  |  |  | ↩1",
        "2023-01-03T08:15:30+00:00 | share | Boosted https://scholar.social/users/bob/statuses/109619876543210000 |  |  | "
            + "[[scholar.social/109619876543210000]]",
        "2023-01-06T15:45:00+00:00 | note | Which works better for checking understanding?⏎⏎- Exit tickets⏎- Mini whiteboards"
            + " |  |  | ",
        "2023-01-07T20:10:00+00:00 | note | @bob thanks for [the slides](https://slides.example.net/feedback-loops.pdf) & notes! "
            + "I'll cite you <3 |  | @bob@scholar.social | [[slides.example.net/feedback-loops.pdf]]",
        "2023-01-08T07:05:09+00:00 | note | Guten Morgen aus dem Café! ☕ #CaféLernen mit @ann | #cafélernen |  | ",
    ]
    static let status = "https://mastodon.social/users/ann/statuses/"
    static let fields = [
        "file=outbox.json id=\(status)109612345678901234 language=en platform=mastodon "
            + "url=https://mastodon.social/@ann/109612345678901234 visibility=public",
        "file=outbox.json id=\(status)109612399999999999 in_reply_to=\(status)109612345678901234 platform=mastodon "
            + "url=https://mastodon.social/@ann/109612399999999999 visibility=unlisted",
        "file=outbox.json id=\(status)109620000000000000/activity platform=mastodon visibility=public",
        "file=outbox.json id=\(status)109640000000000000 platform=mastodon visibility=private",
        "file=outbox.json id=\(status)109650000000000000 in_reply_to=https://scholar.social/users/bob/statuses/109649999999999999 "
            + "platform=mastodon url=https://mastodon.social/@ann/109650000000000000 visibility=direct",
        "file=outbox.json id=\(status)109660000000000000 language=de platform=mastodon "
            + "url=https://mastodon.social/@ann/109660000000000000 visibility=public",
    ]
    static let sources = [
        "example.org/think-pair-share-in-practice | - | https://example.org/papers/2022/think-pair-share-in-practice",
        "scholar.social/109619876543210000 | - | https://scholar.social/users/bob/statuses/109619876543210000",
        "slides.example.net/feedback-loops.pdf | - | https://slides.example.net/feedback-loops.pdf",
    ]

    @Test func theArchiveIsDetectedAndImportedExactly() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.archive])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 6 entries, 2 people, 3 sources, 7 links from "
            + "archive-20230110120000-0123456789abcdef.tar.gz with mastodon; skipped 1 (no text: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == Self.entries)
        #expect(journal.fieldPairs == Self.fields)
        // The owner (actor.json: ann on mastodon.social) is never a person, local mentions get
        // their domain from the mention's href.
        #expect(journal.people == ["@bob@scholar.social", "@jane@mastodon.social"])
        #expect(journal.sourceLines == Self.sources)
        // Tags and people are the ones the export names, not read again from the text.
        #expect(pln.run(["list", "#ell", "--format", "jsonl"]).lines.count == 1)
    }

    @Test func importingAgainAddsNothing() throws {
        let pln = PlnRunner()
        #expect(pln.run(["import", Self.archive]).status == 0)
        let before = ImportedJournal.export(pln)
        let again = pln.run(["import", Self.folder])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from archive with mastodon; "
            + "6 already imported; skipped 1 (no text: 1)\n")
        #expect(ImportedJournal.export(pln) == before)
    }

    @Test func theUnpackedFolderReadsTheSame() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.folder])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == Self.entries)
        #expect(journal.people == ["@bob@scholar.social", "@jane@mastodon.social"])
    }

    @Test func aBareOutboxIsDetectedAndMeNamesTheOwner() throws {
        // Without actor.json the owner is unknown: their self-mention becomes a person...
        let anonymous = PlnRunner()
        let first = anonymous.run(["import", Self.outbox])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("imported 6 entries, 3 people, 3 sources, 8 links from outbox.json with mastodon"))
        #expect(try ImportedJournal(anonymous).people == ["@ann@mastodon.social", "@bob@scholar.social", "@jane@mastodon.social"])
        // ...unless --me says who they are.
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "ann", Self.outbox])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.lines == Self.entries)
        #expect(journal.people == ["@bob@scholar.social", "@jane@mastodon.social"])
    }

    @Test func aBadRecordImportsNothingAndIsNamed() throws {
        let pln = PlnRunner()
        pln.add("Before the import #ell")
        let before = ImportedJournal.export(pln)
        let result = pln.run(["import", ImportedJournal.fixture("mastodon/malformed/outbox.json")])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "pln: outbox.json record 3: published is not an ISO 8601 date: yesterday-ish; "
            + "nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
        // A cut-off outbox names the file and line.
        let text = try String(contentsOfFile: Self.outbox, encoding: .utf8)
        let truncated = pln.folder.write("outbox.json", String(text.prefix(3000)))
        let cut = pln.run(["import", "--as", "mastodon", truncated])
        #expect(cut.status == 1)
        #expect(cut.stderr == "pln: outbox.json:1: unterminated string; nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
        // A collection whose items are not "orderedItems" (the word only inside a string) is refused.
        let other = pln.folder.write("outbox.json", """
            {"type":"OrderedCollection","summary":"\\"orderedItems\\": [1]","items":[{"type":"Create"}]}
            """)
        let refused = pln.run(["import", "--as", "mastodon", other])
        #expect(refused.status == 1)
        #expect(refused.stderr == "pln: outbox.json: not a Mastodon outbox (no orderedItems); nothing it wrote was saved\n")
        #expect(ImportedJournal.export(pln) == before)
        // --skip-bad imports the rest.
        let skipping = pln.run(["import", "--skip-bad", ImportedJournal.fixture("mastodon/malformed/outbox.json")])
        #expect(skipping.status == 0, "\(skipping.stderr)")
        #expect(skipping.stdout.hasPrefix("imported 5 entries"))
    }
}
