/// The shapes rows can come out in (`--format`).
package enum OutputFormat: String, CaseIterable, Sendable {
    case text, json, jsonl, csv, tsv, md

    package static var names: String { allCases.map(\.rawValue).joined(separator: "|") }
}
