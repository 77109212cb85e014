import PLNCore

/// Rows of the reflection commands (frameworks, follow-ups, today's prompt) in every format.
///
/// Each record is an ordered list of (column, value): the JSON object as it is, and the same
/// values as cells for text (aligned columns), CSV, TSV and Markdown.
enum ReflectRows {
    typealias Record = [(String, JSONValue)]

    static func write(_ records: [Record], columns: [String], format: OutputFormat, runtime: Runtime,
                      paint: [String: Style.Tone] = [:]) {
        let sink = runtime.stdout
        func cell(_ value: JSONValue) -> String {
            switch value {
            case .null: ""
            case .string(let text): text
            case .bool(let flag): flag ? "true" : "false"
            case .number: value.intValue.map(String.init) ?? value.serialized
            default: value.serialized
            }
        }
        func cells(_ record: Record) -> [String] {
            columns.map { column in record.first { $0.0 == column }.map { cell($0.1) } ?? "" }
        }
        guard format == .text else {
            RecordTable.write(records, columns: columns, format: format, sink: sink,
                              json: { JSONValue.object($0).serialized }, cells: cells)
            sink.flush()
            return
        }
        let table = records.map { cells($0).map { TerminalText.sanitize($0, keepNewlines: false) } }
        var widths = columns.map { _ in 0 }
        for row in table {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) }
        }
        for row in table {
            var line = ""
            for (index, text) in row.enumerated() {
                let last = index == row.count - 1
                let padded = last ? text : text + String(repeating: " ", count: widths[index] - text.count + 2)
                line += paint[columns[index]].map { runtime.style.paint(padded, $0) } ?? padded
            }
            sink.line(String(line.reversed().drop(while: { $0 == " " }).reversed()))
        }
        sink.flush()
    }
}
