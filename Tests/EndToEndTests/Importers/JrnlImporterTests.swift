import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `jrnl` importer: `jrnl --export json` and the plain-text journal file.
///
/// Fixtures/jrnl/export.json is written as jrnl's JSON exporter writes (2-space indent, \u escapes
/// with surrogate pairs, tags with their symbol, a Day One uuid); journal.txt is the same journal
/// as jrnl keeps it on disk (a starred title, a 12-hour time, a bracket line that is not a date)
/// plus one more entry.
@Suite("Importing jrnl journals")
struct JrnlImporterTests {
    static let export = ImportedJournal.fixture("jrnl/export.json")
    static let text = ImportedJournal.fixture("jrnl/journal.txt")

    static let exported = [
        "2024-01-05T09:30:00+01:00 | note | Tried think-pair-share with @ell group. It worked — mostly.\nThe quiet ones talked 🎉 #PD | #ell #pd |  |  | *",
        // 02:30 does not exist in Berlin on that night: the clock had jumped to 03:30.
        "2024-03-31T03:30:00+02:00 | note | Short one. |  |  | ",
        "2024-07-01T18:05:00+02:00 | note | Imported from Day One.\n[[not a source]] and # not a heading | #ell |  | ",
    ]

    @Test func theJSONExportKeepsTitlesTagsStarsAndUUIDs() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.export])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 3 entries, 0 people, 0 sources, 0 links from export.json with jrnl\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == Self.exported)
        // jrnl's @ell is a tag: no person, and the text is not parsed for [[sources]].
        #expect(journal.people.isEmpty)
        #expect(journal.sources.isEmpty)
        let dayOne = try JSONParser.parse(pln.run(["show", "3", "--format", "json"]).stdout)
        #expect(dayOne["uuid"] == .string("9e6a2f1c-5b7d-4e3a-8f0b-1c2d3e4f5a6b"))
        #expect(journal.fields[0]["platform"] == .string("jrnl"))
        #expect(journal.fields[0]["file"] == .string("export.json"))

        let again = pln.run(["import", Self.export])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from export.json with jrnl; 3 already imported\n")
        #expect(pln.run(["count"]).stdout == "3\n")
    }

    @Test func theJournalFileAfterItsExportAddsOnlyWhatIsNew() throws {
        let pln = PlnRunner()
        pln.run(["import", Self.export])
        let result = pln.run(["import", Self.text])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 1 entry, 0 people, 0 sources, 0 links from journal.txt with jrnl; 3 already imported\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries.last == """
            2024-08-15T07:00:00+02:00 | note | Reading "Make It Stick", ch. 3 with @Mentoring-Circle.
            [not a date] stays in the body, and so does mail@example.org. | #mentoring-circle |  | 
            """)
    }

    @Test func standardInputWithAByteOrderMark() throws {
        let pln = PlnRunner()
        let piped = pln.run(["import", "--as", "jrnl", "-"], stdin: ImportedJournal.fixtureText("jrnl/export.json"))
        #expect(piped.stdout == "imported 3 entries, 0 people, 0 sources, 0 links from <stdin> with jrnl\n")
        let text = pln.run(["import", "--as", "jrnl", "-"], stdin: "\u{FEFF}" + ImportedJournal.fixtureText("jrnl/journal.txt"))
        #expect(text.stdout == "imported 1 entry, 0 people, 0 sources, 0 links from <stdin> with jrnl; 3 already imported\n")
        #expect(try ImportedJournal(pln).fields.last?["file"] == .string("<stdin>"))
    }

    @Test func theJournalFileIsReadInTheLocalTimeZone() throws {
        let pln = PlnRunner(zone: "America/New_York")
        let result = pln.run(["import", Self.text])
        #expect(result.status == 0, "\(result.stderr)")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries.map { String($0.prefix(25)) } == [
            "2024-01-05T09:30:00-05:00", "2024-03-31T02:30:00-04:00", "2024-07-01T18:05:00-04:00", "2024-08-15T07:00:00-04:00",
        ])
        #expect(journal.entries[0].hasSuffix("| #ell #pd |  |  | *"))
        #expect(journal.entries[2] == "2024-07-01T18:05:00-04:00 | note | Imported from Day One.\n[[not a source]] and # not a heading |  |  | ")
    }

    @Test func badDatesNameTheEntryOrLineAndSaveNothing() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let json = pln.folder.write("export.json", ImportedJournal.fixtureText("jrnl/export.json")
            .replacingOccurrences(of: "\"2024-03-31\"", with: "\"2024-02-30\""))
        let bad = pln.run(["import", json])
        #expect(bad.status == 1)
        #expect(bad.stderr == "pln: \(json): entry 2: invalid date '2024-02-30T02:30': February 2024 has 29 days; nothing it wrote was saved\n")

        let text = pln.folder.write("journal.txt", ImportedJournal.fixtureText("jrnl/journal.txt")
            .replacingOccurrences(of: "[2024-07-01 06:05:00 PM]", with: "[2024-13-01 06:05:00 PM]"))
        let badLine = pln.run(["import", text])
        #expect(badLine.status == 1)
        #expect(badLine.stderr == "pln: \(text):7: invalid date '2024-13-01T18:05:00': there is no month 13; months run 1-12; nothing it wrote was saved\n")

        let prose = pln.folder.write("notes.txt", "Dear diary\n" + ImportedJournal.fixtureText("jrnl/journal.txt"))
        let notJrnl = pln.run(["import", "--as", "jrnl", prose])
        #expect(notJrnl.status == 1)
        #expect(notJrnl.stderr == "pln: \(prose):1: not a jrnl journal: text before the first [date] line; nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test func plnsOwnExportIsNeverTakenForJrnl() throws {
        let pln = PlnRunner()
        pln.add("Kept in pln #ell")
        let file = pln.folder.write("pln.json", pln.run(["export", "--format", "json"]).stdout)
        let other = PlnRunner()
        #expect(other.run(["import", file]).stdout == "imported 1 entry, 0 people, 0 sources, 0 links\n")
        #expect(try ImportedJournal(other).entries.count == 1)
    }
}
