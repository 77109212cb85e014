import PLNTestSupport
import Testing
@testable import PLNScripting

@Suite("Lua state: running, calling, errors")
struct LuaStateTests {
    @Test func versionIsLua54() {
        #expect(LuaState.luaVersion == "Lua 5.4")
    }

    @Test func swiftFunctionsTakeArgumentsAndReturnResults() throws {
        let state = try LuaState()
        state.setGlobal("divmod", state.function { arguments throws(ScriptError) in
            guard let a = arguments.first?.int, let b = arguments.dropFirst().first?.int, b != 0 else {
                throw .host("divmod needs two integers, the second not zero")
            }
            return [.integer(a / b), .integer(a % b)]
        })
        #expect(try state.run("return divmod(17, 5)", chunkName: "=t") == [.integer(3), .integer(2)])
        #expect(try state.run("local q, r = divmod(9, 3) return q + r", chunkName: "=t") == [.integer(3)])
        // results of any shape, and no result at all
        state.setGlobal("entry", state.function { _ in [.table(.record(["id": 7, "tags": .table(LuaTable(array: ["ell"]))]))] })
        #expect(try state.run("local e = entry() return e.id, e.tags[1]", chunkName: "=t") == [.integer(7), "ell"])
        state.setGlobal("nothing", state.function { _ in [] })
        #expect(try state.run("return select('#', nothing())", chunkName: "=t") == [.integer(0)])
        #expect(state.global("divmod").function != nil)
    }

