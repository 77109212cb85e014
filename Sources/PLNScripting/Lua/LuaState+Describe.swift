import CLua
import CLuaShim

/// Showing values the way the `lua` REPL prints them, with plain tables spelled out.
///
/// lua.c prints results with `tostring`, which shows a table as "table: 0x…". A journal's data is
/// mostly plain tables, so they are shown as constructors instead (`{1, 2, a = "x"}`), nested at
/// most three levels and cut after 50 entries each; everything else keeps `tostring`'s form.
extension LuaState {
    /// How deep nested tables are shown before "{...}".
    static let describedDepth = 3
    /// How many entries of one table are shown before "...".
    static let describedEntries = 50

    /// Renders `value` for display: strings as they are, numbers and booleans as `tostring` does
    /// (`1.0` for a float), functions as "function: 0x…", tables as `{1, 2, a = "x"}`.
    package func describe(_ value: LuaValue) -> String {
        Self.render(Self.node(for: value, depth: 0), topLevel: true)
    }

    /// Evaluates a REPL line like ``evaluate(line:chunkName:)`` and renders each result for
    /// display without converting it, so `_G` (a table with cycles) or an object with a
    /// `__tostring` metamethod print as in the `lua` REPL.
    package func evaluateForDisplay(line: String, chunkName: String = "=stdin") throws(ScriptError) -> [String] {
        try enter { thread throws(ScriptError) in
            let base = lua_gettop(thread)
            defer { lua_settop(thread, base) }
            try loadLine(line, chunkName: chunkName, on: thread)
            try callKeepingResults(argumentCount: 0, on: thread)
            let top = lua_gettop(thread)
            guard top > base else { return [] }
            return (base + 1...top).map { index in
                var visiting: Set<UnsafeRawPointer> = []
                return Self.render(describedNode(at: index, depth: 0, visiting: &visiting, on: thread), topLevel: true)
            }
        }
    }

    /// What is shown for a value: text, or a table's entries.
    indirect enum DescribedNode {
        case text(String)
        case string(String)
        case table(array: [DescribedNode], fields: [(key: DescribedNode, value: DescribedNode)], more: Bool)
        case elided
    }

    static func node(for value: LuaValue, depth: Int) -> DescribedNode {
        switch value {
        case .nil: return .text("nil")
        case .boolean(let flag): return .text(flag ? "true" : "false")
        case .integer(let integer): return .text(String(integer))
        case .number(let number): return .text(format(number: number))
        case .string(let string): return .string(string)
        case .function(let function): return .text("function: 0x\(String(function.identity, radix: 16))")
        case .table(let table):
            guard depth < describedDepth else { return .elided }
            let shownArray = table.array.prefix(describedEntries)
            let shownFields = table.fields.prefix(max(0, describedEntries - shownArray.count))
            return .table(
                array: shownArray.map { node(for: $0, depth: depth + 1) },
                fields: shownFields.map { (key: node(for: $0.key, depth: depth + 1), value: node(for: $0.value, depth: depth + 1)) },
                more: shownArray.count + shownFields.count < table.array.count + table.fields.count)
        }
    }

    /// The node for the Lua value at `index`, read without converting it.
    func describedNode(at index: Int32, depth: Int, visiting: inout Set<UnsafeRawPointer>,
                       on thread: OpaquePointer) -> DescribedNode {
        let index = lua_absindex(thread, index)
        switch lua_type(thread, index) {
        case LUA_TNIL, LUA_TNONE: return .text("nil")
        case LUA_TBOOLEAN: return .text(lua_toboolean(thread, index) != 0 ? "true" : "false")
        case LUA_TNUMBER:
            if lua_isinteger(thread, index) != 0 { return .text(String(lua_tointegerx(thread, index, nil))) }
            return .text(Self.format(number: lua_tonumberx(thread, index, nil)))
        case LUA_TSTRING: return .string(string(at: index, on: thread) ?? "")
        default: break
        }
        let base = lua_gettop(thread)
        defer { lua_settop(thread, base) }
        guard CLuaShim_safe_tostring(thread, index) == LUA_OK else { return .text("(error in __tostring)") }
        if let text = string(at: -1, on: thread) { return .text(text) }
        lua_settop(thread, base)

        // a plain table
        guard let pointer = lua_topointer(thread, index) else { return .elided }
        guard depth < Self.describedDepth, !visiting.contains(pointer), lua_checkstack(thread, 4) != 0 else {
            return .elided
        }
        visiting.insert(pointer)
        defer { visiting.remove(pointer) }
        var array: [DescribedNode] = [], fields: [(key: DescribedNode, value: DescribedNode)] = []
        var nextIndex: lua_Integer = 1
        while array.count < Self.describedEntries, lua_rawgeti(thread, index, nextIndex) != LUA_TNIL {
            array.append(describedNode(at: -1, depth: depth + 1, visiting: &visiting, on: thread))
            lua_settop(thread, -2)
            nextIndex += 1
        }
        lua_settop(thread, base)
        var more = false
        lua_pushnil(thread)
        while (try? next(in: index, on: thread)) == true {
            let inArray = lua_isinteger(thread, -2) != 0 && (1..<nextIndex).contains(lua_tointegerx(thread, -2, nil))
            if !inArray {
                if array.count + fields.count >= Self.describedEntries {
                    more = true
                    lua_settop(thread, base)
                    break
                }
                let key = describedNode(at: -2, depth: depth + 1, visiting: &visiting, on: thread)
                let value = describedNode(at: -1, depth: depth + 1, visiting: &visiting, on: thread)
                fields.append((key: key, value: value))
            }
            lua_settop(thread, -2)
        }
        if array.count == Self.describedEntries, lua_rawgeti(thread, index, nextIndex) != LUA_TNIL { more = true }
        return .table(array: array, fields: fields, more: more)
    }

    static func render(_ node: DescribedNode, topLevel: Bool = false) -> String {
        switch node {
        case .text(let text): return text
        case .string(let string): return topLevel ? string : quoted(string)
        case .elided: return "{...}"
        case .table(let array, let fields, let more):
            var parts = array.map { render($0) }
            let sorted = fields.enumerated().sorted { lhs, rhs in
                let (left, right) = (sortKey(lhs.element.key), sortKey(rhs.element.key))
                return left != right ? left < right : lhs.offset < rhs.offset
            }
            for (_, field) in sorted { parts.append("\(renderKey(field.key)) = \(render(field.value))") }
            if more { parts.append("...") }
            return parts.isEmpty ? "{}" : "{" + parts.joined(separator: ", ") + "}"
        }
    }

    /// Orders keys for display: numbers, then strings by name, then the rest as Lua gave them.
    private static func sortKey(_ key: DescribedNode) -> SortKey {
        switch key {
        case .text(let text): if let number = Double(text) { return .number(number) }
        case .string(let string): return .string(string)
        default: break
        }
        return .other
    }

    private enum SortKey: Comparable {
        case number(Double)
        case string(String)
        case other
    }

    private static func renderKey(_ key: DescribedNode) -> String {
        if case .string(let name) = key, isIdentifier(name) { return name }
        return "[\(render(key))]"
    }

    private static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    private static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            !keywords.contains(name)
        else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
        }
    }

    /// A string as a Lua literal in double quotes.
    static func quoted(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\0"..."\u{1F}", "\u{7F}": result += "\\\(scalar.value)"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
