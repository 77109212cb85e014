import Foundation
import PLNCore
import PLNTestSupport
import Testing

@Suite("Twitter importer")
struct TwitterImportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Fixtures/twitter"
    static let zip = fixtures + "/twitter-2024-09-30-abc123.zip"
    static let summary = "imported 5 entries, 2 people, 2 sources, 7 links from twitter-2024-09-30-abc123.zip with twitter; skipped 1 (no text: 1)\n"

    /// What the journal holds, one line per entry (sorted by tweet id), without ids and UUIDs.
    private func entries(_ pln: PlnRunner) throws -> [String] {
        let lines = pln.run(["export", "--format", "jsonl"]).lines.filter { $0.hasPrefix("{\"id\"") }
        var byTweet: [String: JSONValue] = [:]
        var tweetOfEntry: [String: String] = [:]
        for line in lines {
            let entry = try JSONParser.parse(line)
            let tweet = entry["fields"]?["id"]?.stringValue ?? "?"
            byTweet[tweet] = entry
            tweetOfEntry[entry["uuid"]?.stringValue ?? ""] = tweet
        }
        return byTweet.keys.sorted().map { tweet in
            let entry = byTweet[tweet]!
            func list(_ key: String, _ field: String) -> String {
                (entry[key]?.arrayValue ?? []).map { $0[field]?.stringValue ?? $0.stringValue ?? "?" }.joined(separator: ",")
            }
            let follows = (entry["links"]?.arrayValue ?? []).map { tweetOfEntry[$0["uuid"]?.stringValue ?? ""] ?? "?" }
            return [tweet, entry["date"]?.stringValue ?? "", entry["kind"]?.stringValue ?? "",
                    "tags=" + list("tags", ""), "people=" + list("people", "handle"), "sources=" + list("sources", "key"),
                    "follows=" + follows.joined(separator: ","), "file=" + (entry["fields"]?["file"]?.stringValue ?? ""),
                    entry["body"]?.stringValue ?? ""].joined(separator: " | ")
        }
    }

    private static let expected = [
        "1830000000000000001 | 2024-09-02T07:15:00+00:00 | note | tags=ell | people= | sources= | follows= | file=data/tweets-part1.js | Trying think-pair-share with my #ELL class tomorrow 🎉 Fish & chips after",
        "1830000000000000002 | 2024-09-03T16:20:00+00:00 | note | tags= | people=@jane_doe | sources=edutopia.org/think-pair-share | follows=1830000000000000001 | file=data/tweets.js | @ms_teacher Update: it worked!\nStudents talked > listened. Thanks @jane_doe https://edutopia.org/article/think-pair-share",
        "1830000000000000003 | 2024-09-05T12:00:00+00:00 | share | tags=edchat | people=@edu_researcher | sources=doi.org/xyz123 | follows= | file=data/tweets.js | RT @edu_researcher: New paper on retrieval practice & spacing #edchat https://doi.org/10.1000/xyz123",
        "1830000000000000005 | 2024-09-11T18:45:10+00:00 | note | tags= | people=@jane_doe | sources=edutopia.org/think-pair-share | follows= | file=data/tweets.js | @jane_doe Thank you! Same article, still <3 it: https://www.edutopia.org/article/think-pair-share/",
        "1830000000000000006 | 2024-09-20T15:30:00+00:00 | note | tags=edchat | people= | sources= | follows= | file=data/tweets.js | Three things I learned today:\n1. wait time\n2. cold calling\n3. 🧠 #EdChat",
    ]

    @Test func theZipImportsExactlyAndASecondImportAddsNothing() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.zip])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.summary)
        // Not a terminal: no progress bar, nothing at all on stderr.
        #expect(result.stderr == "")
        #expect(try entries(pln) == Self.expected)
        // People get the names the export gives; the owner (account.js) is never a person.
        let people = pln.run(["people", "--format", "jsonl"]).lines.map { try? JSONParser.parse($0) }
        #expect(people.map { $0?["handle"]?.stringValue ?? "" }.sorted() == ["@edu_researcher", "@jane_doe"])
        #expect(people.compactMap { $0?["name"]?.stringValue }.sorted() == ["Edu Researcher", "Jane Doe"])
        let sources = pln.run(["sources", "--format", "jsonl"]).lines.compactMap { try? JSONParser.parse($0) }
        #expect(sources.compactMap { $0["url"]?.stringValue }.sorted()
                == ["https://doi.org/10.1000/xyz123", "https://www.edutopia.org/article/think-pair-share/"])
        // Shown in local time (Europe/Berlin).
        #expect(pln.run(["list", "tag:ell"]).stdout.contains("2024-09-02 09:15"))
        let again = pln.run(["import", Self.zip])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from twitter-2024-09-30-abc123.zip with twitter; 5 already imported; skipped 1 (no text: 1)\n")
        #expect(pln.run(["count"]).stdout == "5\n")
    }

    @Test func theFolderImportsLikeTheZipAndAfterItNothing() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.fixtures + "/archive"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.summary.replacingOccurrences(of: "twitter-2024-09-30-abc123.zip", with: "archive"))
        #expect(try entries(pln) == Self.expected)
        // The zip of the same archive adds nothing.
        #expect(pln.run(["import", Self.zip]).stdout.hasPrefix("imported 0 entries, 0 people, 0 sources, 0 links"))
    }

    @Test func aBare2019TweetFileWithMe() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", "--me", "@ms_teacher", Self.fixtures + "/tweet.js"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 entry, 0 people, 0 sources, 0 links from tweet.js with twitter\n")
        #expect(try entries(pln) == [
            "1107000000000000001 | 2019-03-19T14:05:17+00:00 | note | tags=tbt,übungmacht | people= | sources= | follows= | file=tweet.js | Old school: my first year of teaching #tbt #ÜbungMacht",
        ])
        let shown = try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)
        #expect(shown["fields"]?["url"]?.stringValue == "https://twitter.com/ms_teacher/status/1107000000000000001")
    }

    @Test func aMalformedRecordImportsNothingAndNamesFileAndRecord() {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.fixtures + "/malformed"])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: data/tweets.js record 1 (id 1830000000000000502): created_at \"yesterday\" is not a Twitter date; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "0\n")
        // --skip-bad imports the good one and reports the bad one.
        let skipping = pln.run(["import", "--skip-bad", Self.fixtures + "/malformed"])
        #expect(skipping.status == 0)
        #expect(skipping.stderr == "pln: skipped data/tweets.js record 1 (id 1830000000000000502): created_at \"yesterday\" is not a Twitter date\n")
        #expect(skipping.stdout == "imported 1 entry, 0 people, 0 sources, 0 links from malformed with twitter; skipped 1 (bad record: 1)\n")
    }

    @Test func dryRunAndSince() {
        let pln = PlnRunner()
        let dry = pln.run(["import", "--dry-run", Self.zip])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.lines.last == "would import 5 entries, 2 people, 2 sources, 7 links from twitter-2024-09-30-abc123.zip with twitter; skipped 1 (no text: 1); dry run: nothing was saved")
        #expect(dry.lines.count == 6)
        #expect(dry.stdout.contains("Trying think-pair-share"))
        #expect(pln.run(["count"]).stdout == "0\n")
        let since = pln.run(["import", "--since", "2024-09-05", Self.zip])
        #expect(since.stdout == "imported 3 entries, 2 people, 2 sources, 4 links from twitter-2024-09-30-abc123.zip with twitter; skipped 3 (no text: 1, before --since: 2)\n")
        // The name column is as wide as the longest importer name.
        #expect(pln.run(["importers"]).lines.contains { $0.hasPrefix("twitter ") && $0.contains(" bundled ") })
    }

    @Test func ctrlCMidImportRollsBackAndSaysSo() throws {
        let pln = PlnRunner()
        pln.add("already here")
        let before = pln.journalFingerprint()
        // Far more tweets than a debug build imports in the time before the interrupt.
        var tweets: [String] = []
        for index in 0..<20_000 {
            tweets.append(#"{"tweet":{"id_str":"\#(10_000 + index)","created_at":"Mon Sep 02 07:15:00 +0000 2024","full_text":"tweet \#(index) #bulk","entities":{"hashtags":[{"text":"bulk"}],"user_mentions":[],"urls":[]}}}"#)
        }
        let file = pln.folder.write("tweets.js", "window.YTD.tweets.part0 = [\n" + tweets.joined(separator: ",\n") + "\n]")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PlnRunner.binary)
        process.arguments = ["import", "--me", "ms_teacher", file]
        process.environment = pln.environment
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        process.interrupt()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(message == "pln: interrupted; nothing was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test func plnsOwnExportIsNeverClaimedByTheTwitterImporter() {
        let source = PlnRunner()
        source.add("Met @ana about #ell https://example.com/x")
        let file = source.folder.path + "/backup.jsonl"
        _ = FileManager.default.createFile(atPath: file, contents: Data(source.run(["export"]).stdout.utf8))
        let target = PlnRunner()
        let result = target.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("imported 1 entry"))
        #expect(!result.stdout.contains("with twitter"))
    }
}
