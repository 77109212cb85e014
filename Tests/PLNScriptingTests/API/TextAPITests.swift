import Foundation
import PLNCore
import PLNTestSupport
import Testing
@testable import PLNScripting

@Suite("Text Lua API")
struct TextAPITests {
    /// A host on a fresh journal; the folder must outlive it.
    private func host() throws -> (ScriptHost, TemporaryFolder) {
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        return (try ScriptHost(store: store, options: ScriptOptions(), output: OutputSink(fd: -1)), folder)
    }

    /// The string `expression` evaluates to.
    private func run(_ expression: String) throws -> String {
        let (host, folder) = try host()
        try host.runCode("result = " + expression)
        _ = folder
        return try host.evaluate("result") ?? ""
    }

    /// The list `call` returns for `text`.
    private func list(_ call: String, _ text: String) throws -> [String] {
        let joined = try run("table.concat(\(call)([==[\(text)]==]), '\\n')")
        return joined.split(separator: "\n").map(String.init)
    }

    @Test func lowerIsUnicodeLowerCase() throws {
        #expect(try run("pln.text.lower('Übung ΣΟΦΙΑ Москва ŁÓDŹ ǅ ABC')") == "übung σοφια москва łódź ǆ abc")
    }

    @Test func hashtagsAreCapturesTagsLowerCaseAndDistinct() throws {
        let text = "#Übung and #übung, C# a#b &#39; x.org/#top #2026 #12-14 #trailing- `#code` https://x.org/#frag #Σοφία."
        #expect(try list("pln.text.hashtags", text) == ["übung", "trailing", "σοφία"])
        #expect(try list("pln.text.hashtags", text) == InlineParser.parse(text).tags.map { $0.lowercased() })
    }

    @Test func mentionsAreCapturesPeople() throws {
        let text = "thanks @Jane and @jane, jane@example.com, @bob@mastodon.social. @3 @ana-lópez-"
        #expect(try list("pln.text.mentions", text) == ["Jane", "bob@mastodon.social", "ana-lópez"])
        #expect(try list("pln.text.mentions", text) == InlineParser.parse(text).people)
    }

    @Test func urlsAreCapturesBareURLs() throws {
        let text = "(see https://x.org/a) https://en.wikipedia.org/wiki/Foo_(bar), HTTP://A.org/b?c=1. https://x.org/a xhttps://no.org"
        #expect(try list("pln.text.urls", text) == ["https://x.org/a", "https://en.wikipedia.org/wiki/Foo_(bar)", "HTTP://A.org/b?c=1"])
        #expect(try list("pln.text.urls", text) == InlineParser.parse(text).urls)
    }

    @Test func hashIsFNV1a64() throws {
        // The published FNV-1a test vectors: "" and "a", "foobar".
        #expect(try run("pln.text.hash('') .. ' ' .. pln.text.hash('a') .. ' ' .. pln.text.hash('foobar')")
            == "cbf29ce484222325 af63dc4c8601ec8c 85944171f73967e8")
    }

    @Test func nonStringsAreRefused() throws {
        for name in ["lower", "hashtags", "mentions", "urls", "hash"] {
            #expect(throws: ScriptError.self) { try run("pln.text.\(name)({})") }
            do { _ = try run("pln.text.\(name)(nil)") } catch {
                #expect("\(error)".contains("pln.text.\(name): the text must be a string"))
            }
        }
    }
}
