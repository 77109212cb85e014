import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `youtube` importer: Google Takeout's watch-history.json.
///
/// Fixtures/youtube/watch-history.json is written after Takeout's layout (HTML-safe escapes such
/// as \u003d, an ad view, a removed video, a post, a German title, a video watched twice);
/// takeout.zip holds it where Takeout puts it and comes from `python3 make.py` in that folder.
@Suite("Importing YouTube watch history")
struct YouTubeImporterTests {
    static let history = ImportedJournal.fixture("youtube/watch-history.json")

    static let entries = [
        "2022-04-25T18:09:04+00:00 | note | Watched Think-Pair-Share in the ELL classroom 🎉 |  |  | [[youtube-AbC123xyz_0]]",
        "2022-04-24T07:00:00+00:00 | note | Watched https://www.youtube.com/watch?v=GoneGone123 |  |  | [[youtube-GoneGone123]]",
        "2022-04-23T21:30:15+00:00 | note | Watched Q&A: 'Retrieval practice' < 5 minutes |  |  | [[youtube-Music000042]]",
        "2022-04-21T09:15:00+00:00 | note | Hat „Lernen sichtbar machen“ angesehen |  |  | [[youtube-DeUtScH0001]]",
        "2022-04-20T16:45:30+00:00 | note | Watched Think-Pair-Share in the ELL classroom 🎉 |  |  | [[youtube-AbC123xyz_0]]",
    ]

    static let sources = [
        "youtube-AbC123xyz_0 | video | Think-Pair-Share in the ELL classroom 🎉 | https://www.youtube.com/watch?v=AbC123xyz_0 | Edutopia | -",
        "youtube-DeUtScH0001 | video | Hat „Lernen sichtbar machen“ angesehen | https://www.youtube.com/watch?v=DeUtScH0001 | Schule im Netz | -",
        "youtube-GoneGone123 | video | - | https://www.youtube.com/watch?v=GoneGone123 |  | -",
        "youtube-Music000042 | video | Q&A: 'Retrieval practice' < 5 minutes | https://music.youtube.com/watch?v=Music000042 | The Learning Scientists | -",
    ]

