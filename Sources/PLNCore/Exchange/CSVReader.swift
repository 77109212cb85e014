/// Reads CSV (RFC 4180) record by record: quoted fields, doubled quotes, embedded newlines,
/// CRLF or LF line ends, and a UTF-8 byte-order mark at the start.
///
/// It streams through `LineReader`, so a large export never sits in memory whole; errors name
/// the file and line. Importers (and `pln.csv.rows` in Lua) read through this.
package final class CSVReader {
    private let lines: LineReader?
    private var textLines: [Substring]
    private var textIndex = 0
    private var textLineNumber = 0
    private let delimiter: Character
    private var first = true
    /// The 1-based line on which the record last returned starts.
    package private(set) var recordLine = 0
    package let name: String

    /// Reads the file at `path` ("-" for stdin).
    package init(path: String, delimiter: Character = ",") throws(PLNError) {
        lines = try LineReader(path: path)
        name = lines!.name
        textLines = []
        self.delimiter = delimiter
    }

    /// Reads CSV held in a string; `name` is used in error messages.
    package init(text: String, name: String = "<text>", delimiter: Character = ",") {
        lines = nil
        self.name = name
        // "\r\n" is one Character in Swift: split on either line end.
        var split = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
        if split.last == "" { split.removeLast() }
        textLines = split
        self.delimiter = delimiter
    }

    private var lineNumber: Int { lines?.lineNumber ?? textLineNumber }

    private func nextLine() throws(PLNError) -> String? {
        var line: String?
        if let lines {
            line = try lines.nextLine()
        } else if textIndex < textLines.count {
            line = String(textLines[textIndex])
            textIndex += 1
            textLineNumber += 1
        }
        if first, var text = line {
            first = false
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            line = text
        }
        return line
    }

    /// The next record's fields, or nil at the end. Blank lines are skipped.
    package func next() throws(PLNError) -> [String]? {
        guard var line = try nextLine() else { return nil }
        while line.isEmpty {
            guard let following = try nextLine() else { return nil }
            line = following
        }
        recordLine = lineNumber
        var consumed = [line]
        if let byte = byteDelimiter, let fields = try byteRecord(&consumed, delimiter: byte) { return fields }
        return try characterRecord(replaying: consumed)
    }

    /// The delimiter as one byte, when records can be cut on UTF-8 bytes: a comma or a tab
    /// (no other character is canonically equivalent to either).
    private var byteDelimiter: UInt8? {
        delimiter == "," ? 0x2C : delimiter == "\t" ? 0x09 : nil
    }

    /// The record starting with `lines[0]`, cut on bytes, or nil when a quote or delimiter sits
    /// next to a non-ASCII byte (where a Character could join them) or after a closing quote:
    /// then `characterRecord` reads the record again from `lines`, which holds every line read.
    private func byteRecord(_ lines: inout [String], delimiter: UInt8) throws(PLNError) -> [String]? {
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        var bytes = Array(lines[0].utf8)
        var index = 0
        while true {
            if index == bytes.count {
                if quoted {
                    guard let more = try nextLine() else {
                        throw .malformedInput(file: name, line: recordLine,
                                              message: "unterminated quoted field (the quote opened on line \(recordLine) never closes)")
                    }
                    lines.append(more)
                    field.append(0x0A)
                    bytes = Array(more.utf8)
                    index = 0
                    continue
                }
                fields.append(String(decoding: field, as: UTF8.self))
                return fields
            }
            let byte = bytes[index]
            if byte != 0x22, byte != delimiter, quoted || !wasQuoted {
                // A run of plain bytes up to the next quote or delimiter, in one copy (byte by byte,
                // this reader was a tenth of a bookmarks import).
                var end = index + 1
                while end < bytes.count, bytes[end] != 0x22, bytes[end] != delimiter { end += 1 }
                field.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            if byte == 0x22 || byte == delimiter {
                // A Character may join an ASCII byte to a non-ASCII neighbour: leave those to Characters.
                if index > 0, bytes[index - 1] >= 0x80 { return nil }
                if index + 1 < bytes.count, bytes[index + 1] >= 0x80 { return nil }
            }
            index += 1
            if quoted {
                if byte == 0x22 {
                    if index < bytes.count, bytes[index] == 0x22 {
                        field.append(0x22)
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.append(byte)
                }
            } else if byte == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            } else if wasQuoted {
                return nil  // an error: the Character reader words it
            } else if byte == 0x22, field.isEmpty {
                quoted = true
            } else {
                field.append(byte)
            }
        }
    }

    /// The record whose lines begin with `replaying` (already read), Character by Character.
    private func characterRecord(replaying: [String]) throws(PLNError) -> [String] {
        var replay = replaying[...]
        func nextLine() throws(PLNError) -> String? {
            if let line = replay.popFirst() { return line }
            return try self.nextLine()
        }
        let line = replay.popFirst()!
        var fields: [String] = []
        var field = ""
        var quoted = false       // inside a quoted field
        var wasQuoted = false    // the current field was quoted and has closed
        var characters = Array(line)
        var index = 0
        while true {
            if index == characters.count {
                if quoted {
                    // A newline inside quotes belongs to the field.
                    guard let more = try nextLine() else {
                        throw .malformedInput(file: name, line: recordLine,
                                              message: "unterminated quoted field (the quote opened on line \(recordLine) never closes)")
                    }
                    field.append("\n")
                    characters = Array(more)
                    index = 0
                    continue
                }
                fields.append(field)
                return fields
            }
            let ch = characters[index]
            index += 1
            if quoted {
                if ch == "\"" {
                    if index < characters.count, characters[index] == "\"" {
                        field.append("\"")
                        index += 1
                    } else {
                        quoted = false
                        wasQuoted = true
                    }
                } else {
                    field.append(ch)
                }
            } else if ch == delimiter {
                fields.append(field)
                field = ""
                wasQuoted = false
            } else if wasQuoted {
                throw .malformedInput(file: name, line: lineNumber,
                                      message: "unexpected '\(ch)' after a closing quote (a field's quotes must surround all of it)")
            } else if ch == "\"", field.isEmpty {
                quoted = true
            } else {
                // A quote inside an unquoted field is kept as written, as most exporters intend.
                field.append(ch)
            }
        }
    }

    /// Every remaining record.
    package func all() throws(PLNError) -> [[String]] {
        var rows: [[String]] = []
        while let row = try next() { rows.append(row) }
        return rows
    }
}
