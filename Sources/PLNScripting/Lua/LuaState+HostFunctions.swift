import CLua
import CLuaShim
import PLNCore

/// Host functions: Lua functions implemented in Swift.
///
/// Every host function is the same C closure (the trampoline) with the function's id as an
/// upvalue. When Lua calls it, the trampoline calls ``dispatch(_:_:)``, which converts the
/// arguments, runs the Swift body and pushes its results, raising nothing: a failure is reported
/// by a return code, and the trampoline raises the Lua error after Swift has returned, so a
/// longjmp never crosses a Swift frame. A guard userdata in the closure tells Swift when Lua has
/// collected the function, so the body is released with it.
extension LuaState {
    /// Makes a Lua function that runs `body`.
    ///
    /// Arguments arrive converted (see ``LuaValue``); the returned values are pushed as results.
    /// Throwing ``ScriptError/host(_:)`` raises the Lua error "file:line: message" at the Lua
    /// caller, which `pcall` can catch; a ``ScriptError/syntax(_:)`` or `.runtime` from a nested
    /// run is raised with its own message; a watchdog or memory stop from a nested run stops the
    /// outer run too. Returns `.nil` only when Lua is out of memory.
    ///
    /// The state keeps `body` while Lua can still reach the function; a body that needs the state
    /// should capture it `unowned`.
    package func function(_ body: @escaping (_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue]) -> LuaValue {
        let thread = currentThread
        releasePendingReferences(on: thread)
        let id = nextHostFunctionID
        nextHostFunctionID += 1
        hostFunctions[id] = body
        let base = lua_gettop(thread)
        defer { lua_settop(thread, base) }
        guard CLuaShim_safe_pushfunction(thread, id) == LUA_OK else {
            hostFunctions[id] = nil
            return .nil
        }
        guard let function = try? makeFunction(at: -1, on: thread) else { return .nil }
        return .function(function)
    }

    /// Makes a Lua function whose body may write its result table straight to the stack.
    ///
    /// For iterators over many records; see ``LuaTableWriter``.
    package func fastFunction(_ body: @escaping (_ arguments: [LuaValue]) throws(ScriptError) -> LuaResult) -> LuaValue {
        let id = nextHostFunctionID
        let value = function { _ throws(ScriptError) -> [LuaValue] in [] }
        // Replace the placeholder body registered by `function` with the fast one.
        hostFunctions[id] = nil
        fastHostFunctions[id] = body
        return value
    }

    /// Makes a Lua function of one string that can often answer from the string's bytes alone
    /// (decoding text without entities, cleaning clean text, lower-casing ASCII). Called with one
    /// string of valid UTF-8, the function asks `shortcut`: `.same` returns that string itself,
    /// with no copy into Swift and back; `.replaced` returns the bytes given; `.none`, like any
    /// other call, runs `body` as for ``function(_:)``.
    package func stringFunction(shortcut: @escaping (UnsafeBufferPointer<UInt8>) -> StringShortcut,
                                _ body: @escaping (_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue]) -> LuaValue {
        let id = nextHostFunctionID
        let value = function(body)
        stringShortcuts[id] = shortcut
        return value
    }

    /// The number of host function bodies the state still holds (for tests of their release).
    var hostFunctionCount: Int { hostFunctions.count }

    /// Registers the dispatcher and releaser with the C shim, once per process.
    static func installShimCallbacks() { _ = shimCallbacksInstalled }

