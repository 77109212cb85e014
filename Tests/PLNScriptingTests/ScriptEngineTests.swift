import Testing
@testable import PLNScripting

@Suite("Lua engine")
struct ScriptEngineTests {
    @Test func runsChunksAndReturnsResults() throws {
        let engine = try ScriptEngine()
        #expect(try engine.evaluate("return 6 * 7") == "42")
        #expect(try engine.evaluate("return string.upper('pln')") == "PLN")
        #expect(try engine.evaluate("local x = 1") == nil)
        #expect(ScriptEngine.luaVersion == "Lua 5.4")
    }

    @Test func errorsCarryChunkNameLineAndTraceback() throws {
        let engine = try ScriptEngine()
        #expect(throws: ScriptError.self) { try engine.evaluate("local a = nil\nreturn a.b", chunkName: "@prompt.lua") }
        do {
            _ = try engine.evaluate("local a = nil\nreturn a.b", chunkName: "@prompt.lua")
        } catch {
            #expect(error.description.hasPrefix("prompt.lua:2: attempt to index a nil value"))
            #expect(error.description.contains("stack traceback"))
        }
        #expect(throws: ScriptError.self) { try engine.evaluate("return (", chunkName: "=repl") }
    }
}
