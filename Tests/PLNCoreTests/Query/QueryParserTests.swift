import Foundation
import Testing
@testable import PLNCore

/// The query language's syntax: the tree each term and operator produces, and each syntax error
/// with the column it reports.
@Suite("Query parser")
struct QueryParserTests {
    /// Sunday 2026-11-29 14:30 UTC, in UTC.
    static let context = DateContext(now: utc(2026, 11, 29, 14, 30), timeZone: TimeZone(identifier: "UTC")!)

    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second
        ))!
    }

    static func parse(_ query: String) throws(PLNError) -> QueryExpression? {
        try QueryParser.parse(query, context: context)
    }

    static func word(_ text: String) -> QueryExpression { .text(.word(text)) }

    // MARK: - Empty

    @Test("an empty or blank query means all entries", arguments: ["", " ", "   \t\n "])
    func empty(query: String) throws {
        #expect(try Self.parse(query) == nil)
        #expect(try EntryQuery(query, context: Self.context).expression == nil)
    }

    // MARK: - Terms

    static let termCases: [(String, QueryExpression)] = [
        ("pedagogy", word("pedagogy")),
        ("pedag*", .text(.prefix("pedag"))),
        ("pedag**", .text(.prefix("pedag"))),
        ("*", word("*")),
        ("a*b", word("a*b")),
        ("\"think pair share\"", .text(.phrase("think pair share"))),
        ("\"\"", .text(.phrase(""))),
        ("#teaching", .tag("teaching")),
        ("#Ed-Tech", .tag("Ed-Tech")),
        ("@alice", .person("alice")),
        ("source:smith2020", .source("smith2020")),
        ("source:\"Smith 2020\"", .source("Smith 2020")),
        ("kind:reflection", .kind("reflection")),
        ("kind:anything", .kind("anything")),
        ("KIND:chat", .kind("chat")),
        ("is:starred", .starred),
        ("is:STARRED", .starred),
        ("framework:gibbs", .framework("gibbs")),
        ("stage:description", .stage("description")),
        ("stage:\"feelings and thoughts\"", .stage("feelings and thoughts")),
        ("since:2026-11-02", .since(utc(2026, 11, 2))),
        ("since:\"2026-11-02 15:42\"", .since(utc(2026, 11, 2, 15, 42))),
        ("until:2026-11-02", .until(utc(2026, 11, 3))),
        ("until:\"2026-11-02 15:42\"", .until(utc(2026, 11, 2, 15, 42, 1))),
        ("on:2026-11-02", .and([.since(utc(2026, 11, 2)), .until(utc(2026, 11, 3))])),
        ("on:\"2026-11-02 15:42\"", .and([.since(utc(2026, 11, 2)), .until(utc(2026, 11, 3))])),
        ("since:today", .since(utc(2026, 11, 29))),
        ("until:today", .until(utc(2026, 11, 30))),
        ("since:yesterday", .since(utc(2026, 11, 28))),
        ("on:\"3 days ago\"", .and([.since(utc(2026, 11, 26)), .until(utc(2026, 11, 27))])),
        // Words that only look like operators or fields are free text.
        ("or", word("or")),
        ("and", word("and")),
        ("not", word("not")),
        ("Or", word("Or")),
        ("http://example.com/a", word("http://example.com/a")),
        ("note:", word("note:")),
        ("note:hello", word("note:hello")),
        ("sinceday:2026-11-02", word("sinceday:2026-11-02")),
        ("f(x)", word("f(x)")),
        ("NEAR(", word("NEAR(")),
        ("C#", word("C#")),
        ("me@example.com", word("me@example.com")),
        ("e-mail", word("e-mail")),
        ("a\"b", word("a\"b")),
    ]

    @Test("each kind of term", arguments: termCases)
    func term(query: String, expected: QueryExpression) throws {
        #expect(try Self.parse(query) == expected)
    }

    @Test("relative dates resolve through DateParser", arguments: ["today", "yesterday", "3 days ago"])
    func relativeDates(text: String) throws {
        let parsed = try #require(try DateParser.parse(text, in: Self.context))
        #expect(try Self.parse("since:\"\(text)\"") == .since(parsed.hasTime ? parsed.date : parsed.day.start))
        #expect(try Self.parse("until:\"\(text)\"") == .until(parsed.hasTime ? parsed.date + 1 : parsed.day.end))
        #expect(try Self.parse("on:\"\(text)\"") == .and([.since(parsed.day.start), .until(parsed.day.end)]))
    }

    @Test("a quoted value after a word that is not a reserved key makes one phrase")
    func unreservedQuotedValue() throws {
        #expect(try Self.parse("note:\"a b\"") == .text(.phrase("note:a b")))
        #expect(try Self.parse("a:b:\"c\" d") == .and([.text(.phrase("a:b:c")), Self.word("d")]))
    }

    // MARK: - Operators

    static let operatorCases: [(String, QueryExpression)] = [
        ("a b", .and([word("a"), word("b")])),
        ("a AND b", .and([word("a"), word("b")])),
        ("a AND b c", .and([word("a"), word("b"), word("c")])),
        ("a OR b", .or([word("a"), word("b")])),
        ("a OR b OR c", .or([word("a"), word("b"), word("c")])),
        ("a OR b c", .or([word("a"), .and([word("b"), word("c")])])),
        ("a b OR c", .or([.and([word("a"), word("b")]), word("c")])),
        ("a AND b OR c AND d", .or([.and([word("a"), word("b")]), .and([word("c"), word("d")])])),
        ("(a OR b) c", .and([.or([word("a"), word("b")]), word("c")])),
        ("a (b OR c)", .and([word("a"), .or([word("b"), word("c")])])),
        ("(a OR b) OR c", .or([word("a"), word("b"), word("c")])),
        ("a (b c)", .and([word("a"), word("b"), word("c")])),
        ("((a))", word("a")),
        ("(a (b OR (c d)))", .and([word("a"), .or([word("b"), .and([word("c"), word("d")])])])),
        ("a or b", .and([word("a"), word("or"), word("b")])),
        ("-a", .not(word("a"))),
        ("NOT a", .not(word("a"))),
        ("--a", .not(.not(word("a")))),
        ("NOT -a", .not(.not(word("a")))),
        ("a -b", .and([word("a"), .not(word("b"))])),
        ("a NOT b", .and([word("a"), .not(word("b"))])),
        ("-a b", .and([.not(word("a")), word("b")])),
        ("-#draft", .not(.tag("draft"))),
        ("-@bob", .not(.person("bob"))),
        ("-is:starred", .not(.starred)),
        ("-kind:chat", .not(.kind("chat"))),
        ("-\"a b\"", .not(.text(.phrase("a b")))),
        ("-pedag*", .not(.text(.prefix("pedag")))),
        ("-(a OR b)", .not(.or([word("a"), word("b")]))),
        ("NOT (a b) OR c", .or([.not(.and([word("a"), word("b")])), word("c")])),
        ("a OR -b", .or([word("a"), .not(word("b"))])),
        ("-on:today", .not(.and([.since(utc(2026, 11, 29)), .until(utc(2026, 11, 30))]))),
        ("on:today x", .and([.since(utc(2026, 11, 29)), .until(utc(2026, 11, 30)), word("x")])),
        (
            "#teaching since:2026-11-02 \"think pair\" OR kind:chat",
            .or([
                .and([.tag("teaching"), .since(utc(2026, 11, 2)), .text(.phrase("think pair"))]),
                .kind("chat"),
            ])
        ),
        ("(since:today)", .since(utc(2026, 11, 29))),
        ("(#a OR @b)", .or([.tag("a"), .person("b")])),
        ("(f(x))", word("f(x)")),
        ("a OR(b c)", .or([word("a"), .and([word("b"), word("c")])])),
        ("NOT(a)", .not(word("a"))),
        ("a AND(b)", .and([word("a"), word("b")])),
        ("ORb(c)", word("ORb(c)")),
        ("  a\tOR\nb  ", .or([word("a"), word("b")])),
    ]

    @Test("operators, precedence, negation and nesting", arguments: operatorCases)
    func operators(query: String, expected: QueryExpression) throws {
        #expect(try Self.parse(query) == expected)
    }

    // MARK: - Errors

    static let errorCases: [(String, Int, String)] = [
        ("\"abc", 1, "unterminated quote"),
        ("a \"b c", 3, "unterminated quote"),
        ("since:\"last friday", 7, "unterminated quote"),
        ("note:\"abc", 6, "unterminated quote"),
        ("(a b", 5, "expected ')' to close '(' at column 1"),
        ("x (a b", 7, "expected ')' to close '(' at column 3"),
        ("((a) b", 7, "expected ')' to close '(' at column 1"),
        (")", 1, "unexpected ')'"),
        ("a )", 3, "unexpected ')'"),
        ("(a))", 4, "unexpected ')'"),
        ("a OR", 5, "expected a term after OR"),
        ("a OR )", 6, "expected a term after OR"),
        ("a OR OR b", 6, "expected a term after OR"),
        ("a OR AND b", 6, "expected a term after OR"),
        ("(a OR) b", 6, "expected a term after OR"),
        ("\"a\" OR", 7, "expected a term after OR"),
        ("OR a", 1, "expected a term before OR"),
        ("AND a", 1, "expected a term before AND"),
        ("a AND", 6, "expected a term after AND"),
        ("a AND OR b", 7, "expected a term after AND"),
        ("NOT", 4, "expected a term after NOT"),
        ("a NOT )", 7, "expected a term after NOT"),
        ("-", 2, "expected a term right after '-'"),
        ("a - b", 4, "expected a term right after '-'"),
        ("-)", 2, "expected a term after '-'"),
        ("()", 2, "expected a term after '('"),
        ("(OR a)", 2, "expected a term after '('"),
        ("#", 2, "expected a tag name after '#'"),
        ("a # b", 4, "expected a tag name after '#'"),
        ("(#)", 3, "expected a tag name after '#'"),
        ("@", 2, "expected a handle after '@'"),
        ("since:", 7, "expected a date after since:"),
        ("since:\"\"", 7, "expected a date after since:"),
        ("since:xyz", 7, "expected a date after since:, got 'xyz'"),
        ("a until:\"purple banana\"", 9, "expected a date after until:, got 'purple banana'"),
        ("on:soon", 4, "expected a date after on:, got 'soon'"),
        ("Since:soon", 7, "expected a date after since:, got 'soon'"),
        ("is:flagged", 4, "expected 'starred' after is:, got 'flagged'"),
        ("is:", 4, "expected 'starred' after is:"),
        ("kind:", 6, "expected a kind after kind:"),
        ("source:", 8, "expected a source key after source:"),
        ("framework:", 11, "expected a framework name after framework:"),
        ("stage:", 7, "expected a stage name after stage:"),
        ("stage:a\"b", 7, "a stage name cannot contain '\"'"),
        // Columns count characters, not bytes.
        ("café (thé", 10, "expected ')' to close '(' at column 6"),
        ("🙂 #", 4, "expected a tag name after '#'"),
    ]

    @Test("syntax errors name the column and what was expected", arguments: errorCases)
    func syntaxError(query: String, column: Int, message: String) {
        #expect(throws: PLNError.querySyntax(query: query, column: column, message: message)) {
            _ = try Self.parse(query)
        }
    }

    @Test("EntryQuery reports the same syntax errors")
    func entryQueryError() {
        #expect(throws: PLNError.querySyntax(query: "a OR", column: 5, message: "expected a term after OR")) {
            _ = try EntryQuery("a OR", context: Self.context)
        }
    }

    @Test("an impossible date propagates the date parser's error", arguments: [
        "since:2019-02-29", "until:2019-02-29", "on:2019-02-29", "a (b OR on:2019-02-29)",
    ])
    func invalidDate(query: String) {
        let error = #expect(throws: PLNError.self) { _ = try Self.parse(query) }
        guard case .invalidDate = error else {
            Issue.record("expected .invalidDate, got \(String(describing: error))")
            return
        }
    }

    // MARK: - Lexer details

    @Test("reserved values record where they start")
    func fieldColumns() throws {
        let tokens = try QueryLexer.tokenize("a since:\"last friday\" (kind:note)")
        #expect(tokens == [
            QueryToken(.word("a"), column: 1),
            QueryToken(.field(.since, value: "last friday", valueColumn: 9), column: 3),
            QueryToken(.open, column: 23),
            QueryToken(.field(.kind, value: "note", valueColumn: 29), column: 24),
            QueryToken(.close, column: 33),
        ])
    }

    @Test("FTS5 strings quote every term so users cannot type FTS5 syntax")
    func fts5Quoting() {
        #expect(QueryExpression.Text.word("pedagogy").fts5 == "\"pedagogy\"")
        #expect(QueryExpression.Text.word("a\"b").fts5 == "\"a\"\"b\"")
        #expect(QueryExpression.Text.word("NEAR(").fts5 == "\"NEAR(\"")
        #expect(QueryExpression.Text.prefix("pedag").fts5 == "\"pedag\" *")
        #expect(QueryExpression.Text.phrase("think pair share").fts5 == "\"think pair share\"")
        #expect(QueryExpression.Text.word("a\u{0}b").fts5 == "\"a b\"")
    }
}
