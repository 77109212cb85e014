import Foundation
import Testing
@testable import PLNCore

/// An import's entry records decoded before anything is written (`ImportedEntry`).
@Suite("Imported entries")
struct ImportedEntryTests {
    let context = DateContext(now: Date(timeIntervalSince1970: 1_790_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    /// Decodes `json` from a tree and from a tape (as a JSONL import does), which must agree:
    /// the same entry (but for a UUID made up for it) or the same problem.
    func decode(_ json: String) throws -> ImportedEntry {
        let fromTree = Result { () throws(Importer.RecordProblem) in try ImportedEntry(try! JSONParser.parse(json), context: context) }
        var tape = JSONTape()
        try JSONParser.parse(bytes: Array(json.utf8), into: &tape)
        let fromTape = tape.withRoot { root in Result { () throws(Importer.RecordProblem) in try ImportedEntry(root, context: context) } }
        switch (fromTree, fromTape) {
        case (.success(var tree), .success(var tape)):
            if !json.contains("\"uuid\"") { (tree.uuid, tape.uuid) = ("", "") }
            #expect(String(describing: tree) == String(describing: tape))
        case (.failure(let tree), .failure(let tape)):
            #expect(tree.message == tape.message)
        default:
            Issue.record("decoded one way only: \(fromTree) \(fromTape)")
        }
        return try fromTree.get()
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

    /// Every field an export writes, read alike from a tree and from a tape (`decode`).
    @Test func everyFieldReadsAlikeFromATreeAndATape() throws {
        let entry = try decode("""
            {"id":7,"uuid":"0a1b2c3d-0000-4000-8000-00000000000f","date":"2026-11-02T15:42:00+01:00","body":"Tried **exit tickets**",
             "tags":["ell","rubric"],"people":[{"handle":"@ana","role":"author"},"@sam"],"sources":[{"key":"dweck","locator":"p. 3"},"hattie"],
             "kind":"reflection","framework":"gibbs","starred":true,"fields":{"mood":"good","minutes":[5,10],"nested":{"a":null}},
             "links":[{"id":3,"uuid":"AAAAAAAA-0000-4000-8000-000000000001","role":"follows-up"}],
             "stages":[{"stage":"description","body":"what"},{"stage":"feelings","body":""}],
             "followups":[{"stage":"action","due":"2026-11-09","outcome":{"id":9,"uuid":"BBBBBBBB-0000-4000-8000-000000000002"}},{"stage":"plan","due":"2026-11-10","outcome":null}],
             "record":"entry"}
            """)
        #expect(entry.fields == #"{"mood":"good","minutes":[5,10],"nested":{"a":null}}"#)
        #expect(entry.links.map(\.uuid) == ["aaaaaaaa-0000-4000-8000-000000000001"])
        #expect(entry.followUps.map(\.outcome) == ["bbbbbbbb-0000-4000-8000-000000000002", nil])
        #expect(entry.people.map(\.role) == ["author", "mentioned"])
        #expect(entry.starred && entry.kind == "reflection")
    }

    @Test(arguments: [
        (##"{"date":"2026-11-02T15:42:00Z"}"##, ##"missing "body""##),
        (##"{"body":"b","date":"2019-02-29T10:00:00Z"}"##, ##""date" is not an ISO 8601 date-time: '2019-02-29T10:00:00Z'"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","starred":"yes"}"##, ##""starred" must be true or false"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","tags":["#"]}"##, ##""tags" holds an empty tag"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","people":"sam"}"##, ##""people" must be an array"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","people":[1]}"##, ##""people" must hold handles or {handle, role} objects"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","tags":["a",2]}"##, ##""tags" must hold strings"##),
        (##"{"body":"b","date":"2026-11-02T15:42:00Z","fields":[1]}"##, ##""fields" must be an object"##),
        (##"{"body":1,"date":"2026-11-02T15:42:00Z"}"##, ##""body" must be a string"##),
        (##"[1]"##, ##"expected an entry object"##),
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
