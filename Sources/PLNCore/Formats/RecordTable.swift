import Foundation

/// Records (people, sources) in the machine formats, shared by their renderers.
///
/// Each renderer supplies a record's JSON object and its table cells; this writes the JSON
/// array, JSON Lines, CSV, TSV or Markdown table around them. Text stays with each renderer.
package enum RecordTable {
    /// Writes `records` in `format`, which must not be `.text`.
    package static func write<Record>(_ records: [Record], columns: [String], format: OutputFormat, sink: OutputSink,
                                      json: (Record) -> String, cells: (Record) -> [String]) {
        switch format {
        case .json:
            sink.write("[")
            for (index, record) in records.enumerated() { sink.write(index == 0 ? "\n" : ",\n"); sink.write(json(record)) }
            sink.line(records.isEmpty ? "]" : "\n]")
        case .jsonl:
            for record in records { sink.line(json(record)) }
        case .csv, .tsv:
            let csv = format == .csv
            sink.line(columns.joined(separator: csv ? "," : "\t"))
            for record in records {
                sink.line(cells(record).map { csv ? Delimited.csv($0) : Delimited.tsv($0) }.joined(separator: csv ? "," : "\t"))
            }
        case .md:
            sink.line("| " + columns.joined(separator: " | ") + " |")
            sink.line("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
            for record in records {
                sink.line("| " + cells(record).map {
                    TerminalText.sanitize($0, keepNewlines: false).replacingOccurrences(of: "|", with: "\\|")
                }.joined(separator: " | ") + " |")
            }
        case .text:
            break
        }
    }
}
