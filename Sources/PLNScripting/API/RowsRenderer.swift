import Foundation
import PLNCore

/// Rows from Lua (`pln.table`, `pln query`) in every output format.
package struct RowsRenderer {
    let format: OutputFormat
    let style: Style
    let output: OutputSink

    package init(format: OutputFormat, style: Style, output: OutputSink) {
        self.format = format
        self.style = style
        self.output = output
    }

    /// Renders `rows` (tables, or plain values as one column named "value").
    package func render(_ rows: [LuaValue], columns given: [String]? = nil) throws(ScriptError) {
        let records: [LuaTable] = rows.map { row in
            if let table = row.table, !table.fields.isEmpty || table.array.isEmpty { return table }
            if let table = row.table { return LuaTable(fields: table.array.enumerated().map { (.string(String($0.offset + 1)), $0.element) }) }
            return LuaTable(fields: [(.string("value"), row)])
        }
        let columns = given ?? Self.columns(of: records)
        switch format {
        case .json, .jsonl:
            if format == .json { output.write("[") }
            for (index, record) in records.enumerated() {
                var members: [(String, JSONValue)] = []
                for column in columns { members.append((column, try ScriptValues.json(record[column]))) }
                let line = JSONValue.object(members).serialized
                if format == .json { output.write(index == 0 ? "\n" : ",\n"); output.write(line) } else { output.line(line) }
            }
            if format == .json { output.line(records.isEmpty ? "]" : "\n]") }
        case .csv, .tsv:
            let csv = format == .csv
            let quote = { (field: String) -> String in csv ? Delimited.csv(field) : Delimited.tsv(field) }
            let separator = format == .csv ? "," : "\t"
            output.line(columns.map(quote).joined(separator: separator))
            for record in records {
                var cells: [String] = []
                for column in columns { cells.append(quote(try cell(record[column]))) }
                output.line(cells.joined(separator: separator))
            }
        case .md:
            output.line("| " + columns.joined(separator: " | ") + " |")
            output.line("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
            for record in records {
                var cells: [String] = []
                for column in columns {
                    cells.append(TerminalText.sanitize(try cell(record[column]), keepNewlines: false)
                        .replacingOccurrences(of: "|", with: "\\|"))
                }
                output.line("| " + cells.joined(separator: " | ") + " |")
            }
        case .text:
            var table: [[String]] = []
            for record in records {
                var cells: [String] = []
                for column in columns { cells.append(TerminalText.sanitize(try cell(record[column]), keepNewlines: false)) }
                table.append(cells)
            }
            var widths = columns.map { TerminalText.displayWidth($0) }
            for row in table {
                for (index, value) in row.enumerated() { widths[index] = max(widths[index], TerminalText.displayWidth(value)) }
            }
            func pad(_ text: String, _ width: Int) -> String {
                text + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(text)))
            }
            if columns != ["value"] {
                output.line(style.paint(zip(columns, widths).map { pad($0, $1) }.joined(separator: "  "), .dim)
                    .trimmingTrailingSpaces())
            }
            for row in table {
                output.line(zip(row, widths).map { pad($0, $1) }.joined(separator: "  ").trimmingTrailingSpaces())
            }
        }
        output.flush()
    }

    /// Column names, sorted (Lua tables have no order of their own; pass `columns` to choose).
    static func columns(of records: [LuaTable]) -> [String] {
        var seen: Set<String> = []
        for record in records {
            for (key, _) in record.fields {
                if case .string(let name) = key { seen.insert(name) }
            }
        }
        return seen.sorted()
    }

    private func cell(_ value: LuaValue) throws(ScriptError) -> String {
        switch value {
        case .nil: ""
        case .string(let s): s
        case .integer(let i): String(i)
        case .number(let d): String(d)
        case .boolean(let b): b ? "true" : "false"
        case .table: try ScriptValues.json(value).serialized
        case .function: "<function>"
        }
    }
}

private extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
