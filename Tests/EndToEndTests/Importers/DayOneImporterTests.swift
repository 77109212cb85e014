import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `dayone` importer: Day One's JSON export.
///
/// Fixtures/dayone/Journal.json follows Day One's layout (escaped slashes in zones, backslash
/// escapes in the Markdown, an inline photo moment, a heading, location, an entry without tags,
/// a zone the system does not know, a photo-only and an empty entry); dayone-export.zip holds it
/// with its photos and comes from `python3 make.py` in that folder.
@Suite("Importing Day One journals")
struct DayOneImporterTests {
    static let zip = ImportedJournal.fixture("dayone/dayone-export.zip")

    @Test func entriesKeepTheirZoneTagsStarsAndUUIDs() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.zip])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 5 entries, 0 people, 0 sources, 0 links from dayone-export.zip with dayone; skipped 1 (empty entry: 1)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == [
            "2024-07-04T12:30:00-04:00 | note | Fireworks! Finished ch. 3 (retrieval practice) - worth it.\n\n"
                + "# Notes stay a heading, not a #tag\n\nPath C:\\Users stays. | #ell #summer-reading |  |  | *",
            // @ and [[ ]] stay text: Day One names no people or sources.
            "2024-01-15T08:05:09+01:00 | note | Winter term starts. Talked with @jonas about [[exit tickets]] 🎉 |  |  | ",
            "2024-03-10T08:30:00+05:30 | note | Workshop in Pune: peer feedback in pairs. | #pd |  | ",
            "2024-05-01T12:00:00+00:00 | note | Zone unknown to the system: kept in UTC. |  |  | ",
            "2024-05-02T11:00:00+02:00 | note | photos/1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f.png |  |  | ",
        ])
        #expect(journal.people.isEmpty)
        #expect(journal.sources.isEmpty)
        #expect(journal.fields[0] == (try JSONParser.parse("""
            {"file":"Journal.json","id":"8F3A2B1C4D5E6F708192A3B4C5D6E7F8","journal":"Journal","latitude":40.6602,"longitude":-73.969,\
            "media":["photos/0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e.jpeg"],"place":"Prospect Park, Brooklyn, United States",\
            "platform":"dayone","timezone":"America/New_York"}
            """)))
        let first = try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)
        #expect(first["uuid"] == .string("8f3a2b1c-4d5e-6f70-8192-a3b4c5d6e7f8"))

        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", ImportedJournal.fixture("dayone/Journal.json")])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from Journal.json with dayone; "
            + "5 already imported; skipped 1 (empty entry: 1)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    /// Past the last transition a zone file lists, its POSIX rule decides (northern and southern
    /// summers, Ireland's winter "daylight saving", the hour of the change).
    @Test(arguments: [
        ("2040-07-04T16:30:00Z", "America/New_York", "2040-07-04T12:30:00-04:00"),
        ("2040-01-04T16:30:00Z", "America/New_York", "2040-01-04T11:30:00-05:00"),
        ("2040-01-15T00:00:00Z", "Australia/Sydney", "2040-01-15T11:00:00+11:00"),
        ("2040-07-15T00:00:00Z", "Australia/Sydney", "2040-07-15T10:00:00+10:00"),
        ("2040-07-15T00:00:00Z", "Europe/Dublin", "2040-07-15T01:00:00+01:00"),
        ("2040-01-15T00:00:00Z", "Europe/Dublin", "2040-01-15T00:00:00+00:00"),
        ("2040-03-25T00:59:59Z", "Europe/Berlin", "2040-03-25T01:59:59+01:00"),
        ("2040-03-25T01:00:00Z", "Europe/Berlin", "2040-03-25T03:00:00+02:00"),
        ("2024-10-27T00:59:59Z", "Europe/Berlin", "2024-10-27T02:59:59+02:00"),
        ("2024-10-27T01:00:00Z", "Europe/Berlin", "2024-10-27T02:00:00+01:00"),
    ])
    func offsetsComeFromTheEntrysZone(created: String, zone: String, expected: String) throws {
        let pln = PlnRunner(zone: "UTC")
        let file = pln.folder.write("Journal.json", """
            {"metadata":{"version":"1.0"},"entries":[{"uuid":"00000000000000000000000000000001",\
            "creationDate":"\(created)","timeZone":"\(zone.replacingOccurrences(of: "/", with: "\\/"))","text":"x"}]}
            """)
        let result = pln.run(["import", file])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try ImportedJournal(pln).entries == ["\(expected) | note | x |  |  | "])
    }

    @Test func onlyAFolderLaidOutAsDayOneExportsIsRecognised() throws {
        let pln = PlnRunner()
        let folder = pln.folder.path + "/export"
        try FileManager.default.createDirectory(atPath: folder + "/photos", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: ImportedJournal.fixture("dayone/Journal.json"), toPath: folder + "/Journal.json")
        // A file Day One never writes beside its journals: not taken for a Day One export ...
        _ = pln.folder.write("export/notes.txt", "not Day One\n")
        let unknown = pln.run(["import", folder])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.hasPrefix("pln: no importer recognises \(folder); name one with --as NAME"))
        // ... but read when named.
        let named = pln.run(["import", "--as", "dayone", folder])
        #expect(named.status == 0, "\(named.stderr)")
        #expect(named.stdout.hasPrefix("imported 5 entries"))
        try FileManager.default.removeItem(atPath: folder + "/notes.txt")
        #expect(pln.run(["import", folder]).stdout.contains("5 already imported"))
    }

    @Test func aBadEntryIsNamedAndNothingIsSaved() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("dayone/Journal.json")
        let bad = pln.folder.write("Journal.json", text.replacingOccurrences(of: "\"2024-03-10T03:00:00Z\"", with: "\"last tuesday\""))
        let result = pln.run(["import", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(bad): entry 3: 'creationDate' is not a date: last tuesday; nothing it wrote was saved\n")

        let cut = pln.folder.write("cut.json", String(text.prefix(120)))
        let truncated = pln.run(["import", "--as", "dayone", cut])
        #expect(truncated.status == 1)
        #expect(truncated.stderr.hasPrefix("pln: \(cut):"))
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
