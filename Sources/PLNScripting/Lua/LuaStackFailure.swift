import CLuaShim

/// Why a value could not be pushed onto a Lua stack.
///
/// Internal to the embedding: callers turn it into a ``ScriptError`` at the top, or into a Lua
/// error raised by the trampoline inside a host function.
enum LuaStackFailure: Error {
    /// A protected operation failed; its error object (usually "not enough memory") is on top.
    case luaError(Int32)
    /// The stack could not grow; nothing was pushed.
    case stackOverflow
    /// The value holds a function of another Lua state, which cannot cross over.
    case foreignFunction

    /// Throws for a status of a `CLuaShim_safe_*` function other than LUA_OK.
    static func check(_ status: Int32) throws(LuaStackFailure) {
        if status == 0 { return }
        throw status == CLUASHIM_ERRSTACK ? .stackOverflow : .luaError(status)
    }
}
