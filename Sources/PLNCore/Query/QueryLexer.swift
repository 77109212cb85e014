/// Splits a query string into `QueryToken`s.
///
/// Columns count `Character`s (what a user sees in a terminal), 1-based, so error messages can
/// point at what was typed. The rules that decide where a word ends live here and nowhere else:
/// whitespace ends a word; `(` opens a group only at the start of a token or right after a
/// keyword; `)` ends a word unless the word opened a `(` of its own (so `f(x)` stays one word);
/// `"` starts a phrase at the start of a token, or a quoted value right after `word:`, and is an
/// ordinary character anywhere else.
package struct QueryLexer {
    private let query: String
    private let characters: [Character]
    private var index = 0
    private var tokens: [QueryToken] = []

    private init(_ query: String) {
        self.query = query
        self.characters = Array(query)
    }

    /// The tokens of `query`, in order; empty for an empty or all-whitespace query.
    package static func tokenize(_ query: String) throws(PLNError) -> [QueryToken] {
        var lexer = QueryLexer(query)
        try lexer.run()
        return lexer.tokens
    }

    private mutating func run() throws(PLNError) {
        while index < characters.count {
            let character = characters[index]
            let column = index + 1
            if character.isWhitespace {
                index += 1
                continue
            }
            switch character {
            case "(":
                index += 1
                tokens.append(QueryToken(.open, column: column))
            case ")":
                index += 1
                tokens.append(QueryToken(.close, column: column))
            case "\"":
                let text = try readQuoted()
                tokens.append(QueryToken(.phrase(text), column: column))
            case "-":
                index += 1
                guard index < characters.count, !characters[index].isWhitespace else {
                    throw syntaxError("expected a term right after '-'", column: index + 1)
                }
                tokens.append(QueryToken(.minus, column: column))
            case "#":
                index += 1
                tokens.append(QueryToken(.tag(readName()), column: column))
            case "@":
                index += 1
                tokens.append(QueryToken(.person(readName()), column: column))
            default:
                try readWord()
            }
        }
    }

    /// Reads a `"…"` starting at `index`, returning its content and leaving `index` after it.
    private mutating func readQuoted() throws(PLNError) -> String {
        let open = index
        index += 1
        guard let close = characters[index...].firstIndex(of: "\"") else {
            throw syntaxError("unterminated quote", column: open + 1)
        }
        index = close + 1
        return String(characters[(open + 1)..<close])
    }

    /// Reads a tag name or handle: everything up to whitespace, a parenthesis or a quote.
    private mutating func readName() -> String {
        let start = index
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace || character == "(" || character == ")" || character == "\"" {
                break
            }
            index += 1
        }
        return String(characters[start..<index])
    }

    /// Reads a bare word, a keyword, or a reserved `key:value` (whose value may be quoted).
    private mutating func readWord() throws(PLNError) {
        let start = index
        var depth = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { break }
            if character == "(" {
                // `OR(a b)`: a keyword right before a group is still a keyword.
                if depth == 0, ["AND", "OR", "NOT"].contains(String(characters[start..<index])) { break }
                depth += 1
            } else if character == ")" {
                if depth == 0 { break }
                depth -= 1
            } else if character == "\"", index > start, characters[index - 1] == ":" {
                try readQuotedValue(wordStart: start)
                return
            }
            index += 1
        }
        let word = String(characters[start..<index])
        let kind: QueryToken.Kind
        switch word {
        case "AND": kind = .and
        case "OR": kind = .or
        case "NOT": kind = .not
        default:
            if let colon = characters[start..<index].firstIndex(of: ":"),
               let key = QueryToken.Key(rawValue: String(characters[start..<colon]).lowercased()) {
                kind = .field(key, value: String(characters[(colon + 1)..<index]), valueColumn: colon + 2)
            } else {
                kind = .word(word)
            }
        }
        tokens.append(QueryToken(kind, column: start + 1))
    }

    /// Reads the quote at `index` that follows `word:`: a reserved key's value, or else part of
    /// a phrase that starts with `word:` (`note:"a b"` searches for the phrase `note: a b`).
    private mutating func readQuotedValue(wordStart start: Int) throws(PLNError) {
        let prefix = String(characters[start..<index])
        let valueColumn = index + 1
        let value = try readQuoted()
        if let key = QueryToken.Key(rawValue: prefix.dropLast().lowercased()) {
            tokens.append(QueryToken(.field(key, value: value, valueColumn: valueColumn), column: start + 1))
        } else {
            tokens.append(QueryToken(.phrase(prefix + value), column: start + 1))
        }
    }

    private func syntaxError(_ message: String, column: Int) -> PLNError {
        .querySyntax(query: query, column: column, message: message)
    }
}
