import Testing
@testable import PLNScripting

@Suite("Lua values")
struct LuaValueTests {
    @Test func scalarsRoundTripWithTheirLuaTypes() throws {
        let state = try LuaState()
        let values: [LuaValue] = [
            .nil, true, false, .integer(3), .number(3.0), .number(0.5), .integer(.max), .integer(.min),
            "", "a\0b", "é🙂 journal", .nil,
        ]
        #expect(try state.run("return ...", chunkName: "=echo", arguments: values) == values)
        let types = try state.run("local r = {} for i = 1, select('#', ...) do local v = select(i, ...) r[i] = math.type(v) or type(v) end return table.unpack(r, 1, select('#', ...))",
                                  chunkName: "=types", arguments: [.integer(3), .number(3.0), "x", .nil])
        #expect(types == ["integer", "float", "string", "nil"])
        #expect(try state.run("return #..., ('...'):byte(2)", chunkName: "=len", arguments: ["a\0b"]) == [.integer(3), .integer(46)])
        #expect(try state.run("local s = ... return #s", chunkName: "=len", arguments: ["a\0b"]) == [.integer(3)])
    }

    @Test func integersAndFloatsStayApart() throws {
        let state = try LuaState()
        #expect(try state.run("return 1, 1.0, 2^53, 7 // 2, 7 / 2", chunkName: "=n")
            == [.integer(1), .number(1), .number(9007199254740992), .integer(3), .number(3.5)])
        #expect(LuaValue.number(4).int == 4)
        #expect(LuaValue.number(4.5).int == nil)
        #expect(LuaValue.integer(4).double == 4)
        #expect(LuaValue.integer(4).string == nil)
    }

    @Test func invalidUTF8IsConvertedLossily() throws {
        let state = try LuaState()
        #expect(try state.run("return '\\xff\\xfeok'", chunkName: "=bytes") == ["\u{FFFD}\u{FFFD}ok"])
    }

    @Test func nestedTablesRoundTrip() throws {
        let state = try LuaState()
        let entry = LuaValue.table(.record([
            "body": "Tried think-pair-share #ell",
            "people": .table(LuaTable(array: ["@jane", "@sam"])),
            "meta": .table(.record(["stars": 4, "weights": .table(LuaTable(array: [0.5, 1.5]))])),
            "draft": false,
        ]))
        let back = try state.run("return ...", chunkName: "=echo", arguments: [entry])
        #expect(back == [entry])
        #expect(back[0]["meta"]["stars"] == 4)
        #expect(back[0]["people"].table?.array == ["@jane", "@sam"])
        let summary = try state.run("local e = ... return e.people[2], #e.people, e.meta.weights[1], e.draft",
                                    chunkName: "=read", arguments: [entry])
        #expect(summary == ["@sam", .integer(2), .number(0.5), false])
    }

    @Test func arraysWithHolesKeepTheRestInFields() throws {
        let state = try LuaState()
        let holes = try state.run("return {1, nil, 3, x = 'y'}", chunkName: "=holes")
        let table = try #require(holes.first?.table)
        #expect(table.array == [1])
        #expect(table.fields.count == 2)
        #expect(table.value(for: 3) == 3)
        #expect(table["x"] == "y")
        #expect(table == LuaTable(array: [1], fields: [("x", "y"), (3, 3)]))
        // the same table, split differently between array and fields
        #expect(LuaTable(array: [1, 2]) == LuaTable(array: [1], fields: [(.integer(2), 2)]))
        #expect(LuaTable(fields: [("a", 1), ("b", 2)]) == LuaTable(fields: [("b", 2), ("a", 1)]))
        #expect(LuaTable(fields: [("a", 1)]) != LuaTable(fields: [("a", 2)]))
        // Swift arrays with nil elements become tables with holes
        let lengths = try state.run("local t = ... return t[1], t[2], t[3]", chunkName: "=holes",
                                    arguments: [.table(LuaTable(array: [1, .nil, 3]))])
        #expect(lengths == [1, .nil, 3])
    }

    @Test func tablesWithCyclesOrTooDeepAreRefused() throws {
        let state = try LuaState()
        #expect(throws: ScriptError.host("cannot convert a table with cycles")) {
            try state.run("local t = {} t.self = t return t", chunkName: "=cycle")
        }
        #expect(throws: ScriptError.host("cannot convert a table nested more than 32 levels deep")) {
            try state.run("local t = {} for i = 1, 40 do t = {t} end return t", chunkName: "=deep")
        }
        // a table shared by two fields is not a cycle
        let shared = try state.run("local s = {1, 2} return {a = s, b = s}", chunkName: "=shared")
        #expect(shared[0]["a"] == shared[0]["b"])
        #expect(state.global("_G") == .nil)  // _G holds itself
        // past 16 tables the ones already read are kept in a dictionary: still found, and a
        // cycle through many tables is still one
        let many = try state.run("""
            local s = {x = 1}
            local t = {}
            for i = 1, 40 do t[i] = {n = i, s = s} end
            t.last = s
            return t
            """, chunkName: "=many")
        let table = try #require(many.first?.table)
        #expect(table.array.count == 40)
        #expect(table.array[39]["n"] == 40 && table.array[39]["s"] == table["last"])
        #expect(table["last"]["x"] == 1)
        #expect(throws: ScriptError.host("cannot convert a table with cycles")) {
            try state.run("local t = {} for i = 1, 30 do t[i] = {} end t[30].back = t return t", chunkName: "=cycle")
        }
        // a function among the values (its reference may run Lua) and more fields after it
        let mixed = try state.run("return {f = print, a = 1, b = 2, c = {3}}", chunkName: "=mixed")
        #expect(mixed[0]["a"] == 1 && mixed[0]["b"] == 2 && mixed[0]["c"] == .table(LuaTable(array: [3])))
        #expect(mixed[0]["f"].function != nil)
    }

    @Test func otherLuaTypesArriveAsPlaceholders() throws {
        let state = try LuaState()
        let values = try state.run("return io.stdout, coroutine.create(print)", chunkName: "=other")
        #expect(values[0].string?.hasPrefix("userdata: 0x") == true)
        #expect(values[1].string?.hasPrefix("thread: 0x") == true)
    }

    @Test func describeReadsLikeTheLuaREPL() throws {
        let state = try LuaState()
        #expect(state.describe(.nil) == "nil")
        #expect(state.describe(.integer(2)) == "2")
        #expect(state.describe(.number(2)) == "2.0")
        #expect(state.describe(.number(0.1)) == "0.1")
        #expect(state.describe(.number(1e100)) == "1e+100")
        #expect(state.describe("plain") == "plain")
        #expect(state.describe(.table(LuaTable(array: [1, 2], fields: [("a", "x")]))) == "{1, 2, a = \"x\"}")
        #expect(state.describe(.table(LuaTable(fields: [("b", 1), (.integer(10), true), ("a b", "q\"")])))
            == "{[10] = true, [\"a b\"] = \"q\\\"\", b = 1}")
        let deep = try state.run("return {1, {2, {3, {4}}}}", chunkName: "=deep")
        #expect(state.describe(deep[0]) == "{1, {2, {3, {...}}}}")
        #expect(state.describe(.table(LuaTable())) == "{}")
        let function = try state.run("return print", chunkName: "=f")
        #expect(state.describe(function[0]).hasPrefix("function: 0x"))
    }

    @Test func evaluateForDisplayShowsWhatCannotConvert() throws {
        let state = try LuaState()
        let shown = try state.evaluateForDisplay(line: "_G")
        #expect(shown.count == 1)
        #expect(shown[0].hasPrefix("{"))
        #expect(try state.evaluateForDisplay(line: "1, 'a', {x = {1}}") == ["1", "a", "{x = {1}}"])
        #expect(try state.evaluateForDisplay(line: "setmetatable({}, {__tostring = function() return 'an entry' end})")
            == ["an entry"])
        #expect(try state.evaluateForDisplay(line: "local t = {} t.t = t return t") == ["{t = {...}}"])
        // a __tostring that changes the table being shown does not break the traversal
        let changing = """
            local t = {} local o = setmetatable({}, {__tostring = function() for i = 1, 200 do t['k' .. i] = i end return 'o' end})
            for i = 1, 10 do t['o' .. i] = o end return t
            """
        #expect(try state.evaluateForDisplay(line: changing).first?.hasPrefix("{") == true)
    }
}
