import CLua
import CLuaShim

/// One Lua 5.4 state: the low-level embedding the `pln` Lua API is built on.
///
/// Everything that can raise a Lua error runs under a protected call, and a Lua error never
/// unwinds a Swift frame: Swift host functions return to a C trampoline that raises after Swift
/// has returned (see `CLuaShim.h`). Each run has a traceback handler in the manner of lua.c, a
/// watchdog (instruction budget, time limit, interrupt check) and a memory cap, and the state stays
/// usable after any of them stops a script.
///
/// Not thread-safe: use a state from one thread (or actor) at a time. Host function bodies that
/// need the state should capture it `unowned`, or the state keeps itself alive.
package final class LuaState {
    /// How a state is set up.
    package struct Options: Sendable {
        /// Only base, string, table, math, utf8, coroutine and a reduced `os` (clock, time, date,
        /// difftime); no files, processes, `require`, `string.dump` or binary chunks, and no
        /// `__gc` metamethods (Lua runs finalizers with hooks off, beyond the watchdog's reach).
        package var sandbox = false
        /// Bytes Lua may allocate; nil for no limit.
        package var memoryLimit: Int? = 512 * 1024 * 1024
        /// VM instructions for the whole life of the state (checked every 1000); nil for none.
        package var instructionLimit: Int? = nil
        /// Seconds of wall time per `run`/`call`, counted from the outermost entry; nil for none.
        package var timeLimit: Double? = nil
        /// Folders `require` loads Lua modules from (`DIR/?.lua;DIR/?/init.lua` each); empty means
        /// `package.path` is empty. Ignored in the sandbox, which has no `require`.
        package var packagePath: [String] = []

        package init() {}
    }

    /// VM instructions between two watchdog checks.
    static let watchdogInterval: Int32 = 1000

    /// The options the state was made with (the limits below may have changed since).
    package let options: Options
    /// The instruction budget now in force, for the life of the state (see ``Options``); the host
    /// may change it between runs, with ``resetInstructionCount()`` to start a new budget.
    package var instructionLimit: Int?
    /// The time limit in seconds now in force, for each outermost run or call (see ``Options``);
    /// a change takes effect at the next outermost entry.
    package var timeLimit: Double?
    /// The main thread; the state's own pointer for lua_close and the allocator data.
    let mainThread: OpaquePointer
    /// Registry references released by Swift, freed at the next entry.
    let references = LuaReferenceQueue()
    /// Bodies of host functions by id, until Lua collects the function.
    var hostFunctions: [lua_Integer: HostFunction] = [:]
    var nextHostFunctionID: lua_Integer = 1
    /// Host functions that may write their result table straight to the stack.
    var fastHostFunctions: [lua_Integer: ([LuaValue]) throws(ScriptError) -> LuaResult] = [:]
    /// Host functions of one string that may answer from its bytes (see `stringFunction`).
    var stringShortcuts: [lua_Integer: (UnsafeBufferPointer<UInt8>) -> StringShortcut] = [:]
    /// Lua threads running host functions, innermost last: nested calls use the innermost, since
    /// only the running thread's stack may be used (it may be a coroutine).
    var activeThreads: [OpaquePointer] = []
    /// Runs and calls in progress (nested when a host function calls back into Lua).
    var entryDepth = 0
    /// When the outermost run or call must stop.
    var deadline: ContinuousClock.Instant?
    /// Why the watchdog stopped the current outermost run; sticky until that run returns.
    var stopReason: StopReason?

    /// Polled by the watchdog every 1000 instructions; returning true stops the running script
    /// with ``ScriptError/interrupted``. The shell wires Ctrl-C to it. The stop holds until the
    /// outermost run returns, even if the closure returns false again.
    package var interruptCheck: (@Sendable () -> Bool)?

    /// A host function body: converted arguments in, values to return out.
    typealias HostFunction = (_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue]

    /// Makes a state with the standard libraries the options allow.
    ///
    /// Throws ``ScriptError/outOfMemory`` when Lua cannot allocate the state and its libraries
    /// (a tiny `memoryLimit` does that too).
    package init(options: Options = Options()) throws(ScriptError) {
        LuaState.installShimCallbacks()
        let limit = options.memoryLimit.map { $0 > 0 ? $0 : 0 } ?? 0
        guard let state = CLuaShim_newstate(limit) else { throw .outOfMemory }
        let path = options.packagePath.map { folder -> String in
            var folder = folder
            while folder.count > 1, folder.hasSuffix("/") { folder.removeLast() }
            return "\(folder)/?.lua;\(folder)/?/init.lua"
        }.joined(separator: ";")
        guard CLuaShim_openlibs(state, options.sandbox ? 1 : 0, path) == LUA_OK else {
            CLuaShim_close(state)
            throw .outOfMemory
        }
        lua_settop(state, 0)
        self.options = options
        self.instructionLimit = options.instructionLimit
        self.timeLimit = options.timeLimit
        self.mainThread = state
        CLuaShim_set_owner(state, Unmanaged.passUnretained(self).toOpaque())
        CLuaShim_set_watchdog(state, Self.watchdogInterval) { thread in
            guard let thread, let state = LuaState.owner(of: thread) else { return 0 }
            return state.checkWatchdog()
        }
    }

    deinit {
        // Finalizers run by lua_close find no owner, so no host function body runs and nothing
        // reaches back into this half-destroyed object.
        CLuaShim_set_owner(mainThread, nil)
        references.close()
        CLuaShim_close(mainThread)
    }

    /// The Lua version, such as "Lua 5.4".
    package static var luaVersion: String { "Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR)" }

    /// The memory limit in bytes now in force (nil for none). Lowering it below ``memoryUsed``
    /// only stops further growth.
    package var memoryLimit: Int? {
        get {
            let limit = CLuaShim_memory_limit(mainThread)
            return limit == 0 ? nil : Int(limit)
        }
        set { CLuaShim_set_memory_limit(mainThread, newValue.map { $0 > 0 ? $0 : 0 } ?? 0) }
    }

    /// Bytes Lua has allocated now.
    package var memoryUsed: Int { Int(CLuaShim_memory_used(mainThread)) }

    /// The most bytes Lua has had allocated at once.
    package var memoryPeak: Int { Int(CLuaShim_memory_peak(mainThread)) }

    /// VM instructions run so far, as counted by the watchdog (a multiple of 1000, roughly).
    package var instructionCount: Int { Int(CLuaShim_instruction_count(mainThread)) }

    /// Starts the instruction budget over, for a long-lived state that gives each task a budget.
    package func resetInstructionCount() { CLuaShim_reset_instruction_count(mainThread) }

    /// The thread to use now: the one running the innermost host function, else the main thread.
    var currentThread: OpaquePointer { activeThreads.last ?? mainThread }

    /// The state whose owner pointer is set on `thread` (any thread of the state), if still alive.
    static func owner(of thread: OpaquePointer) -> LuaState? {
        guard let owner = CLuaShim_owner(thread) else { return nil }
        return Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue()
    }

    // MARK: Globals

    /// Sets the global `name` (raw: metamethods of the global table are bypassed).
    ///
    /// Only fails when Lua is out of memory, and then the global is left unchanged.
    package func setGlobal(_ name: String, _ value: LuaValue) {
        set(path: [name], value)
    }

    /// The global `name` (raw), converted; `.nil` when absent or when it cannot be converted (a
    /// table with cycles such as `_G`).
    package func global(_ name: String) -> LuaValue {
        let thread = currentThread
        releasePendingReferences(on: thread)
        let base = lua_gettop(thread)
        defer { lua_settop(thread, base) }
        guard lua_checkstack(thread, 4) != 0 else { return .nil }
        CLuaShim_pushglobals(thread)
        do {
            try check(withUTF8(name) { CLuaShim_safe_rawgetfield(thread, -1, $0, $1) })
            return try value(at: -1, on: thread)
        } catch {
            return .nil
        }
    }

    /// Sets `a.b.c` from the global table down: `set(path: ["pln", "json", "decode"], f)`.
    ///
    /// Missing intermediate tables are created; an intermediate value that is not a table is
    /// replaced by a new table. Raw sets: metamethods (a read-only proxy's `__newindex`) are
    /// bypassed, as the host is the one defining the API. Does nothing for an empty path, and
    /// leaves things unchanged when Lua is out of memory.
    package func set(path: [String], _ value: LuaValue) {
        guard let last = path.last else { return }
        let thread = currentThread
        releasePendingReferences(on: thread)
        let base = lua_gettop(thread)
        defer { lua_settop(thread, base) }
        guard lua_checkstack(thread, Int32(path.count) + 8) != 0 else { return }
        CLuaShim_pushglobals(thread)
        do {
            for component in path.dropLast() {
                let table = lua_gettop(thread)
                try check(withUTF8(component) { CLuaShim_safe_rawgetfield(thread, table, $0, $1) })
                if lua_type(thread, -1) != LUA_TTABLE {
                    lua_settop(thread, -2)
                    try check(CLuaShim_safe_createtable(thread, 0, 4))
                    try pushString(component, on: thread)
                    lua_pushvalue(thread, -2)
                    try check(CLuaShim_safe_rawset(thread, table))
                }
            }
            let table = lua_gettop(thread)
            try pushString(last, on: thread)
            try push(value, on: thread)
            try check(CLuaShim_safe_rawset(thread, table))
        } catch {
            return
        }
    }
}
