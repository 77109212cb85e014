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
}
