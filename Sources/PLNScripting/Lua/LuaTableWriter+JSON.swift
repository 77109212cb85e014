import CLua
import CLuaShim
import PLNCore

extension LuaTableWriter {
    /// Lua bytes per byte of JSON text, at most, for a value pushed from a tape: an empty
    /// table for "{}," or "[]," (a 56-byte table and its slot in the parent) is the worst.
    static let bytesPerJSONByte = 64

    /// Pushes a JSON number as `pln.json.decode` does: a whole number as an integer.
    func push(number: Double) {
        if number.rounded() == number, abs(number) < 9.0e15 {
            lua_pushinteger(thread, lua_Integer(number))
        } else {
            lua_pushnumber(thread, number)
        }
    }

    /// Pushes the value `tape` holds, as `pln.json.decode` makes it (null as nil, whole
    /// numbers as integers, tables sized for their members).
    ///
    /// Uses Lua's unprotected API: the caller makes room on the stack for
    /// `JSONParser.maxDepth` levels of nesting (a table and a key each) and checks the memory
    /// cap's headroom first (see `LuaResult.stack`).
    func push(tape: JSONTape) {
        tape.text.withUnsafeBufferPointer { text in
            let base = UnsafeRawPointer(text.baseAddress).map { $0.assumingMemoryBound(to: CChar.self) }
            for event in tape.events {
                switch event {
                case .null: lua_pushnil(thread)
                case .bool(let value): lua_pushboolean(thread, value ? 1 : 0)
                case .number(let value): push(number: value)
                case .string(let start, let count), .key(let start, let count):
                    if let base {
                        _ = lua_pushlstring(thread, base + start, count)
                    } else {
                        _ = lua_pushlstring(thread, "", 0)  // no text yet: an empty buffer may have no address
                    }
                case .object(let members, _): lua_createtable(thread, 0, Int32(clamping: members))
                case .member: lua_rawset(thread, -3)  // a null value leaves the key out
                case .array(let elements, _): lua_createtable(thread, Int32(clamping: elements), 0)
                case .element(let position): lua_rawseti(thread, -2, lua_Integer(position))
                }
            }
        }
    }

    /// Pushes `json` as the Lua value `pln.json.decode` makes of it (null as nil, whole
    /// numbers as integers), without building a Swift `LuaValue` first.
    func push(json: JSONValue) {
        // Each level of nesting holds a table and a key on the stack: make room as it deepens
        // (a JSON file may nest hundreds of levels). Lua's stack limit is far beyond the
        // parser's depth limit, so this fails only when memory does; the value is then nil.
        guard lua_checkstack(thread, 4) != 0 else {
            lua_pushnil(thread)
            return
        }
        switch json {
        case .null: lua_pushnil(thread)
        case .bool(let flag): lua_pushboolean(thread, flag ? 1 : 0)
        case .number(let number): push(number: number)
        case .string(let text): pushString(text)
        case .array(let items):
            lua_createtable(thread, Int32(clamping: items.count), 0)
            for (offset, item) in items.enumerated() {
                push(json: item)
                lua_rawseti(thread, -2, lua_Integer(offset + 1))
            }
        case .object(let members):
            lua_createtable(thread, 0, Int32(clamping: members.count))
            for (key, value) in members {
                if case .null = value { continue }
                pushString(key)
                push(json: value)
                lua_rawset(thread, -3)
            }
        }
    }

    /// Sets `key` in the table being built to `json` (see `push(json:)`).
    func set(_ key: StaticString, json: JSONValue) {
        push(json: json)
        setField(key)
    }

    /// `set(_:json:)` for a key made at run time.
    func set(key: String, json: JSONValue) {
        push(json: json)
        setField(key: key)
    }
}