    @Test func swiftErrorsReadAsTheLuaCallersPosition() throws {
        let state = try LuaState()
        state.setGlobal("fail", state.function { _ throws(ScriptError) in throw .host("no entry 42") })
        #expect(throws: ScriptError.self) { try state.run("fail()", chunkName: "=t") }
        do {
            try state.run("local x = 1\n\nfail()\n", chunkName: "@notes/plugin.lua")
            Issue.record("no error")
        } catch {
            guard case .runtime(let message, let traceback) = error else { Issue.record("\(error)"); return }
            #expect(message == "notes/plugin.lua:3: no entry 42")
            #expect(traceback.hasPrefix("stack traceback:"))
            #expect(traceback.contains("notes/plugin.lua:3:"))
        }
        // Lua code can catch it; the position is the Lua line that called
        #expect(try state.run("local ok, e = pcall(function()\n fail()\n end) return ok, e", chunkName: "=p")
            == [false, "p:2: no entry 42"])
        // called by a C function (pcall itself), there is no Lua position to give
        #expect(try state.run("return pcall(fail)", chunkName: "=p") == [false, "no entry 42"])
    }

    @Test func syntaxErrorsReadAsLuaReportsThem() throws {
        let state = try LuaState()
        #expect(throws: ScriptError.syntax("repl:1: unexpected symbol near ')'")) {
            try state.run("x = )", chunkName: "=repl")
        }
        #expect(luaFailure { try state.run("local a = 1\nlocal b = = 2", chunkName: "@daily.lua") }
            == .syntax("daily.lua:2: unexpected symbol near '='"))
    }

    @Test func runtimeErrorsCarryATraceback() throws {
        let state = try LuaState()
        let code = """
            local function inner() error("boom") end
            local function outer() inner() end
            outer()
            """
        do {
            try state.run(code, chunkName: "@script.lua")
            Issue.record("no error")
        } catch {
            #expect(error == .runtime(message: "script.lua:1: boom", traceback: error.traceback ?? ""))
            #expect(error.description == "script.lua:1: boom")
            let traceback = try #require(error.traceback)
            #expect(traceback.hasPrefix("stack traceback:"))
            #expect(traceback.contains("script.lua:2:"))
            #expect(traceback.contains("script.lua:3:"))
            #expect(!traceback.contains("boom"))
        }
    }

    @Test func errorObjectsThatAreNotStrings() throws {
        let state = try LuaState()
        func message(_ code: String) -> String? {
            do {
                try state.run(code, chunkName: "=e")
                return nil
            } catch {
                if case .runtime(let message, _) = error { return message }
                return "\(error)"
            }
        }
        #expect(message("error({})") == "(error object is a table value)")
        #expect(message("error(nil)") == "(error object is a nil value)")
        #expect(message("error(42)") == "42")
        #expect(message("error(setmetatable({}, {__tostring = function() return 'custom' end}))") == "custom")
        #expect(message("error('no position', 0)") == "no position")
        #expect(message("error('with\\0nul')") == "e:1: with\0nul")
        #expect(message("error('two\\nlines')") == "e:1: two\nlines")
    }

    @Test func theCollectorStartsInGenerationalModeAndScriptsMaySwitch() throws {
        let state = try LuaState()
        // collectgarbage(mode) returns the mode it replaced.
        #expect(try state.run("return collectgarbage('incremental')", chunkName: "=gc") == [.string("generational")])
        #expect(try state.run("return collectgarbage('generational')", chunkName: "=gc") == [.string("incremental")])
    }

    @Test func storedFunctionsCanBeCalledLater() throws {
        let state = try LuaState()
        let returned = try state.run("local n = 0 return function(a, b) n = n + 1 return a + b, a * b, n end", chunkName: "=f")
        let function = try #require(returned.first?.function)
        #expect(try state.call(function, [2, 3]) == [.integer(5), .integer(6), .integer(1)])
        try state.run("collectgarbage()", chunkName: "=gc")
        #expect(try state.call(function, [.number(1.5), 2]) == [.number(3.5), .number(3), .integer(2)])
        // errors come back with the function's position
        let failing = try #require(try state.run("return function()\n error('late') end", chunkName: "=cb").first?.function)
        #expect(luaFailure { try state.call(failing, []) }?.description == "cb:2: late")
        // the same Lua function crossing twice is equal
        try state.run("function shared() end", chunkName: "=s")
        #expect(state.global("shared") == state.global("shared"))
        #expect(state.global("shared") != returned[0])
    }

    @Test func functionsOfAnotherStateAreRefused() throws {
        let one = try LuaState(), other = try LuaState()
        let function = try #require(try one.run("return function() return 1 end", chunkName: "=f").first?.function)
        #expect(throws: ScriptError.self) { try other.call(function, []) }
        #expect(throws: ScriptError.self) { try other.run("return ...", chunkName: "=x", arguments: [.function(function)]) }
    }

    @Test func hostFunctionsCanCallBackIntoLua() throws {
        let state = try LuaState()
        state.setGlobal("each", state.function { [unowned state] arguments throws(ScriptError) in
            guard let items = arguments.first?.table, let body = arguments.dropFirst().first?.function else {
                throw .host("each(items, function)")
            }
            var results: [LuaValue] = []
            for item in items.array { results += try state.call(body, [item]) }
            return [.table(LuaTable(array: results))]
        })
        #expect(try state.run("return each({1, 2, 3}, function(x) return x * 10 end)", chunkName: "=t")
            == [.table(LuaTable(array: [10, 20, 30]))])
        // an error in the callback travels out with its own position
        #expect(luaFailure { try state.run("each({1}, function(x)\n error('inner') end)", chunkName: "=t") }?
            .description == "t:2: inner")
        // and inside a coroutine
        #expect(try state.run("return coroutine.wrap(function() return each({4}, function(x) return x + 1 end) end)()",
                              chunkName: "=co") == [.table(LuaTable(array: [5]))])
        #expect(try state.run("local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end) return co(1), co(5)",
                              chunkName: "=co") == [.integer(2), .integer(10)])
    }

    @Test func evaluateTriesAnExpressionFirst() throws {
        let state = try LuaState()
        #expect(try state.evaluate(line: "1+1") == [.integer(2)])
        #expect(try state.evaluate(line: "x = 20") == [])
        #expect(try state.evaluate(line: "x / 2, 'y'") == [.number(10), "y"])
        #expect(throws: ScriptError.syntax("stdin:1: unexpected symbol near ')'")) { try state.evaluate(line: "x = )") }
        #expect(luaFailure { _ = try state.evaluate(line: "for i = 1, 2 do") }?.isIncompleteChunk == true)
        #expect(luaFailure { _ = try state.evaluate(line: "for i = 1, 2 do end") }?.isIncompleteChunk == nil)
        #expect(luaFailure { _ = try state.evaluate(line: "x = )") }?.isIncompleteChunk == false)
        #expect(luaFailure { _ = try state.evaluate(line: "error('e')", chunkName: "=repl") }?.description == "repl:1: e")
    }

    @Test func globalsAndPaths() throws {
        let state = try LuaState()
        state.setGlobal("answer", 42)
        #expect(state.global("answer") == 42)
        #expect(state.global("missing") == .nil)
        state.set(path: ["pln", "json", "decode"], state.function { _ in ["decoded"] })
        state.set(path: ["pln", "version"], "1.0")
        #expect(try state.run("return pln.json.decode(), pln.version", chunkName: "=p") == ["decoded", "1.0"])
        try state.run("pln.keep = true", chunkName: "=p")
        state.set(path: ["pln", "json", "encode"], 1)
        #expect(try state.run("return pln.keep, pln.json.encode, type(pln.json.decode)", chunkName: "=p") == [true, 1, "function"])
        state.setGlobal("answer", .nil)
        #expect(state.global("answer") == .nil)
    }

    @Test func luaFunctionsFromSource() throws {
        let state = try LuaState()
        let add = try state.function(source: "local a, b = ... return a + b", name: "add")
        #expect(try state.call(try #require(add.function), [1, 2]) == [.integer(3)])
        state.setGlobal("add", add)
        #expect(try state.run("return add(2, 2)", chunkName: "=t") == [.integer(4)])
        #expect(luaFailure { try state.run("add(1, {})", chunkName: "=t") }?.description
            .hasPrefix("add:1: attempt to perform arithmetic") == true)
        #expect(throws: ScriptError.self) { try state.function(source: "return +", name: "bad") }
    }

    @Test func runFileSetsArgAndReportsFileErrors() throws {
        let folder = TemporaryFolder()
        let path = folder.write("script.lua", "#!/usr/bin/env pln\nreturn arg[0], arg[1], arg[2], select('#', ...), ...\n")
        let state = try LuaState()
        #expect(try state.runFile(path, arguments: ["a", 2]) == [.string(path), "a", 2, .integer(2), "a", 2])
        let failing = folder.write("failing.lua", "#!/usr/bin/env pln\nlocal x = 1\nerror('at line 3')\n")
        #expect(luaFailure { try state.runFile(failing) }?.description == "\(failing):3: at line 3")
        #expect(throws: ScriptError.io(path: folder.path + "/missing.lua", reason: "No such file or directory")) {
            try state.runFile(folder.path + "/missing.lua")
        }
        #expect(throws: ScriptError.self) { try state.runFile(folder.path) }
        #expect(ScriptError.io(path: "x.lua", reason: "Permission denied").description == "cannot read x.lua: Permission denied")
    }

    @Test func runawayRecursionIsAnErrorNotACrash() throws {
        let state = try LuaState()
        let lua = luaFailure { try state.run("local function f(n) return 1 + f(n + 1) end return f(1)", chunkName: "=deep") }
        #expect(lua?.description.hasPrefix("deep:1: stack overflow") == true)
        // through Swift and back, again and again
        state.setGlobal("again", state.function { [unowned state] arguments throws(ScriptError) in
            guard let function = arguments.first?.function else { return [] }
            return try state.call(function, arguments)
        })
        let mixed = luaFailure { try state.run("local function r(self) return again(self) end return again(r)", chunkName: "=mixed") }
        guard case .runtime(let message, _) = mixed else { Issue.record("\(String(describing: mixed))"); return }
        #expect(message.contains("stack overflow"))
        #expect(try state.run("return 'fine'", chunkName: "=ok") == ["fine"])
    }

    @Test func theStateStaysUsableAfterErrors() throws {
        let state = try LuaState()
        for _ in 0..<3 {
            #expect(throws: ScriptError.self) { try state.run("error('x')", chunkName: "=e") }
            #expect(throws: ScriptError.self) { try state.run("(", chunkName: "=e") }
        }
        #expect(try state.run("return 1", chunkName: "=ok") == [1])
    }
}
