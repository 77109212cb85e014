import Foundation
import PLNCore
import PLNTestSupport

/// What a platform import left in a journal, read back through pln's machine formats, as
/// one readable line per entry, person and source so a failing test shows the difference.
struct ImportedJournal {
    /// Entries in the order they were added: "DATE | KIND | BODY | #tag … | @person … | [[key]] …",
    /// with a trailing " | *" when starred and " | ↩N" for a follow-up of entry N.
    var entries: [String] = []
    /// The entries' custom fields, in the same order.
    var fields: [JSONValue] = []
    /// People by handle: "@handle" or "@handle (Name)".
    var people: [String] = []
    /// Sources by key: "key | type | title | url | authors | container".
    var sources: [String] = []

    init(_ pln: PlnRunner) throws {
        for line in pln.run(["export", "--format", "jsonl"]).lines {
            let record = try JSONParser.parse(line)
            guard record["record"] == nil else { continue }
            var text = [record["date"]?.stringValue ?? "", record["kind"]?.stringValue ?? "",
                        record["body"]?.stringValue ?? ""].joined(separator: " | ")
            text += " | " + (record["tags"]?.arrayValue ?? []).compactMap { $0.stringValue.map { "#" + $0 } }.joined(separator: " ")
            text += " | " + (record["people"]?.arrayValue ?? []).compactMap { $0["handle"]?.stringValue }.joined(separator: " ")
            text += " | " + (record["sources"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue.map { "[[\($0)]]" } }.joined(separator: " ")
            if record["starred"]?.boolValue == true { text += " | *" }
            for link in record["links"]?.arrayValue ?? [] {
                if let id = link["id"]?.intValue { text += " | ↩\(id)" }
            }
            entries.append(text)
            fields.append(record["fields"] ?? .null)
        }
        for line in pln.run(["people", "--format", "jsonl"]).lines {
            let person = try JSONParser.parse(line)
            let handle = person["handle"]?.stringValue ?? ""
            people.append(person["name"]?.stringValue.map { "\(handle) (\($0))" } ?? handle)
        }
        for line in pln.run(["sources", "--format", "jsonl"]).lines {
            let source = try JSONParser.parse(line)
            sources.append([source["key"], source["type"], source["title"], source["url"]]
                .map { $0?.stringValue ?? "-" }.joined(separator: " | ")
                + " | " + (source["authors"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: "; ")
                + " | " + (source["container"]?.stringValue ?? "-"))
        }
    }

    /// The path of a checked-in sample export under Tests/EndToEndTests/Fixtures.
    static func fixture(_ path: String) -> String {
        var url = URL(fileURLWithPath: #filePath)
        url.deleteLastPathComponent()
        url.deleteLastPathComponent()
        return url.path + "/Fixtures/" + path
    }

    /// The text of a sample export, to write a broken copy of it.
    static func fixtureText(_ path: String) -> String {
        (try? String(contentsOfFile: fixture(path), encoding: .utf8)) ?? ""
    }
}