    @Test func watchedVideosBecomeNotesCitingOneSourcePerVideo() throws {
        let pln = PlnRunner()
        // No --as: the importer recognises the file.
        let result = pln.run(["import", Self.history])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 5 entries, 0 people, 4 sources, 5 links from watch-history.json with youtube; "
            + "skipped 3 (ad: 1, not a video: 1, removed video: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == Self.entries)
        #expect(journal.sources == Self.sources)
        #expect(journal.people.isEmpty)
        #expect(journal.fields.first == (try JSONParser.parse("""
            {"channel":"Edutopia","file":"watch-history.json","id":"AbC123xyz_0","platform":"youtube","product":"YouTube"}
            """)))

        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", Self.history])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from watch-history.json with youtube; "
            + "5 already imported; skipped 3 (ad: 1, not a video: 1, removed video: 1)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func theTakeoutZipIsReadInPlace() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", ImportedJournal.fixture("youtube/takeout.zip")])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == Self.entries)
        #expect(journal.fields.first?["file"] == .string("Takeout/YouTube and YouTube Music/history/watch-history.json"))
        // The same history as a plain file afterwards adds nothing.
        #expect(pln.run(["import", Self.history]).stdout.contains("imported 0 entries"))
    }

    @Test func aVideoTheJournalAlreadyCitesKeepsItsSource() throws {
        let pln = PlnRunner()
        pln.add("Saw https://youtube.com/watch?v=AbC123xyz_0 in the staff room #ell")
        let result = pln.run(["import", "--as", "youtube", Self.history])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries[1] == "2022-04-25T18:09:04+00:00 | note | Watched Think-Pair-Share in the ELL classroom 🎉 |  |  | [[youtube.com/watch]]")
        #expect(journal.sources.filter { $0.contains("AbC123xyz_0") } == [
            "youtube.com/watch | video | Think-Pair-Share in the ELL classroom 🎉 | https://www.youtube.com/watch?v=AbC123xyz_0 | Edutopia | -",
        ])
    }

    @Test func aBadRecordNamesTheItemAndSavesNothing() {
        let pln = PlnRunner()
        pln.add("Already here #ell")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("youtube/watch-history.json")
        let badDate = pln.folder.write("watch-history.json",
                                       text.replacingOccurrences(of: "\"2022-04-23T21:30:15.002Z\"", with: "\"yesterday\""))
        let result = pln.run(["import", badDate])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(badDate): item 4: 'time' is not an ISO 8601 date: yesterday; nothing it wrote was saved\n")
        #expect(pln.journalFingerprint() == before)

        let truncated = pln.folder.write("cut.json", String(text.prefix(300)))
        let cut = pln.run(["import", "--as", "youtube", truncated])
        #expect(cut.status == 1)
        #expect(cut.stderr == "pln: \(truncated):9: unterminated string; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test func sinceSkipBadAndDryRun() throws {
        let pln = PlnRunner()
        let dry = pln.run(["import", "--dry-run", Self.history])
        #expect(dry.lines.last == "would import 5 entries, 0 people, 4 sources, 5 links from watch-history.json with youtube; "
            + "skipped 3 (ad: 1, not a video: 1, removed video: 1); dry run: nothing was saved")
        #expect(pln.run(["count"]).stdout == "0\n")

        // Berlin's midnight is 22:00 UTC the day before: three watches are older, and their
        // videos are not written either.
        let since = pln.run(["import", "--since", "2022-04-24", Self.history])
        #expect(since.stdout == "imported 2 entries, 0 people, 2 sources, 2 links from watch-history.json with youtube; "
            + "skipped 6 (ad: 1, before --since: 3, not a video: 1, removed video: 1)\n")
        #expect(try ImportedJournal(pln).sources.map { String($0.prefix(19)) } == ["youtube-AbC123xyz_0", "youtube-GoneGone123"])

        let other = PlnRunner()
        let text = ImportedJournal.fixtureText("youtube/watch-history.json")
        let bad = other.folder.write("watch-history.json",
                                     text.replacingOccurrences(of: "\"2022-04-23T21:30:15.002Z\"", with: "\"yesterday\""))
        let skipped = other.run(["import", "--skip-bad", bad])
        #expect(skipped.status == 0)
        #expect(skipped.stderr == "pln: skipped \(bad): item 4: 'time' is not an ISO 8601 date: yesterday\n")
        #expect(skipped.stdout == "imported 4 entries, 0 people, 3 sources, 4 links from watch-history.json with youtube; "
            + "skipped 4 (ad: 1, not a video: 1, removed video: 1, bad record: 1)\n")
    }

    @Test func anHTMLHistorySaysToExportJSON() throws {
        let pln = PlnRunner()
        let folder = pln.folder.path + "/Takeout/YouTube and YouTube Music/history"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let html = pln.folder.write("Takeout/YouTube and YouTube Music/history/watch-history.html",
                                    "<html><body><div>Watched <a href=\"https://www.youtube.com/watch?v=x\">x</a></div></body></html>\n")
        let help = "the watch history is HTML, Takeout's default; export it again choosing JSON as the history format "
            + "(Multiple formats → history → JSON); nothing it wrote was saved\n"
        let result = pln.run(["import", pln.folder.path + "/Takeout"])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(pln.folder.path)/Takeout: " + help)
        #expect(pln.run(["import", html]).stderr == "pln: \(html): " + help)
    }

    @Test func otherJSONIsNotTakenForAWatchHistory() {
        let pln = PlnRunner()
        let csl = pln.folder.write("refs.json", #"[{"id": "x", "type": "book", "title": "Make It Stick", "time": "2014"}]"#)
        #expect(pln.run(["import", csl]).stdout == "imported 1 source (1 new, 0 updated)\n")
    }
}
