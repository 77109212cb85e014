import Foundation

/// Field quoting for CSV (RFC 4180) and TSV (escaped, one record a line).
package enum Delimited {
    /// A CSV field, quoted when it holds a comma, quote, CR or LF.
    package static func csv(_ field: String) -> String {
        var needsQuotes = false
        for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
            needsQuotes = true
            break
        }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A TSV field with backslash, tab, newline and carriage return escaped as `\\`, `\t`, `\n`, `\r`.
    package static func tsv(_ field: String) -> String {
        var needsEscape = false
        for byte in field.utf8 where byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            needsEscape = true
            break
        }
        guard needsEscape else { return field }
        var out = ""
        out.reserveCapacity(field.utf8.count + 8)
        for scalar in field.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
