import Foundation
import PLNTestSupport
import Testing
@testable import PLNScripting

@Suite("Lua state: sandbox and modules")
struct LuaSandboxTests {
    private static func sandbox() throws -> LuaState {
        var options = LuaState.Options()
        options.sandbox = true
        return try LuaState(options: options)
    }

    @Test func theSandboxHasNoWayOut() throws {
        let state = try Self.sandbox()
        let absent = ["io", "require", "package", "dofile", "loadfile", "debug", "string.dump", "os.execute",
                      "os.remove", "os.rename", "os.exit", "os.getenv", "os.tmpname", "os.setlocale"]
        for name in absent {
            #expect(try state.run("return \(name) == nil", chunkName: "=probe") == [true], "\(name)")
        }
        #expect(try state.run("return ('x').dump == nil", chunkName: "=probe") == [true])
    }

    @Test func theSandboxRefusesFinalizers() throws {
        // Lua runs __gc with hooks off: a looping finalizer would be out of the watchdog's reach.
        let state = try Self.sandbox()
        let refused = luaFailure {
            try state.run("setmetatable({}, {__gc = function() while true do end end}) collectgarbage()", chunkName: "=gc")
        }
        #expect(refused?.description == "gc:1: __gc metamethods are not allowed in the sandbox")
        #expect(try state.run("local t = setmetatable({}, {__index = {x = 1}}) return t.x, getmetatable(t).__index.x",
                              chunkName: "=mt") == [1, 1])
        #expect(try state.run("local mt = {} local t = setmetatable({}, mt) mt.__gc = function() end return t ~= nil",
                              chunkName: "=late") == [true])
    }

    @Test func theSandboxKeepsTheHarmlessLibraries() throws {
        let state = try Self.sandbox()
        let kept = try state.run("""
            return type(print), type(pcall), type(collectgarbage), string.upper('a'), table.concat({1, 2}, ','),
                math.max(1, 2), utf8.char(233), coroutine.wrap(function() return 'co' end)(),
                type(os.time()), type(os.clock()), os.date('!%Y', 0), os.difftime(2, 1)
            """, chunkName: "=kept")
        #expect(kept == ["function", "function", "function", "A", "1,2", 2, "é", "co", "number", "number", "1970", .number(1)])
    }

    @Test func theSandboxLoadsTextOnly() throws {
        let unsandboxed = try LuaState()
        let dumped = try unsandboxed.run("return string.dump(function() return 42 end)", chunkName: "=dump")
        let binary = try #require(dumped.first?.string)
        let state = try Self.sandbox()
        // run: refused before Lua sees it
        let refused = luaFailure { try state.run(binary, chunkName: "=blob") }
        guard case .syntax(let message) = refused else { Issue.record("\(String(describing: refused))"); return }
        #expect(message.hasPrefix("blob: precompiled (binary) chunks cannot be loaded in the sandbox"))
        // load: refused by Lua, whatever mode the script asks for
        state.setGlobal("blob", .string(binary))
        #expect(try state.run("return load(blob)", chunkName: "=t") == [.nil, "attempt to load a binary chunk (mode is 't')"])
        #expect(try state.run("return load(blob, 'b', 'b')", chunkName: "=t") == [.nil, "attempt to load a binary chunk (mode is 't')"])
        // text still loads, with a chunk name and an environment
        #expect(try state.run("return load('return 1 + 1')()", chunkName: "=t") == [2])
        #expect(try state.run("return load('return x', 'env', 't', {x = 'from env'})()", chunkName: "=t") == ["from env"])
        #expect(try state.run("local f, e = load('return (', '=snippet') return f, e", chunkName: "=t")
            == [.nil, "snippet:1: unexpected symbol near <eof>"])
    }

    @Test func precompiledFilesRunOnlyOutsideTheSandbox() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/compiled.luac"
        let unsandboxed = try LuaState()
        try unsandboxed.run("local f = assert(io.open(..., 'wb')) f:write(string.dump(function() return 42 end)) f:close()",
                            chunkName: "=write", arguments: [.string(path)])
        #expect(try unsandboxed.runFile(path) == [42])
        let sandboxed = try Self.sandbox()
        guard case .syntax(let message) = luaFailure({ try sandboxed.runFile(path) }) else {
            Issue.record("not refused")
            return
        }
        #expect(message.hasPrefix("\(path): precompiled (binary) chunks cannot be loaded"))
    }

    @Test func requireLoadsFromThePackagePathOnly() throws {
        let modules = TemporaryFolder(), elsewhere = TemporaryFolder()
        modules.write("journal_helpers.lua", "return { answer = 42 }")
        try FileManager.default.createDirectory(atPath: modules.path + "/tools", withIntermediateDirectories: true)
        modules.write("tools/init.lua", "return { name = 'tools' }")
        elsewhere.write("stray.lua", "return { answer = 0 }")
        var options = LuaState.Options()
        options.packagePath = [modules.path + "/"]
        let state = try LuaState(options: options)
        #expect(try state.run("return require('journal_helpers').answer, require('tools').name", chunkName: "=r") == [42, "tools"])
        guard case .runtime(let message, _) = luaFailure({ try state.run("return require('stray')", chunkName: "=r") }) else {
            Issue.record("stray module loaded")
            return
        }
        #expect(message.hasPrefix("r:1: module 'stray' not found"))
        #expect(try state.run("return package.path", chunkName: "=p")
            == [.string("\(modules.path)/?.lua;\(modules.path)/?/init.lua")])
        let bare = try LuaState()
        #expect(try bare.run("return package.path", chunkName: "=p") == [""])
    }
}

