/// Splits a `/command` line into words as a POSIX shell would for quoting, and nothing more.
///
/// Single and double quotes group words and are removed; a backslash escapes the next
/// character outside single quotes. Unlike a POSIX shell, `#` is an ordinary character, so
/// `/list #ell` needs no quoting.
package enum ShellTokenizer {
    /// The words of `line`; throws on an unterminated quote.
    package static func split(_ line: String) throws(ShellError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for ch in line {
            if escaped {
                current.append(ch)
                escaped = false
                continue
            }
            if let open = quote {
                if ch == open {
                    quote = nil
                } else if ch == "\\", open == "\"" {
                    escaped = true
                } else {
                    current.append(ch)
                }
                continue
            }
            switch ch {
            case "\\":
                escaped = true
                inWord = true
            case "\"", "'":
                quote = ch
                inWord = true
            case " ", "\t":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            default:
                current.append(ch)
                inWord = true
            }
        }
        if quote != nil { throw .unterminatedQuote }
        if escaped { current.append("\\") }
        if inWord { words.append(current) }
        return words
    }

    /// Words for completion: like `split`, but an open quote is not an error.
    package static func words(_ line: String) -> [String] {
        if let words = try? split(line) { return words }
        return (try? split(line + "\"")) ?? (try? split(line + "'")) ?? []
    }
}