    /// Runs the host function `id` called by Lua on `thread`; returns the number of results
    /// pushed or a `CLUASHIM_RAISE_*` code for the trampoline.
    func dispatch(_ thread: OpaquePointer, _ id: lua_Integer) -> Int32 {
        activeThreads.append(thread)
        defer { activeThreads.removeLast() }
        releasePendingReferences(on: thread)
        if let shortcut = stringShortcuts[id], lua_gettop(thread) == 1, lua_type(thread, 1) == LUA_TSTRING {
            var length = 0
            if let pointer = lua_tolstring(thread, 1, &length) {
                let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: length)
                // Invalid UTF-8 goes the long way, which repairs it as every string from Lua is.
                switch UTF8Text.isWellFormed(bytes) ? shortcut(bytes) : .none {
                case .same:
                    lua_pushvalue(thread, 1)
                    return 1
                case .replaced(let result):
                    do throws(LuaStackFailure) {
                        try push([.string(String(decoding: result, as: UTF8.self))], on: thread)
                    } catch {
                        return raise(error, on: thread)
                    }
                    return 1
                case .none:
                    break
                }
            }
        }
        if let fast = fastHostFunctions[id] {
            return dispatchFast(fast, thread: thread)
        }
        guard let body = hostFunctions[id] else {
            return raise(.host("this host function is no longer available"), on: thread)
        }
        let arguments: [LuaValue]
        do throws(ScriptError) { arguments = try values(from: 1, on: thread) } catch { return raise(error, on: thread) }
        let results: [LuaValue]
        do throws(ScriptError) { results = try body(arguments) } catch { return raise(error, on: thread) }
        do throws(LuaStackFailure) { try push(results, on: thread) } catch { return raise(error, on: thread) }
        return Int32(results.count)
    }

    private func dispatchFast(_ body: ([LuaValue]) throws(ScriptError) -> LuaResult, thread: OpaquePointer) -> Int32 {
        let arguments: [LuaValue]
        do throws(ScriptError) { arguments = try values(from: 1, on: thread) } catch { return raise(error, on: thread) }
        let result: LuaResult
        do throws(ScriptError) { result = try body(arguments) } catch { return raise(error, on: thread) }
        switch result {
        case .values(let values):
            do throws(LuaStackFailure) { try push(values, on: thread) } catch { return raise(error, on: thread) }
            return Int32(values.count)
        case .table(let write, let fallback):
            guard lua_checkstack(thread, 16) != 0 else { return CLUASHIM_RAISE_STACK_OVERFLOW }
            if hasHeadroom(bytes: 1 << 20) {
                write(LuaTableWriter(thread: thread))
                return 1
            }
            do throws(LuaStackFailure) { try push([fallback()], on: thread) } catch { return raise(error, on: thread) }
            return 1
        case .stack(let headroom, let write, let fallback):
            if hasHeadroom(bytes: headroom), lua_checkstack(thread, Int32(2 * JSONParser.maxDepth + 16)) != 0 {
                let top = lua_gettop(thread)
                do throws(ScriptError) {
                    return try write(LuaTableWriter(thread: thread))
                } catch {
                    lua_settop(thread, top)
                    return raise(error, on: thread)
                }
            }
            let values: [LuaValue]
            do throws(ScriptError) { values = try fallback() } catch { return raise(error, on: thread) }
            do throws(LuaStackFailure) { try push(values, on: thread) } catch { return raise(error, on: thread) }
            return Int32(values.count)
        }
    }

    /// Pushes the Lua error for a Swift failure and says how the trampoline must raise it.
    private func raise(_ error: ScriptError, on thread: OpaquePointer) -> Int32 {
        let message: String, code: Int32
        switch error {
        case .syntax(let text), .runtime(let text, _):
            (message, code) = (text, CLUASHIM_RAISE)
        case .instructionLimit, .timeLimit, .interrupted:
            let reason: StopReason = switch error {
            case .instructionLimit: .instructionLimit
            case .timeLimit: .timeLimit
            default: .interrupted
            }
            if stopReason == nil { stopReason = reason }
            (message, code) = (reason.marker, CLUASHIM_RAISE)
        case .memoryLimit:
            (message, code) = ("not enough memory", CLUASHIM_RAISE)
        case .host, .io, .outOfMemory:
            (message, code) = (error.description, CLUASHIM_RAISE_AT_CALLER)
        }
        do throws(LuaStackFailure) {
            try pushString(message, on: thread)
            return code
        } catch {
            return raise(error, on: thread)
        }
    }

    /// Raises a failed push of results (or of an error message): the Lua error object it left.
    private func raise(_ failure: LuaStackFailure, on thread: OpaquePointer) -> Int32 {
        switch failure {
        case .luaError: return CLUASHIM_RAISE
        case .stackOverflow: return CLUASHIM_RAISE_STACK_OVERFLOW
        case .foreignFunction:
            return raise(.host("a host function returned a function of another Lua state"), on: thread)
        }
    }

    /// Drops the body of a host function Lua has collected.
    func release(_ id: lua_Integer) {
        hostFunctions[id] = nil
        fastHostFunctions[id] = nil
        stringShortcuts[id] = nil
    }
}

/// Set once: every state shares the trampoline's dispatcher and releaser.
private let shimCallbacksInstalled: Void = {
    CLuaShim_set_dispatcher { thread, id in
        guard let thread, let state = LuaState.owner(of: thread) else { return CLUASHIM_RAISE_CLOSED }
        return state.dispatch(thread, id)
    }
    CLuaShim_set_releaser { thread, id in
        guard let thread, let state = LuaState.owner(of: thread) else { return }
        state.release(id)
    }
}()
