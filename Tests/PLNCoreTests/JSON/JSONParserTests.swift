import Testing
@testable import PLNCore

@Suite("JSON")
struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(#"{"a":[1,-2.5,3e2,true,false,null],"b":"x\"\\\/\n\t\u00e9\ud83d\ude00","c":{}}"#)
        #expect(value["a"] == .array([.number(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(value["b"] == .string("x\"\\/\n\té😀"))
        #expect(value["c"] == .object([]))
    }

    @Test func stringsMustBeUTF8WhereverTheBadByteIs() throws {
        for prefix in ["", "abc", "abcdefgh", "abcdefghijklmnopq"] {
            for bad: [UInt8] in [[0xFF], [0xC3], [0xE2, 0x82], [0xED, 0xA0, 0x80], [0xC0, 0xAF]] {
                for suffix in ["", "xyz", "\\n", "0123456789"] {
                    let bytes = Array("[\"\(prefix)".utf8) + bad + Array("\(suffix)\"]".utf8)
                    #expect(throws: JSONParser.Failure(line: 1, message: "invalid UTF-8 in string")) {
                        try JSONParser.parse(bytes: bytes)
                    }
                }
            }
            #expect(try JSONParser.parse(bytes: Array("[\"\(prefix)é€😀\"]".utf8)) == .array([.string(prefix + "é€😀")]))
        }
    }

    @Test func escapedStringsKeepEveryRunBetweenTheirEscapes() throws {
        // Runs of every length around the escapes, as in a Mastodon post's HTML.
        let html = #"<p>A <a href=\"https://m.example/tags/ell\" class=\"mention hashtag\">#<span>ell</span></a>\n€ \u0041\u00e9\u20ac\ud83d\ude00 end</p>"#
        #expect(try JSONParser.parse("\"" + html + "\"") == .string(
            "<p>A <a href=\"https://m.example/tags/ell\" class=\"mention hashtag\">#<span>ell</span></a>\n€ Aé€😀 end</p>"))
        #expect(try JSONParser.parse(#""\"\\""#) == .string("\"\\"))
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse("\"a\\\"bcdefghijkl\u{01}mnop\"") }
    }

    @Test(arguments: [
        ("{\"a\":1,}", 1), ("[1,\n2,\n]", 3), ("{\"a\" 1}", 1), ("\"abc", 1), ("01", 1), ("[1] x", 1),
        ("\"\\ud800\"", 1), ("\"tab\tinside\"", 1), ("nul", 1), ("{\n\n\"a\":tru}", 3),
    ])
    func rejectsInvalidJSONWithTheLine(text: String, line: Int) {
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.line == line) }
    }

    @Test func writerRoundTripsThroughParser() throws {
        let original = JSONValue.object([
            ("text", .string("line\nquote\" backslash\\ control\u{01} emoji 👩🏽‍🏫")),
            ("n", .number(42)), ("f", .number(0.5)), ("list", .array([.null, .bool(true)])),
        ])
        #expect(try JSONParser.parse(original.serialized) == original)
        #expect(JSONValue.string("\u{01}").serialized == #""\u0001""#)
    }

    @Test func keepsKeyOrderAndDeepNestingLimit() throws {
        let value = try JSONParser.parse(#"{"z":1,"a":2}"#)
        #expect(value.serialized == #"{"z":1,"a":2}"#)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(throws: JSONParser.Failure.self) { try JSONParser.parse(deep) }
    }

    /// A tape keeping some keys records only their members (sized by what it kept), values
    /// filtered in turn unless kept whole, and starts each element afresh.
    @Test func aTapeKeepsOnlyTheListedKeys() throws {
        let bytes = Array(#"[{"a": {"b": 1, "c": [2, {"c": 3}]}, "d": {"e": {"f": 4}}, "g": {"x": {"y": 5}}, "c": null}, {"b": 2}]"#.utf8)
        var parser = try JSONParser.arrayElements(bytes: bytes)
        var tape = JSONTape(keeping: ["a", "b"], whole: ["g"])
        #expect(try parser.nextElement(into: &tape))
        #expect(tape.events == [
            .object(members: 2, end: 16), .key(start: 0, count: 1), .object(members: 1, end: 6), .key(start: 1, count: 1), .number(1),
            .member, .member, .key(start: 2, count: 1), .object(members: 1, end: 15), .key(start: 3, count: 1),
            .object(members: 1, end: 14), .key(start: 4, count: 1), .number(5), .member, .member, .member,
        ])
        #expect(String(decoding: tape.text, as: UTF8.self) == "abgxy")
        #expect(tape.value == .object([
            ("a", .object([("b", .number(1))])), ("g", .object([("x", .object([("y", .number(5))]))])),
        ]))
        tape.removeAll()
        #expect(try parser.nextElement(into: &tape))
        #expect(tape.events == [.object(members: 1, end: 4), .key(start: 0, count: 1), .number(2), .member])
    }

    /// A tape's value is the tree the parser builds from the same element.
    @Test func aTapeGivesBackTheTreeItRecords() throws {
        let bytes = Array(#"[{"k\"": [1, null, "\u00e9", [], {}], "o": {"p": {"q": [true, false, -2.5e3]}}, "n": null}, "s", 7, [[["deep"]]], {}]"#.utf8)
        var trees = try JSONParser.arrayElements(bytes: bytes)
        var tapes = try JSONParser.arrayElements(bytes: bytes)
        var tape = JSONTape()
        var count = 0
        while let tree = try trees.nextElement() {
            #expect(try tapes.nextElement(into: &tape))
            #expect(tape.value == tree)
            count += 1
        }
        #expect(count == 5)
        #expect(try !tapes.nextElement(into: &tape))
    }

    /// The tape records an element as flat events with sized containers, its strings in one
    /// buffer (escapes resolved); it is emptied for each element and ends with the array.
    @Test func elementsAsATape() throws {
        let bytes = Array("[ {\"k\\\"\": [1, null, \"\\u00e9\"], \"o\": {}},\n \"\", 2.5 ]".utf8)
        var parser = try JSONParser.arrayElements(bytes: bytes)
        var tape = JSONTape()
        #expect(try parser.nextElement(into: &tape))
        #expect(tape.events == [
            .object(members: 2, end: 13), .key(start: 0, count: 2), .array(elements: 3, end: 9), .number(1), .element(1),
            .null, .element(2), .string(start: 2, count: 2), .element(3), .member,
            .key(start: 4, count: 1), .object(members: 0, end: 12), .member,
        ])
        #expect(String(decoding: tape.text, as: UTF8.self) == "k\"éo")
        #expect(try parser.nextElement(into: &tape))
        #expect(tape.events == [.string(start: 0, count: 0)] && tape.text.isEmpty)
        #expect(parser.currentLine == 2)
        #expect(try parser.nextElement(into: &tape))
        #expect(tape.events == [.number(2.5)])
        #expect(try !parser.nextElement(into: &tape))
        var broken = try JSONParser.arrayElements(bytes: Array("[\n{\"a\": }]".utf8))
        #expect(throws: JSONParser.Failure(line: 2, message: "unexpected character '}'")) { try broken.nextElement(into: &tape) }
    }

    /// The count and the longest element of an array, by a scan that skips strings (quotes and
    /// brackets inside them, escaped quotes, a backslash before the closing quote).
    @Test func arrayShapeCountsElementsAndFindsTheLongest() {
        func shape(_ text: String) -> JSONParser.ArrayShape? { JSONParser.arrayShape(bytes: Array(text.utf8)) }
        #expect(shape("[]")?.count == 0)
        #expect(shape("x = [ ]")?.count == 0)
        #expect(shape(#"[1, "a,]\"b", {"c": [1, 2]}, "\\"]"#).map { [$0.count, $0.longest] } == [4, 14])
        #expect(shape(#"["ab"]"#).map { [$0.count, $0.longest] } == [1, 4])
        #expect(shape(#"[1, "open]"#) == nil)
        #expect(shape("no array") == nil)
    }

    /// The scan goes eight bytes at a time: against a byte-by-byte reading of the same arrays,
    /// with strings, escapes and brackets at every offset of a word.
    @Test func arrayShapeAgreesWithAPlainScan() {
        func plain(_ bytes: [UInt8]) -> JSONParser.ArrayShape? {
            guard var index = bytes.firstIndex(of: UInt8(ascii: "[")) else { return nil }
            index += 1
            var depth = 1, count = 0, sawValue = false, start = index, longest = 0, inString = false
            while index < bytes.count {
                let byte = bytes[index]
                if inString {
                    if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else {
                    switch byte {
                    case UInt8(ascii: "\""): inString = true; if depth == 1 { sawValue = true }
                    case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; if depth == 2 { sawValue = true }
                    case UInt8(ascii: "]"), UInt8(ascii: "}"):
                        depth -= 1
                        if depth == 0 { return .init(count: sawValue ? count + 1 : 0, longest: max(longest, index - start)) }
                    case UInt8(ascii: ","): if depth == 1 { count += 1; longest = max(longest, index - start); start = index + 1 }
                    case 0x20, 0x0A, 0x09, 0x0D: break
                    default: if depth == 1 { sawValue = true }
                    }
                }
                index += 1
            }
            return nil
        }
        let pieces = [#""a""#, #""Yy_ "q" [x] {y}, z""#, #""ends in \""#, #"{"k": [1, 2, {"m": "}]"}], "YY": null}"#,
                      "12345678", "  \n    ", #"{"deep": [[[["\\\""]]]]}"#, #""\#u{7F}é€😀""#, "true", #""""#]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            let elements = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (0..<Int.random(in: 1...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                    .joined(separator: Bool.random(using: &generator) ? " " : "")
            }
            for text in ["[" + elements.joined(separator: ",") + "]", "x = [\n  " + elements.joined(separator: ",\n  ") + "\n]",
                         "[" + elements.joined(separator: ",")] {
                let bytes = Array(text.utf8)
                #expect(JSONParser.arrayShape(bytes: bytes) == plain(bytes), "\(text)")
            }
        }
    }

    /// Strings are scanned eight bytes at a time: a quote, a backslash or a control character
    /// at any position of a word ends the plain run where it is.
    @Test func longStringsEndWhereTheyEnd() throws {
        for length in 0...20 {
            let plain = String((0..<length).map { Character(UnicodeScalar(UInt8(ascii: "a") + UInt8($0 % 26))) })
            #expect(try JSONParser.parse("[\"\(plain)\", 1]") == .array([.string(plain), .number(1)]))
            #expect(try JSONParser.parse("\"\(plain)\\\"x\\\\\"") == .string(plain + "\"x\\"))
            #expect(throws: JSONParser.Failure(line: 1, message: "control character in string")) {
                try JSONParser.parse("\"\(plain)\u{01}\"")
            }
            #expect(try JSONParser.parse("\"\(plain)é€😀\(plain)\"") == .string(plain + "é€😀" + plain))
        }
    }
}
