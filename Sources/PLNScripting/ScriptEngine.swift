import CLua
import CLuaShim

/// One Lua 5.4 state.
///
/// This is the seed the scripting issue grows into the full `pln` Lua API; today it proves that
/// the C module builds, links and runs chunks under a protected call with a traceback handler.
package final class ScriptEngine {
    private let state: OpaquePointer

    package init() throws(ScriptError) {
        guard let state = CLuaShim_newstate() else { throw .outOfMemory }
        self.state = state
    }

    deinit { lua_close(state) }

    /// The Lua version string, such as "Lua 5.4".
    package static var luaVersion: String { "Lua \(LUA_VERSION_MAJOR).\(LUA_VERSION_MINOR)" }

    /// Runs `code` and returns its first result converted to a string (nil when it returns none).
    package func evaluate(_ code: String, chunkName: String = "=chunk") throws(ScriptError) -> String? {
        let top = lua_gettop(state)
        defer { lua_settop(state, top) }
        let status = CLuaShim_dostring(state, code, chunkName)
        guard status == LUA_OK else {
            let message = CLuaShim_tostring(state, -1).map { String(cString: $0) } ?? "unknown Lua error"
            throw .runtime(message)
        }
        guard lua_gettop(state) > top, let result = CLuaShim_tostring(state, top + 1) else { return nil }
        return String(cString: result)
    }
}
