import Testing
@testable import PLNScripting

@Suite("Lua state: watchdog and memory")
struct LuaLimitsTests {
    private static func state(_ configure: (inout LuaState.Options) -> Void) throws -> LuaState {
        var options = LuaState.Options()
        configure(&options)
        return try LuaState(options: options)
    }

    @Test func theInstructionBudgetStopsEndlessLoops() throws {
        let state = try Self.state { $0.instructionLimit = 1_000_000 }
        let error = luaFailure { try state.run("while true do end", chunkName: "=loop") }
        #expect(error == .instructionLimit(1_000_000))
        #expect(state.instructionCount >= 1_000_000)
        // the budget is for the life of the state; a new budget makes it usable again
        #expect(luaFailure { try state.run("for i = 1, 1e6 do end", chunkName: "=more") } == .instructionLimit(1_000_000))
        state.resetInstructionCount()
        #expect(try state.run("return 1 + 1", chunkName: "=ok") == [2])
    }

    @Test func catchingTheStopDoesNotHelp() throws {
        let state = try Self.state { $0.instructionLimit = 200_000 }
        let code = "while true do pcall(function() while true do end end) end"
        #expect(luaFailure { try state.run(code, chunkName: "=loop") } == .instructionLimit(200_000))
        let viaError = "while true do local ok, e = pcall(function() while true do end end) if not ok then error(e, 0) end end"
        state.resetInstructionCount()
        #expect(luaFailure { try state.run(viaError, chunkName: "=loop") } == .instructionLimit(200_000))
        state.resetInstructionCount()
        #expect(luaFailure { try state.run("return pcall(function() while true do end end)", chunkName: "=t") }
            == .instructionLimit(200_000))
        // nor does a coroutine
        state.resetInstructionCount()
        let coroutine = "while true do coroutine.resume(coroutine.create(function() while true do end end)) end"
        #expect(luaFailure { try state.run(coroutine, chunkName: "=co") } == .instructionLimit(200_000))
        state.resetInstructionCount()
        #expect(try state.run("return 'usable'", chunkName: "=ok") == ["usable"])
    }

    @Test func theTimeLimitStopsLongRuns() throws {
        let state = try Self.state { $0.timeLimit = 0.2 }
        let start = ContinuousClock.now
        #expect(luaFailure { try state.run("while true do end", chunkName: "=loop") } == .timeLimit(0.2))
        #expect(ContinuousClock.now - start < .seconds(5))
        // each run has its own time
        #expect(try state.run("local n = 0 for i = 1, 1000 do n = n + i end return n", chunkName: "=ok") == [.integer(500500)])
        // a stored function called later gets the same limit
        let spin = try #require(try state.run("return function() while true do end end", chunkName: "=f").first?.function)
        #expect(luaFailure { try state.call(spin, []) } == .timeLimit(0.2))
        #expect(ScriptError.timeLimit(0.2).description.contains("0.2 seconds"))
    }

    @Test func theInterruptCheckStopsALoopAndTheStateGoesOn() throws {
        let state = try LuaState()
        let start = ContinuousClock.now
        state.interruptCheck = { ContinuousClock.now - start > .milliseconds(100) }
        #expect(luaFailure { try state.run("local n = 0 while true do n = n + 1 end", chunkName: "=loop") } == .interrupted)
        state.interruptCheck = nil
        #expect(try state.run("return 'still here'", chunkName: "=ok") == ["still here"])
        // a stop reported by a host function ends the run the same way, past pcall
        state.setGlobal("stop", state.function { _ throws(ScriptError) in throw .interrupted })
        #expect(luaFailure { try state.run("pcall(stop) return 'went on'", chunkName: "=t") } == .interrupted)
        #expect(try state.run("return 'again'", chunkName: "=ok") == ["again"])
    }

    @Test func theStopReachesThroughNestedCalls() throws {
        let state = try Self.state { $0.instructionLimit = 300_000 }
        state.setGlobal("callback", state.function { [unowned state] arguments throws(ScriptError) in
            guard let function = arguments.first?.function else { return [] }
            do {
                return try state.call(function, [])
            } catch {
                return [.string("swallowed: \(error)")]  // even if Swift swallows it, the outer run stops
            }
        })
        #expect(luaFailure { try state.run("callback(function() while true do end end) while true do end", chunkName: "=n") }
            == .instructionLimit(300_000))
    }

    @Test func theMemoryCapHoldsAndTheStateRecovers() throws {
        let limit = 32 * 1024 * 1024
        let state = try Self.state { $0.memoryLimit = limit }
        let error = luaFailure {
            try state.run("local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) end", chunkName: "=hog")
        }
        #expect(error == .memoryLimit(limit))
        #expect(error?.description == "script stopped: it needed more than 32 MB of memory, the Lua memory limit")
        #expect(state.memoryUsed < limit / 4)
        #expect(state.memoryPeak <= limit)
        #expect(try state.run("return ('ok'):rep(2)", chunkName: "=ok") == ["okok"])
        // rethrown as a plain error, it is still the memory limit
        let rethrown = "local ok, e = pcall(function() local t = {} for i = 1, 1e9 do t[i] = ('x'):rep(100) end end) error(e, 0)"
        #expect(luaFailure { try state.run(rethrown, chunkName: "=hog") } == .memoryLimit(limit))
        #expect(try state.run("return 1", chunkName: "=ok") == [1])
    }

    @Test func theMemoryCapHoldsWhileSwiftPushesResults() throws {
        let limit = 16 * 1024 * 1024
        let state = try Self.state { $0.memoryLimit = limit }
        state.setGlobal("make", state.function { arguments in
            let n = arguments.first?.int ?? 0
            return [.table(.record(["body": .string(String(repeating: "y", count: 200) + "\(n)"),
                                    "tags": .table(LuaTable(array: [.string("a\(n)"), .string("b\(n)")]))]))]
        })
        let error = luaFailure {
            try state.run("local t, i = {}, 0 while true do i = i + 1 t[i] = make(i) end", chunkName: "=hog")
        }
        #expect(error == .memoryLimit(limit))
        #expect(try state.run("return make(1).tags[2]", chunkName: "=ok") == ["b1"])
        // growing the limit lets more through
        state.memoryLimit = 64 * 1024 * 1024
        #expect(state.memoryLimit == 64 * 1024 * 1024)
        #expect(try state.run("return #('z'):rep(20 * 1024 * 1024)", chunkName: "=big") == [.integer(20 * 1024 * 1024)])
    }

    /// Small blocks come from the allocator's own free lists: the byte count still falls back
    /// when they are freed, and blocks that grow or shrink across the small/large line (a
    /// table's array, a string buffer) keep their contents.
    @Test func pooledSmallBlocksAreCountedAndKeepTheirContents() throws {
        let state = try Self.state { $0.memoryLimit = 64 * 1024 * 1024 }
        _ = try state.run("collectgarbage('collect')", chunkName: "=gc")
        let before = state.memoryUsed
        #expect(try state.run("""
            local keep = {}
            for i = 1, 20000 do keep[i] = { i, tostring(i), { x = i } } end
            local grown = {}
            for i = 1, 5000 do grown[i] = i * 3 end            -- 16 bytes to 128 KiB, through every size
            local parts = {}
            for i = 1, 300 do parts[#parts + 1] = ('%03d'):format(i) end
            local text = table.concat(parts)                   -- a buffer that outgrows the small blocks
            for i = 1, 4990 do grown[i] = nil end
            collectgarbage('collect')                          -- the array shrinks back
            local sum = 0
            for i = 1, 20000 do sum = sum + keep[i][1] + tonumber(keep[i][2]) + keep[i][3].x end
            return sum, grown[5000], #text, text:sub(-6)
            """, chunkName: "=pool") == [.integer(3 * 20000 * 20001 / 2), .integer(15000), .integer(900), "299300"])
        let busy = state.memoryUsed
        _ = try state.run("collectgarbage('collect')", chunkName: "=gc")
        #expect(state.memoryUsed < busy)
        #expect(state.memoryUsed < before + 256 * 1024)
    }

    @Test func aTinyMemoryLimitCannotStartLua() {
        var options = LuaState.Options()
        options.memoryLimit = 1024
        #expect(throws: ScriptError.outOfMemory) { try LuaState(options: options) }
    }

    @Test func hostFunctionsAndReferencesDoNotLeak() throws {
        let state = try LuaState()
        for _ in 0..<1_000 { _ = state.function { _ in [] } }
        try state.run("collectgarbage() collectgarbage()", chunkName: "=gc")
        let baseline = state.memoryUsed
        for _ in 0..<100_000 { _ = state.function { _ in [] } }
        try state.run("collectgarbage() collectgarbage()", chunkName: "=gc")
        #expect(state.memoryUsed < baseline + 256 * 1024)
        #expect(state.hostFunctionCount < 100)
        // functions crossing into Swift as values are released too
        try state.run("function f() end", chunkName: "=f")
        for _ in 0..<100_000 { _ = state.global("f") }
        try state.run("collectgarbage() collectgarbage()", chunkName: "=gc")
        #expect(state.memoryUsed < baseline + 256 * 1024)
        // a function kept by Lua keeps its body
        let kept = state.function { _ in ["kept"] }
        state.setGlobal("kept", kept)
        try state.run("collectgarbage() collectgarbage()", chunkName: "=gc")
        #expect(try state.run("return kept()", chunkName: "=k") == ["kept"])
    }

    @Test func functionsOutliveTheirStateSafely() throws {
        var state: LuaState? = try LuaState()
        let function = try #require(try state?.run("return function() end", chunkName: "=f").first?.function)
        state = nil
        _ = function  // released after the state: ignored, no crash
    }
}

