import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `reddit` importer: Reddit's data request (a flat zip of CSVs).
///
/// Fixtures/reddit/export/ holds the CSVs after Reddit's columns (Markdown bodies with line
/// breaks, quotes and entities, absolute and site-relative permalinks, [deleted]/[removed],
/// a reply chain, saved items, statistics.csv naming the owner ms_teaches). export.zip holds the
/// same files flat, as Reddit sends them; `python3 make.py` in that folder writes it.
@Suite("Importing Reddit's data export")
struct RedditImporterTests {
    static let zip = ImportedJournal.fixture("reddit/export.zip")
    static let folder = ImportedJournal.fixture("reddit/export")

    static let thread = "reddit.com/exit_tickets_that_actually_work"

    @Test func postsAndCommentsBecomeEntriesAndSavedItemsSources() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.zip])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 4 entries, 2 people, 7 sources, 11 links from export.zip with reddit; "
            + "skipped 4 (deleted or removed: 2, saved: source only: 2)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == [
            "2024-01-10T08:15:00+00:00 | note | Exit tickets that actually work, in 3 steps\n\nWhat worked for me:\n\n"
                + "1. One question, not three\n2. Sort them *by answer*, not by name\n3. Start tomorrow with the mixed ones\n\n"
                + "Thanks to u/quiet_mentor for the idea & the \"sorting\" trick. #FormativeAssessment "
                + "| #formativeassessment | @quiet_mentor | [[\(Self.thread)]]",
            // Oldest first, so each reply follows up on the entry it answers; the owner is no person.
            "2024-01-10T09:00:00+00:00 | note | > Sort them by answer\n\nYes! @not_a_reddit_mention stays text, menu/item is no user, "
                + "u/Jane_Doe-42 helped. |  | @Jane_Doe-42 | [[\(Self.thread)]] | ↩1",
            "2024-01-10T09:30:00+00:00 | note | Exactly, and /u/ms_teaches agrees with me here.\nAlso see "
                + "[this thread](https://www.reddit.com/r/education/comments/xyz/grading/) and https://example.org/sorting-(v2). "
                + "|  |  | [[\(Self.thread)]] [[reddit.com/grading]] [[example.org/sorting-(v2)]] | ↩2",
            "2024-02-01T19:00:00+00:00 | share | A great summary of retrieval practice 🎉 |  |  "
                + "| [[reddit.com/a_great_summary_of_retrieval_practice]] [[retrievalpractice.org/strategies]]",
        ])
        #expect(journal.people == ["@Jane_Doe-42", "@quiet_mentor"])
        #expect(journal.sources == [
            "example.org/sorting-(v2) | webpage | - | https://example.org/sorting-(v2) |  | -",
            "reddit.com/a_great_summary_of_retrieval_practice | post | A great summary of retrieval practice 🎉 | "
                + "https://www.reddit.com/r/ELLCorner/comments/1fghij/a_great_summary_of_retrieval_practice/ |  | r/ELLCorner",
            "\(Self.thread) | post | Exit tickets that actually work, in 3 steps | "
                + "https://www.reddit.com/r/Teachers/comments/1abcde/exit_tickets_that_actually_work/ |  | r/Teachers",
            "reddit.com/grading | webpage | - | https://www.reddit.com/r/education/comments/xyz/grading/ |  | -",
            "reddit.com/ksaved | post | - | https://www.reddit.com/r/Teachers/comments/1zzz/classroom_jobs/ksaved/ |  | r/Teachers",
            "reddit.com/why_wait_time_matters | post | - | https://www.reddit.com/r/education/comments/1saved/why_wait_time_matters/ |  | r/education",
            "retrievalpractice.org/strategies | webpage | - | https://www.retrievalpractice.org/strategies |  | -",
        ])
        #expect(journal.fields[1] == (try JSONParser.parse("""
            {"file":"comments.csv","id":"t1_kc1","platform":"reddit","subreddit":"Teachers"}
            """)))

        // The unpacked folder is the same export: nothing new.
        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", Self.folder])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from export with reddit; "
            + "4 already imported; skipped 4 (deleted or removed: 2, saved: source only: 2)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func oneCSVOnItsOwnWithMe() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "jane_doe-42", Self.folder + "/comments.csv"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 entries, 1 person, 3 sources, 6 links from comments.csv with reddit; "
            + "skipped 1 (deleted or removed: 1)\n")
        let journal = try ImportedJournal(pln)
        // Without statistics.csv only --me says who the owner is; the post replied to is not here.
        #expect(journal.people == ["@ms_teaches"])
        #expect(journal.entries[0].hasSuffix("helped. |  |  | [[\(Self.thread)]]"))
        #expect(journal.entries[1].hasSuffix("| @ms_teaches | [[\(Self.thread)]] [[reddit.com/grading]] [[example.org/sorting-(v2)]] | ↩1"))

        let saved = pln.run(["import", Self.folder + "/saved_posts.csv"])
        #expect(saved.stdout == "imported 0 entries, 0 people, 1 source, 0 links from saved_posts.csv with reddit; "
            + "skipped 1 (saved: source only: 1)\n")
    }

    @Test func aBadRowNamesItsFileAndLineAndSavesNothing() throws {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let copy = pln.folder.path + "/reddit"
        try FileManager.default.copyItem(atPath: Self.folder, toPath: copy)
        let comments = copy + "/comments.csv"
        let text = try String(contentsOfFile: comments, encoding: .utf8)
        try text.replacingOccurrences(of: "2024-01-10 09:00:00 UTC", with: "yesterday")
            .write(toFile: comments, atomically: true, encoding: .utf8)
        let result = pln.run(["import", copy])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(comments):4: 'date' is not a date: yesterday; nothing it wrote was saved\n")

        try (text.components(separatedBy: "\n").prefix(2).joined(separator: "\n") + "\n")
            .write(toFile: comments, atomically: true, encoding: .utf8)
        let cut = pln.run(["import", copy])
        #expect(cut.status == 1)
        #expect(cut.stderr == "pln: \(comments):2: unterminated quoted field (the quote opened on line 2 never closes); nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
