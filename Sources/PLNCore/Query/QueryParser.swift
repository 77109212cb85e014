import Foundation

/// Turns a query string into a `QueryExpression` by recursive descent.
///
/// The grammar, lowest precedence first:
///
///     query   := ε | or
///     or      := and ("OR" and)*
///     and     := unary ("AND"? unary)*
///     unary   := ("-" | "NOT") unary | "(" or ")" | term
///
/// Errors name the column where something was expected (the end of the query, one past the last
/// character, when the query stops short), so a front end can point a caret at it. Date values
/// are resolved here, against the caller's `DateContext`, so the tree holds instants.
package struct QueryParser {
    private let query: String
    private let tokens: [QueryToken]
    private let context: DateContext
    private var position = 0

    /// The values `is:` accepts.
    package static let isValues = ["starred"]

    private init(query: String, tokens: [QueryToken], context: DateContext) {
        self.query = query
        self.tokens = tokens
        self.context = context
    }

    /// The expression for `query`, or nil when it is empty (which means "all entries").
    package static func parse(_ query: String, context: DateContext) throws(PLNError) -> QueryExpression? {
        let tokens = try QueryLexer.tokenize(query)
        guard !tokens.isEmpty else { return nil }
        var parser = QueryParser(query: query, tokens: tokens, context: context)
        let expression = try parser.parseOr(after: nil)
        if let extra = parser.peek {
            // parseOr stops only at the end or at a ')' that no '(' opened.
            throw parser.syntaxError("unexpected ')'", column: extra.column)
        }
        return expression
    }

    // MARK: - Grammar

    private var peek: QueryToken? {
        position < tokens.count ? tokens[position] : nil
    }

    /// The column one past the last character: where a missing term or ')' was expected.
    private var endColumn: Int {
        query.count + 1
    }

    private mutating func parseOr(after previous: String?) throws(PLNError) -> QueryExpression {
        var operands = [try parseAnd(after: previous)]
        while let token = peek, token.kind == .or {
            position += 1
            operands.append(try parseAnd(after: "OR"))
        }
        return Self.joined(operands, or: true)
    }

    private mutating func parseAnd(after previous: String?) throws(PLNError) -> QueryExpression {
        var operands = [try parseUnary(after: previous)]
        loop: while let token = peek {
            switch token.kind {
            case .or, .close:
                break loop
            case .and:
                position += 1
                operands.append(try parseUnary(after: "AND"))
            default:
                operands.append(try parseUnary(after: nil))
            }
        }
        return Self.joined(operands, or: false)
    }

    /// Parses one possibly negated term or group; `previous` names the operator before it, for
    /// "expected a term after …" messages.
    private mutating func parseUnary(after previous: String?) throws(PLNError) -> QueryExpression {
        guard let token = peek else {
            throw syntaxError("expected a term after \(previous ?? "the start")", column: endColumn)
        }
        switch token.kind {
        case .minus:
            position += 1
            return .not(try parseUnary(after: "'-'"))
        case .not:
            position += 1
            return .not(try parseUnary(after: "NOT"))
        case .open:
            position += 1
            let inner = try parseOr(after: "'('")
            guard let close = peek, close.kind == .close else {
                throw syntaxError("expected ')' to close '(' at column \(token.column)", column: endColumn)
            }
            position += 1
            return inner
        case .close, .or, .and:
            if let previous {
                throw syntaxError("expected a term after \(previous)", column: token.column)
            }
            switch token.kind {
            case .or: throw syntaxError("expected a term before OR", column: token.column)
            case .and: throw syntaxError("expected a term before AND", column: token.column)
            default: throw syntaxError("unexpected ')'", column: token.column)
            }
        case .word(let word):
            position += 1
            return .text(Self.text(word))
        case .phrase(let phrase):
            position += 1
            return .text(.phrase(phrase))
        case .tag(let name):
            guard !name.isEmpty else {
                throw syntaxError("expected a tag name after '#'", column: token.column + 1)
            }
            position += 1
            return .tag(name)
        case .person(let handle):
            guard !handle.isEmpty else {
                throw syntaxError("expected a handle after '@'", column: token.column + 1)
            }
            position += 1
            return .person(handle)
        case .field(let key, let value, let valueColumn):
            position += 1
            return try field(key, value: value, column: valueColumn)
        }
    }

    // MARK: - Terms

    /// A free word; trailing `*`s make it a prefix search unless nothing else is left.
    private static func text(_ word: String) -> QueryExpression.Text {
        var stem = Substring(word)
        while stem.last == "*" { stem = stem.dropLast() }
        if stem.count < word.count, !stem.isEmpty {
            return .prefix(String(stem))
        }
        return .word(word)
    }

    private func field(_ key: QueryToken.Key, value: String, column: Int) throws(PLNError) -> QueryExpression {
        let label = "\(key.rawValue):"
        func required(_ what: String) throws(PLNError) -> String {
            guard !value.isEmpty else { throw syntaxError("expected \(what) after \(label)", column: column) }
            return value
        }
        switch key {
        case .since, .until, .on:
            guard !value.isEmpty else {
                throw syntaxError("expected a date after \(label)", column: column)
            }
            guard let parsed = try DateParser.parse(value, in: context) else {
                throw syntaxError("expected a date after \(label), got '\(value)'", column: column)
            }
            switch key {
            case .since:
                return .since(parsed.hasTime ? parsed.date : parsed.day.start)
            case .until:
                // Inclusive: through the whole day, or through the named second.
                return .until(parsed.hasTime ? parsed.date.addingTimeInterval(1) : parsed.day.end)
            default:
                return .and([.since(parsed.day.start), .until(parsed.day.end)])
            }
        case .kind:
            return .kind(try required("a kind"))
        case .is:
            let valid = Self.isValues.map { "'\($0)'" }.joined(separator: ", ")
            let expected = Self.isValues.count == 1 ? valid : "one of \(valid)"
            guard !value.isEmpty else {
                throw syntaxError("expected \(expected) after \(label)", column: column)
            }
            guard value.lowercased() == "starred" else {
                throw syntaxError("expected \(expected) after \(label), got '\(value)'", column: column)
            }
            return .starred
        case .tag:
            // `tag:ell` is `#ell` without the '#' that POSIX shells read as a comment.
            let name = try required("a tag name")
            return .tag(name.hasPrefix("#") ? String(name.dropFirst()) : name)
        case .person:
            let handle = try required("a handle")
            if let equals = handle.firstIndex(of: "=") {
                let field = handle[..<equals].lowercased(), value = String(handle[handle.index(after: equals)...])
                let fields = ["role", "topic", "name", "met"]
                guard fields.contains(field), !value.isEmpty else {
                    throw syntaxError("expected person:FIELD=VALUE with FIELD one of \(fields.joined(separator: ", "))", column: column)
                }
                return .personField(field: field, value: value)
            }
            return .person(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
        case .source:
            let key = try required("a source key")
            if let equals = key.firstIndex(of: "=") {
                let field = key[..<equals].lowercased(), value = String(key[key.index(after: equals)...])
                let fields = ["author", "title", "container", "issued", "type", "publisher"]
                guard fields.contains(field), !value.isEmpty else {
                    throw syntaxError("expected source:FIELD=VALUE with FIELD one of \(fields.joined(separator: ", "))", column: column)
                }
                return .sourceField(field: field, value: value)
            }
            return .source(key)
        case .role:
            return .role(try required("a role, such as learned-from"))
        case .type:
            return .sourceType(try required("a source type, such as book"))
        case .framework:
            return .framework(try required("a framework name"))
        case .stage:
            let name = try required("a stage name")
            guard !name.contains("\"") else {
                throw syntaxError("a stage name cannot contain '\"'", column: column)
            }
            return .stage(name)
        }
    }

    // MARK: - Helpers

    /// One operand as is; several as an `.and`/`.or`, with nested ones of the same kind
    /// spliced in (AND and OR are associative, and a flat list keeps compiled SQL shallow).
    private static func joined(_ operands: [QueryExpression], or: Bool) -> QueryExpression {
        if operands.count == 1 { return operands[0] }
        var flat: [QueryExpression] = []
        for operand in operands {
            switch operand {
            case .or(let inner) where or: flat += inner
            case .and(let inner) where !or: flat += inner
            default: flat.append(operand)
            }
        }
        return or ? .or(flat) : .and(flat)
    }

    private func syntaxError(_ message: String, column: Int) -> PLNError {
        .querySyntax(query: query, column: column, message: message)
    }
}
