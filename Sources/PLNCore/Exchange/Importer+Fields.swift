import Foundation

extension Importer {
    /// A problem with one record; the caller adds the file and line.
    struct RecordProblem: Error { var message: String }

    /// The fields of an imported record, read and checked. Static, as an import's entries are
    /// decoded on its reading thread (`ImportedEntry`).
    static func string<Value: JSONReadable>(_ value: Value, _ key: String, required: Bool = false) throws(RecordProblem) -> String? {
        switch value[key]?.shape {
        case nil, .null?:
            if required { throw RecordProblem(message: "missing \"\(key)\"") }
            return nil
        case .string(let s)?:
            if required, s.isEmpty { throw RecordProblem(message: "\"\(key)\" is empty") }
            return s
        case .number(let n)? where key == "issued" || key == "volume" || key == "issue":
            return n.rounded() == n ? String(Int64(n)) : String(n)
        default:
            throw RecordProblem(message: "\"\(key)\" must be a string")
        }
    }

    static func stringArray<Value: JSONReadable>(_ value: Value, _ key: String) throws(RecordProblem) -> [String]? {
        switch value[key]?.shape {
        case nil, .null?: return nil
        case .array(let items)?:
            var strings: [String] = []
            strings.reserveCapacity(items.count)
            for item in items {
                guard case .string(let s) = item.shape else { throw RecordProblem(message: "\"\(key)\" must hold strings") }
                strings.append(s)
            }
            return strings
        default: throw RecordProblem(message: "\"\(key)\" must be an array of strings")
        }
    }

    static func jsonText<Value: JSONReadable>(_ value: Value, _ key: String, array: Bool) throws(RecordProblem) -> String? {
        let member = value[key]
        switch member?.shape {
        case nil, .null?: return nil
        case .array(let items)? where array: return items.isEmpty ? nil : member!.tree.serialized
        case .object? where !array:
            let tree = member!.tree
            guard case .object(let members) = tree, !members.isEmpty else { return nil }
            return tree.serialized
        default: throw RecordProblem(message: "\"\(key)\" must be \(array ? "an array" : "an object")")
        }
    }

    static func stripPrefix(_ text: String, _ prefix: Character) -> String {
        text.first == prefix ? String(text.dropFirst()) : text
    }
}
