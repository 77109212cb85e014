import PLNCore
import Testing
@testable import PLNShell

/// Names a journal might hold, without a journal.
struct FixedNames: NameSource {
    var tagList = ["ell", "ellchat", "assessment"]
    var handleList = ["jane", "janet", "omar"]
    var keyList = ["bauer2010", "hattie2009"]
    func tags(prefix: String) -> [String] { tagList.filter { $0.lowercased().hasPrefix(prefix.lowercased()) } }
    func handles(prefix: String) -> [String] { handleList.filter { $0.hasPrefix(prefix) } }
    func sourceKeys(prefix: String) -> [String] { keyList.filter { $0.hasPrefix(prefix) } }
    func kinds(prefix: String) -> [String] { ["note", "reflection"].filter { $0.hasPrefix(prefix) } }
}

@Suite("Completion")
struct CompleterTests {
    let completer = Completer(commands: [
        CommandInfo(name: "list", abstract: "", flags: ["--format", "-n", "--limit", "--reverse", "--sort"],
                    values: ["--format": ["text", "json", "jsonl"], "--sort": ["date", "rank"], "-n": []], takesQuery: true),
        CommandInfo(name: "import", abstract: "", flags: ["--format"], values: ["--format": ["json", "jsonl"]], takesFile: true),
        CommandInfo(name: "format", abstract: ""),
        CommandInfo(name: "help", abstract: ""),
    ], names: FixedNames())

    @Test(arguments: [
        ("/li", "/li", ["/list"]),
        ("/", "/", ["/format", "/help", "/import", "/list"]),
        ("/list --f", "--f", ["--format"]),
        ("/list --format j", "j", ["json", "jsonl"]),
        ("/list --sort ", "", ["date", "rank"]),
        ("/list #el", "#el", ["#ell", "#ellchat"]),
        ("/list -#el", "-#el", ["-#ell", "-#ellchat"]),
        ("/list @jan", "@jan", ["@jane", "@janet"]),
        ("/list si", "si", ["since:"]),
        ("/list tag:a", "tag:a", ["tag:assessment"]),
        ("/list is:s", "is:s", ["is:starred"]),
        ("/list source:b", "source:b", ["source:bauer2010"]),
        ("/list kind:r", "kind:r", ["kind:reflection"]),
        ("Tried it with @om", "@om", ["@omar"]),
        ("Read [[ha", "[[ha", ["[[hattie2009]]"]),
        ("Plain words", "words", []),
        ("/format j", "j", ["json", "jsonl"]),
        ("/help li", "li", ["list"]),
    ])
    func offers(line: String, word: String, expected: [String]) {
        #expect(completer.candidates(line: line, word: word) == expected)
    }

    @Test func filesWhereACommandTakesAFile() {
        #expect(completer.candidates(line: "/import ./da", word: "./da") == nil)
        #expect(completer.candidates(line: "/import --format ", word: "") == ["json", "jsonl"])
        #expect(completer.candidates(line: "/list -n ", word: "") == [])
    }
}

@Suite("Shell words")
struct ShellTokenizerTests {
    @Test(arguments: [
        ("list #ell since:2026-01-01", ["list", "#ell", "since:2026-01-01"]),
        ("search \"think pair share\" -n 3", ["search", "think pair share", "-n", "3"]),
        ("add 'it''s' x", ["add", "its", "x"]),
        ("list since:\"last friday\"", ["list", "since:last friday"]),
        ("add a\\ b", ["add", "a b"]),
        ("  spaced   out  ", ["spaced", "out"]),
    ])
    func splits(line: String, words: [String]) throws {
        #expect(try ShellTokenizer.split(line) == words)
    }

    @Test func unterminatedQuoteIsAnError() {
        #expect(throws: ShellError.unterminatedQuote) { try ShellTokenizer.split("list \"open") }
        #expect(ShellTokenizer.words("list \"open") == ["list", "open"])
    }
}
