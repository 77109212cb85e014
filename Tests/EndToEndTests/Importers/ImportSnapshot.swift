import Foundation
import PLNCore
import PLNTestSupport

/// What an import left in a journal, one readable line per entry, person and source, so an
/// expectation reads like the data and a failure shows the difference.
struct ImportSnapshot: Equatable {
    /// "DATE | KIND | BODY | #tag … | @person … | [[key]] …", plus " | ↩N" per follow-up link;
    /// line breaks in the body written as "⏎".
    var entries: [String] = []
    /// Each entry's custom fields as "key=value" pairs, sorted.
    var fields: [String] = []
    /// "@handle" or "@handle (Name)".
    var people: [String] = []
    /// "key | title | url".
    var sources: [String] = []

    init(_ pln: PlnRunner) throws {
        for line in pln.run(["list", "--format", "jsonl"]).lines {
            let entry = try JSONParser.parse(line)
            var parts = [entry["date"]?.stringValue ?? "", entry["kind"]?.stringValue ?? "",
                         (entry["body"]?.stringValue ?? "").replacingOccurrences(of: "\n", with: "⏎")]
            parts.append((entry["tags"]?.arrayValue ?? []).compactMap { $0.stringValue.map { "#" + $0 } }.joined(separator: " "))
            parts.append((entry["people"]?.arrayValue ?? []).compactMap { $0["handle"]?.stringValue }.joined(separator: " "))
            parts.append((entry["sources"]?.arrayValue ?? []).compactMap { $0["key"]?.stringValue.map { "[[\($0)]]" } }
                .joined(separator: " "))
            for link in entry["links"]?.arrayValue ?? [] {
                if let id = link["id"]?.intValue { parts.append("↩\(id)") }
            }
            entries.append(parts.joined(separator: " | "))
            var pairs: [String] = []
            if case .object(let members)? = entry["fields"] {
                for (key, value) in members {
                    switch value {
                    case .string(let text): pairs.append("\(key)=\(text)")
                    case .bool(let flag): pairs.append("\(key)=\(flag)")
                    default: pairs.append("\(key)=\(value.serialized)")
                    }
                }
            }
            fields.append(pairs.sorted().joined(separator: " "))
        }
        for line in pln.run(["people", "--format", "jsonl"]).lines {
            let person = try JSONParser.parse(line)
            let handle = person["handle"]?.stringValue ?? ""
            people.append(person["name"]?.stringValue.map { "\(handle) (\($0))" } ?? handle)
        }
        for line in pln.run(["sources", "--format", "jsonl"]).lines {
            let source = try JSONParser.parse(line)
            sources.append([source["key"], source["title"], source["url"]].map { $0?.stringValue ?? "-" }.joined(separator: " | "))
        }
    }

    /// The path of a sample export under Tests/EndToEndTests/Fixtures.
    static func fixture(_ path: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures").appendingPathComponent(path).path
    }

    /// Everything the journal holds, as pln exports it without the volatile parts, to show
    /// that a failed or repeated import changed nothing.
    static func export(_ pln: PlnRunner) -> String {
        pln.run(["export", "--format", "jsonl"]).stdout
    }
}
