import CLua
import CLuaShim

/// Moving values between Swift and a Lua stack.
///
/// Pushing allocates, so it goes through the protected `CLuaShim_safe_*` operations; reading uses
/// Lua functions that never raise (`lua_rawgeti`, `lua_tolstring` on strings only, since on a
/// number it would convert in place and allocate) and a protected `lua_next`. Either way no Lua
/// error can unwind the Swift frames doing the work.
extension LuaState {
    /// Tables deeper than this are refused when converted to Swift.
    static let maximumTableDepth = 32

    func check(_ status: Int32) throws(LuaStackFailure) {
        try LuaStackFailure.check(status)
    }

    /// Calls `body` with the UTF-8 bytes of `string` (NULs included) and their count.
    func withUTF8<Result>(_ string: String, _ body: (UnsafePointer<CChar>?, Int) -> Result) -> Result {
        var string = string
        return string.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { body($0.baseAddress, $0.count) }
        }
    }

    // MARK: Swift to Lua

    func pushString(_ string: String, on thread: OpaquePointer) throws(LuaStackFailure) {
        try check(withUTF8(string) { CLuaShim_safe_pushlstring(thread, $0, $1) })
    }

    /// Pushes `value`: tables recursively (the array as 1…n, then the fields, skipping nil values,
    /// nil keys and NaN keys, which Lua tables cannot hold), functions from the registry.
    func push(_ value: LuaValue, on thread: OpaquePointer) throws(LuaStackFailure) {
        guard lua_checkstack(thread, 8) != 0 else { throw .stackOverflow }
        if case .table = value, hasHeadroom(for: value) {
            try pushUnprotected(value, on: thread, depth: 0)
            return
        }
        switch value {
        case .nil: lua_pushnil(thread)
        case .boolean(let flag): lua_pushboolean(thread, flag ? 1 : 0)
        case .integer(let integer): lua_pushinteger(thread, integer)
        case .number(let number): lua_pushnumber(thread, number)
        case .string(let string): try pushString(string, on: thread)
        case .function(let function):
            guard function.references === references else { throw .foreignFunction }
            CLuaShim_pushref(thread, function.reference)
        case .table(let table):
            try check(CLuaShim_safe_createtable(thread, Int32(clamping: table.array.count),
                                                Int32(clamping: table.fields.count)))
            let index = lua_gettop(thread)
            for (offset, element) in table.array.enumerated() where !element.isNil {
                try push(element, on: thread)
                try check(CLuaShim_safe_rawseti(thread, index, lua_Integer(offset + 1)))
            }
            for field in table.fields where !field.key.isNil && !field.value.isNil {
                if case .number(let key) = field.key, key.isNaN { continue }
                try push(field.key, on: thread)
                try push(field.value, on: thread)
                try check(CLuaShim_safe_rawset(thread, index))
            }
        }
    }

    /// Pushes `values` in order, making room for them first.
    /// Whether `value` fits well inside the memory cap, so pushing it cannot hit the cap.
    ///
    /// The protected operations cost a protected call each; a journal entry is some forty of
    /// them. With ample room below the cap, allocation cannot fail on the cap, and Lua 5.4 turns
    /// errors in finalizers run by the collector into warnings, so the plain API cannot raise.
    private func hasHeadroom(for value: LuaValue) -> Bool {
        let margin = 16 * 1024 * 1024
        guard let limit = memoryLimit else { return true }
        let free = limit - memoryUsed
        guard free > margin else { return false }
        return Self.estimatedSize(value, budget: free - margin) != nil
    }

    /// Whether `bytes` more fit below the memory cap with a wide margin.
    func hasHeadroom(bytes: Int) -> Bool {
        guard let limit = memoryLimit else { return true }
        return limit - memoryUsed > 16 * 1024 * 1024 + bytes
    }

    /// A generous estimate of the bytes Lua needs for `value`, nil once it passes `budget`.
    private static func estimatedSize(_ value: LuaValue, budget: Int) -> Int? {
        var total = 0
        var pending: [LuaValue] = [value]
        while let next = pending.popLast() {
            switch next {
            case .string(let s): total += s.utf8.count + 64
            case .table(let table):
                total += 128 + 48 * (table.array.count + table.fields.count)
                pending.append(contentsOf: table.array)
                for field in table.fields { pending.append(field.key); pending.append(field.value) }
            default: total += 16
            }
            if total > budget { return nil }
        }
        return total
    }

    private func pushUnprotected(_ value: LuaValue, on thread: OpaquePointer, depth: Int) throws(LuaStackFailure) {
        guard depth < 200, lua_checkstack(thread, 4) != 0 else { throw .stackOverflow }
        switch value {
        case .nil: lua_pushnil(thread)
        case .boolean(let flag): lua_pushboolean(thread, flag ? 1 : 0)
        case .integer(let integer): lua_pushinteger(thread, integer)
        case .number(let number): lua_pushnumber(thread, number)
        case .string(let string): _ = withUTF8(string) { lua_pushlstring(thread, $0, $1) }
        case .function(let function):
            guard function.references === references else { throw .foreignFunction }
            CLuaShim_pushref(thread, function.reference)
        case .table(let table):
            lua_createtable(thread, Int32(clamping: table.array.count), Int32(clamping: table.fields.count))
            let index = lua_gettop(thread)
            for (offset, element) in table.array.enumerated() where !element.isNil {
                try pushUnprotected(element, on: thread, depth: depth + 1)
                lua_rawseti(thread, index, lua_Integer(offset + 1))
            }
            for field in table.fields where !field.key.isNil && !field.value.isNil {
                if case .number(let key) = field.key, key.isNaN { continue }
                try pushUnprotected(field.key, on: thread, depth: depth + 1)
                try pushUnprotected(field.value, on: thread, depth: depth + 1)
                lua_rawset(thread, index)
            }
        }
    }

    func push(_ values: [LuaValue], on thread: OpaquePointer) throws(LuaStackFailure) {
        guard values.count < Int(Int32.max - 16), lua_checkstack(thread, Int32(values.count) + 8) != 0 else {
            throw .stackOverflow
        }
        for value in values { try push(value, on: thread) }
    }

    // MARK: Lua to Swift

    /// The value at `index`, converted (see ``LuaValue`` for the rules).
    ///
    /// Throws ``ScriptError/host(_:)`` for a table with cycles or nested deeper than 32 levels, and
    /// a memory error when a function's registry reference cannot be made.
    func value(at index: Int32, on thread: OpaquePointer) throws(ScriptError) -> LuaValue {
        var reader = Reader(state: self, thread: thread)
        return try reader.read(index, depth: 0)
    }

    /// The values from `first` to the top of the stack.
    func values(from first: Int32, on thread: OpaquePointer) throws(ScriptError) -> [LuaValue] {
        let top = lua_gettop(thread)
        guard top >= first else { return [] }
        var reader = Reader(state: self, thread: thread)
        var values: [LuaValue] = []
        values.reserveCapacity(Int(top - first + 1))
        for index in first...top { values.append(try reader.read(index, depth: 0)) }
        return values
    }

    /// The bytes of the string at `index` as Swift text (lossy for invalid UTF-8); nil if the
    /// value is not a string. Never converts numbers (that would allocate).
    func string(at index: Int32, on thread: OpaquePointer) -> String? {
        guard lua_type(thread, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let bytes = lua_tolstring(thread, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: bytes, count: length), as: UTF8.self)
    }

    /// The text of the error object on top of the stack, for messages.
    func errorText(on thread: OpaquePointer) -> String {
        if let text = string(at: -1, on: thread) { return text }
        let type = lua_type(thread, -1)
        if type == LUA_TNUMBER {
            return lua_isinteger(thread, -1) != 0 ? String(lua_tointegerx(thread, -1, nil))
                : Self.format(number: lua_tonumberx(thread, -1, nil))
        }
        return "(error object is a \(String(cString: lua_typename(thread, type))) value)"
    }

    /// A registry reference to the function at `index`.
    func makeFunction(at index: Int32, on thread: OpaquePointer) throws(ScriptError) -> LuaFunction {
        let identity = UInt(bitPattern: lua_topointer(thread, index))
        var reference: Int32 = 0
        let status = CLuaShim_safe_ref(thread, index, &reference)
        guard status == LUA_OK else {
            if status != CLUASHIM_ERRSTACK { lua_settop(thread, -2) }
            throw memoryError()
        }
        return LuaFunction(reference: reference, identity: identity, references: references)
    }

    /// The error for an allocation Lua refused: the memory limit when that is why.
    func memoryError() -> ScriptError {
        if CLuaShim_memory_limit_hit(mainThread) != 0 { return .memoryLimit(Int(CLuaShim_memory_limit(mainThread))) }
        return .host("not enough memory")
    }

    /// The error for a failed push, at the top of a run (outside any host function).
    func scriptError(_ failure: LuaStackFailure, on thread: OpaquePointer) -> ScriptError {
        switch failure {
        case .luaError:
            let text = errorText(on: thread)
            if CLuaShim_memory_limit_hit(mainThread) != 0 { return memoryError() }
            return .host(text)
        case .stackOverflow: return .host("too many values for the Lua stack")
        case .foreignFunction: return .host("a function of another Lua state cannot be passed to this one")
        }
    }

    /// `lua_next` on the table at `index` (the key on top), protected: Lua code run meanwhile (a
    /// finalizer, a `__tostring`) may have changed the table, and `lua_next` raises then.
    func next(in index: Int32, on thread: OpaquePointer) throws(ScriptError) -> Bool {
        var found: Int32 = 0
        let status = CLuaShim_safe_next(thread, index, &found)
        guard status == LUA_OK else {
            if status != CLUASHIM_ERRSTACK { lua_settop(thread, -2) }
            throw .host("a table changed while it was being read")
        }
        return found != 0
    }

    /// Frees the registry references Swift released since the last entry.
    func releasePendingReferences(on thread: OpaquePointer) {
        let released = references.takeReleased()
        guard !released.isEmpty else { return }
        let base = lua_gettop(thread)
        _ = released.withUnsafeBufferPointer { CLuaShim_safe_unref(thread, $0.baseAddress, Int32($0.count)) }
        lua_settop(thread, base)
    }

    /// Lua's tostring for a float: "%.14g", with ".0" on integral values.
    static func format(number: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        let length = CLuaShim_format_number(number, &buffer, buffer.count)
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Converts Lua values, remembering tables already converted (a table shared by several
    /// fields is converted once) and the tables being converted (to find cycles).
    private struct Reader {
        let state: LuaState
        let thread: OpaquePointer
        // Tables already read (a table reached twice is read once), in a list while short and
        // in a dictionary past that: most arguments are a few small tables, and hashing each
        // into a set and a dictionary cost more than reading it.
        var converted: [(table: UnsafeRawPointer, value: LuaTable)] = []
        var convertedIndex: [UnsafeRawPointer: LuaTable] = [:]
        /// The tables being read, outermost first (a table inside itself is a cycle).
        var path: [UnsafeRawPointer] = []
        /// Whether Lua code may have run since reading began (a function's registry reference
        /// can collect garbage and so run finalizers): only then can a table change under
        /// `lua_next`, which must then run protected.
        var luaMayHaveRun = false

        init(state: LuaState, thread: OpaquePointer) {
            self.state = state
            self.thread = thread
        }

        mutating func read(_ index: Int32, depth: Int) throws(ScriptError) -> LuaValue {
            let type = lua_type(thread, index)
            switch type {
            case LUA_TNIL, LUA_TNONE: return .nil
            case LUA_TBOOLEAN: return .boolean(lua_toboolean(thread, index) != 0)
            case LUA_TNUMBER:
                if lua_isinteger(thread, index) != 0 { return .integer(lua_tointegerx(thread, index, nil)) }
                return .number(lua_tonumberx(thread, index, nil))
            case LUA_TSTRING: return .string(state.string(at: index, on: thread) ?? "")
            case LUA_TTABLE: return .table(try readTable(lua_absindex(thread, index), depth: depth))
            case LUA_TFUNCTION:
                luaMayHaveRun = true
                return .function(try state.makeFunction(at: index, on: thread))
            default:
                let address = UInt(bitPattern: lua_topointer(thread, index))
                let name = type == LUA_TLIGHTUSERDATA ? "userdata" : String(cString: lua_typename(thread, type))
                return .string("\(name): 0x\(String(address, radix: 16))")
            }
        }

        private mutating func readTable(_ index: Int32, depth: Int) throws(ScriptError) -> LuaTable {
            guard let pointer = lua_topointer(thread, index) else { return LuaTable() }
            if let table = alreadyRead(pointer) { return table }
            if path.contains(pointer) { throw .host("cannot convert a table with cycles") }
            guard depth < LuaState.maximumTableDepth else {
                throw .host("cannot convert a table nested more than \(LuaState.maximumTableDepth) levels deep")
            }
            guard lua_checkstack(thread, 4) != 0 else { throw .host("cannot convert a table: Lua stack overflow") }
            path.append(pointer)
            defer { path.removeLast() }

            var table = LuaTable()
            var nextIndex: lua_Integer = 1
            while lua_rawgeti(thread, index, nextIndex) != LUA_TNIL {
                table.array.append(try read(-1, depth: depth + 1))
                lua_settop(thread, -2)
                nextIndex += 1
            }
            lua_settop(thread, -2)

            lua_pushnil(thread)
            while try next(in: index) {
                let inArray = lua_isinteger(thread, -2) != 0 && (1..<nextIndex).contains(lua_tointegerx(thread, -2, nil))
                if !inArray {
                    let key = try read(-2, depth: depth + 1)
                    let value = try read(-1, depth: depth + 1)
                    // Records (pln.add's argument) have about ten fields: grown one append at a
                    // time, the list was reallocated four times.
                    if table.fields.isEmpty { table.fields.reserveCapacity(8) }
                    table.fields.append((key: key, value: value))
                }
                lua_settop(thread, -2)
            }
            remember(table, for: pointer)
            return table
        }

        private func alreadyRead(_ pointer: UnsafeRawPointer) -> LuaTable? {
            if !convertedIndex.isEmpty { return convertedIndex[pointer] }
            for entry in converted where entry.table == pointer { return entry.value }
            return nil
        }

        private mutating func remember(_ table: LuaTable, for pointer: UnsafeRawPointer) {
            if converted.count < 16 {
                converted.append((pointer, table))
                return
            }
            if convertedIndex.isEmpty {
                for entry in converted { convertedIndex[entry.table] = entry.value }
            }
            convertedIndex[pointer] = table
        }

        /// `lua_next` on the table at `index`: directly while no Lua code can have changed the
        /// table (nothing here runs Lua), protected once some may have (`luaMayHaveRun`).
        private mutating func next(in index: Int32) throws(ScriptError) -> Bool {
            if luaMayHaveRun { return try state.next(in: index, on: thread) }
            return lua_next(thread, index) != 0
        }
    }
}
