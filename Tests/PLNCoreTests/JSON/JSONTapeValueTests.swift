import Testing
@testable import PLNCore

/// Values read in place on a tape (`JSONTapeValue`) read as the same JSON parsed into a tree.
@Suite("JSON tape values")
struct JSONTapeValueTests {
    func tape(_ json: String) throws -> JSONTape {
        var tape = JSONTape()
        try JSONParser.parse(bytes: Array(json.utf8), into: &tape)
        return tape
    }

    @Test(arguments: [
        #"{"a": [1, {"b": [true, false, null]}, "x\u00e9\n"], "c": {}, "d": [], "e": -2.5e3, "a": "second"}"#,
        #"[[[]], {"k": {"k": {"k": "deep"}}}, 0]"#,
        #""just a string""#,
        "null",
    ])
    func aTapeValueIsTheTreeItRecords(json: String) throws {
        let tape = try tape(json)
        let tree = try JSONParser.parse(json)
        tape.withRoot { root in
            #expect(root.tree == tree)
            #expect(root.end == tape.events.count)
        }
    }

    /// A member is found by its key's bytes, the first when repeated, past nested values.
    @Test func membersAreFoundByKey() throws {
        let tape = try tape(#"{"a": [1, {"b": 2}], "é": {"b": 3}, "b": 4, "a": 5}"#)
        tape.withRoot { root in
            #expect(root["a"]?.tree == .array([.number(1), .object([("b", .number(2))])]))
            #expect(root["b"]?.tree == .number(4))
            #expect(root["é"]?["b"]?.tree == .number(3))
            #expect(root["c"] == nil)
            #expect(root["b"]?["b"] == nil)
            guard case .array(let items)? = root["a"]?.shape else {
                Issue.record("not an array")
                return
            }
            #expect(items.count == 2)
            #expect(items[1]["b"]?.tree == .number(2))
            if case .string = root["a"]?.shape { Issue.record("an array read as a string") }
        }
    }
}
