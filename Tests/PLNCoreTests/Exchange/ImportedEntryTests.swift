import Foundation
import Testing
@testable import PLNCore

/// An import's entry records decoded before anything is written (`ImportedEntry`).
@Suite("Imported entries")
struct ImportedEntryTests {
    let context = DateContext(now: Date(timeIntervalSince1970: 1_790_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    func decode(_ json: String) throws -> ImportedEntry {
        try ImportedEntry(try JSONParser.parse(json), context: context)
    }

    @Test(arguments: [
        ("2026-11-02T15:42:00+01:00", "2026-11-02T15:42:00+01:00"),  // as stored: kept
        ("2026-11-02T15:42:00.250+0100", "2026-11-02T15:42:00+01:00"),
        ("2026-11-02T14:42:00Z", "2026-11-02T14:42:00+00:00"),
        ("2026-11-02 15:42", "2026-11-02T15:42:00+01:00"),  // local time in the journal's zone
    ])
    func datesAreStoredInOneForm(given: String, stored: String) throws {
        let entry = try decode(#"{"date":"\#(given)","body":"b"}"#)
        #expect(entry.date == stored)
        #expect(entry.date == entry.timestamp.iso8601)
    }

    @Test(arguments: [
        ("0a1b2c3d-0000-4000-8000-00000000000f", "0a1b2c3d-0000-4000-8000-00000000000f"),
        ("0A1B2C3D-0000-4000-8000-00000000000F", "0a1b2c3d-0000-4000-8000-00000000000f"),
        ("ÉTÉ-1", "été-1"),
    ])
    func uuidsAreLowerCased(given: String, stored: String) throws {
        let entry = try decode(#"{"uuid":"\#(given)","date":"2026-11-02T15:42:00Z","body":"b"}"#)
        #expect(entry.uuid == stored)
    }

    @Test func linksAsExportedAndInlineOnes() throws {
        let exported = try decode("""
            {"date":"2026-11-02T15:42:00Z","body":"#ignored","tags":["#ell","rubric"],
             "people":["@sam",{"handle":"@ana","role":"author"}],"sources":["hattie",{"key":"dweck","locator":"p. 3"}]}
            """)
        #expect(exported.tags == ["ell", "rubric"])
        #expect(exported.people == [PersonLink(handle: "sam"), PersonLink(handle: "ana", role: "author")])
        #expect(exported.sources == [SourceCitation(key: "hattie", locator: ""), SourceCitation(key: "dweck", locator: "p. 3")])
        let written = try decode(#"{"date":"2026-11-02T15:42:00Z","body":"Read [[hattie]] with @sam #ell https://example.org/a"}"#)
        #expect(written.tags == ["ell"])
        #expect(written.people == [PersonLink(handle: "sam")])
        #expect(written.sources == [SourceCitation(key: "hattie", locator: "")])
        #expect(written.urls == ["https://example.org/a"])
    }

    @Test(arguments: [
        (##"{"date":"2026-11-02T15:42:00Z"}"##, ##"missing "body""##),
        (##"{"body":"b","date":"2019-02-29T10:00:00Z"}"##, ##""date" is not an ISO 8601 date-time: '2019-02-29T10:00:00Z'"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","starred":"yes"}"##, ##""starred" must be true or false"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","tags":["#"]}"##, ##""tags" holds an empty tag"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","people":"sam"}"##, ##""people" must be an array"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","stages":[{"stage":"what","body":"x"}]}"##,
         ##""stages" and "followups" need a "framework""##),
    ])
    func problemsAreNamed(json: String, message: String) {
        do {
            _ = try decode(json)
            Issue.record("decoded \(json)")
        } catch let problem as Importer.RecordProblem {
            #expect(problem.message == message)
        } catch {
            Issue.record("\(error)")
        }
    }
}
