import CLua
import CLuaShim

/// Builds Lua tables straight on the stack, for host functions that return many records
/// (`pln.entries` streams a million of them): no Swift `LuaValue` tree in between.
///
/// Only used when the memory cap is far enough away that allocation cannot hit it (see
/// `LuaState.hasHeadroom`), so the plain, unprotected Lua API cannot raise here.
package struct LuaTableWriter {
    let thread: OpaquePointer

    func pushString(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(thread, $0.baseAddress, $0.count) }
        }
    }

    /// Pushes a new table; the calls that follow fill it until the matching `end`.
    package func begin(array: Int = 0, fields: Int = 0) {
        lua_createtable(thread, Int32(clamping: array), Int32(clamping: fields))
    }

    /// Sets the literal `key` in the table being built to the value on top of the stack.
    ///
    /// Lua finds a key given by address in its cache of API strings, where a key pushed as
    /// bytes was hashed and looked up among all strings each time: with the pushes, rotations
    /// and sets that saves, a Lua loop's entry table took a fifth fewer instructions.
    func setField(_ key: StaticString) {
        lua_setfield(thread, -2, UnsafeRawPointer(key.utf8Start).assumingMemoryBound(to: CChar.self))
    }

    /// Sets `key`, text made at run time, to the value on top of the stack.
    func setField(key: String) {
        pushString(key)
        lua_rotate(thread, -2, 1)
        lua_rawset(thread, -3)
    }

    package func set(_ key: StaticString, _ value: String) { pushString(value); setField(key) }
    /// Sets `key` to the text `bytes` hold (UTF-8).
    package func set(_ key: StaticString, bytes: UnsafeBufferPointer<UInt8>) {
        bytes.withMemoryRebound(to: CChar.self) { _ = lua_pushlstring(thread, $0.baseAddress, $0.count) }
        setField(key)
    }
    package func set(_ key: StaticString, _ value: Int64) { lua_pushinteger(thread, value); setField(key) }
    package func set(_ key: StaticString, _ value: Bool) { lua_pushboolean(thread, value ? 1 : 0); setField(key) }
    package func set(key: String, _ value: String) { pushString(value); setField(key: key) }

    /// Sets `key` to a table built by `body`.
    package func set(_ key: StaticString, array: Int = 0, fields: Int = 0, _ body: (LuaTableWriter) -> Void) {
        begin(array: array, fields: fields)
        body(self)
        setField(key)
    }

    /// Sets `key`, text made at run time, to a table built by `body`.
    package func set(key: String, array: Int = 0, fields: Int = 0, _ body: (LuaTableWriter) -> Void) {
        begin(array: array, fields: fields)
        body(self)
        setField(key: key)
    }

    /// Appends `value` at `index` (1-based) of the array being built.
    package func append(_ index: Int, _ value: String) {
        pushString(value)
        lua_rawseti(thread, -2, lua_Integer(index))
    }

    /// Appends a table built by `body` at `index`.
    package func append(_ index: Int, array: Int = 0, fields: Int = 0, _ body: (LuaTableWriter) -> Void) {
        begin(array: array, fields: fields)
        body(self)
        lua_rawseti(thread, -2, lua_Integer(index))
    }
}

/// What a fast host function returns: values, or a table written straight to the stack.
package enum LuaResult {
    case values([LuaValue])
    /// One table written by `write`; `fallback` gives the same table as a value when the state
    /// is too close to its memory cap to write without protection.
    case table(write: (LuaTableWriter) -> Void, fallback: () -> LuaValue)
    /// Values `write` pushes itself (it returns how many), when the memory cap leaves
    /// `headroom` bytes and the stack room for `JSONParser.maxDepth` levels of nesting; if
    /// `write` throws, what it pushed is dropped. Otherwise the values `fallback` gives.
    case stack(headroom: Int, write: (LuaTableWriter) throws(ScriptError) -> Int32,
               fallback: () throws(ScriptError) -> [LuaValue])
}
