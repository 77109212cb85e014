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
    /// The entries in a shorter form, for formats whose bodies span lines: "DATE | KIND | BODY |
    /// #tag … | @person … | [[key]] …" and " | ↩N" per follow-up, line breaks written as "⏎".
    var lines: [String] = []
    /// Each entry's custom fields as sorted "key=value" pairs, in the order of `entries`.
    var fieldPairs: [String] = []
    /// Sources by key, shorter: "key | title | url".
    var sourceLines: [String] = []

    init(_ pln: PlnRunner) throws {
        for line in pln.run(["export", "--format", "jsonl"]).lines {
            let record = try JSONParser.parse(line)
            guard record["record"] == nil else { continue }
            let body = record["body"]?.stringValue ?? ""
            let links = " | " + (record["tags"]?.arrayValue ?? []).compactMap { $0.stringValue.map { "#" + $0 } }.joined(separator: " ")
                + " | " + (record["people"]?.arrayValue ?? []).compactMap { $0["handle"]?.stringValue }.joined(separator: " ")
                + " | " + (record["sources"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue.map { "[[\($0)]]" } }.joined(separator: " ")
            let followUps = (record["links"]?.arrayValue ?? []).compactMap { $0["id"]?.intValue.map { " | ↩\($0)" } }.joined()
            let head = [record["date"]?.stringValue ?? "", record["kind"]?.stringValue ?? ""].joined(separator: " | ")
            let star = record["starred"]?.boolValue == true ? " | *" : ""
            entries.append(head + " | " + body + links + star + followUps)
            lines.append(head + " | " + body.replacingOccurrences(of: "\n", with: "⏎") + links + followUps)
            fields.append(record["fields"] ?? .null)
            fieldPairs.append(Self.pairs(record["fields"]))
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
            sourceLines.append([source["key"], source["title"], source["url"]].map { $0?.stringValue ?? "-" }.joined(separator: " | "))
        }
    }

    /// `fields` as sorted "key=value" pairs (strings and booleans bare, anything else as JSON).
    private static func pairs(_ fields: JSONValue?) -> String {
        guard case .object(let members)? = fields else { return "" }
        return members.map { key, value in
            switch value {
            case .string(let text): "\(key)=\(text)"
            case .bool(let flag): "\(key)=\(flag)"
            default: "\(key)=\(value.serialized)"
            }
        }.sorted().joined(separator: " ")
    }

    /// Everything the journal holds, as pln exports it, to show that a failed or repeated
    /// import changed nothing.
    static func export(_ pln: PlnRunner) -> String {
        pln.run(["export", "--format", "jsonl"]).stdout
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
