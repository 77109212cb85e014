/// A Lua table as plain Swift data: its sequence, and every other key.
///
/// `array` holds `t[1]…t[n]` for the longest run of non-nil values from 1, so a table with holes
/// keeps the part after the first hole in `fields` (`{1, nil, 3}` is array `[1]`, field `3 = 3`).
/// `fields` keeps the order Lua's `next` gave, which is not meaningful: equality compares the
/// two tables as dictionaries (and a field `2 = x` equals an array element at 2).
package struct LuaTable: Sendable, Equatable {
    /// `t[1]…t[n]`, the sequence part.
    package var array: [LuaValue]
    /// Every other key, in no meaningful order.
    package var fields: [(key: LuaValue, value: LuaValue)]

    package init(array: [LuaValue] = [], fields: [(LuaValue, LuaValue)] = []) {
        self.array = array
        self.fields = fields.map { (key: $0.0, value: $0.1) }
    }

    /// A table with string keys, in the order given (`LuaTable.record(["body": "…", "id": 3])`).
    package static func record(_ pairs: KeyValuePairs<String, LuaValue>) -> LuaTable {
        LuaTable(fields: pairs.map { (LuaValue.string($0.key), $0.value) })
    }

    /// True when the table has no entry at all.
    package var isEmpty: Bool { array.isEmpty && fields.isEmpty }

    /// The value under the string key `key`, or `.nil`.
    package subscript(key: String) -> LuaValue {
        for field in fields {
            if case .string(let name) = field.key, name == key { return field.value }
        }
        return .nil
    }

    /// The value under any key, looking in the sequence for integer keys, as Lua's `t[key]`
    /// without metamethods (`2.0` finds the same entry as `2`).
    package func value(for key: LuaValue) -> LuaValue {
        let key = Self.normalized(key)
        if case .integer(let index) = key, index >= 1, index <= array.count { return array[Int(index - 1)] }
        for field in fields where Self.normalized(field.key) == key { return field.value }
        return .nil
    }

    /// Compares as dictionaries: the same keys with equal values, whatever the order or the split
    /// between `array` and `fields`. Entries whose value is nil do not exist, as in Lua.
    package static func == (lhs: LuaTable, rhs: LuaTable) -> Bool {
        if lhs.array == rhs.array, lhs.fields.count == rhs.fields.count,
            zip(lhs.fields, rhs.fields).allSatisfy({ $0.key == $1.key && $0.value == $1.value })
        {
            return true
        }
        let left = lhs.entries(), right = rhs.entries()
        guard left.hashed.count == right.hashed.count, left.other.count == right.other.count else { return false }
        for (key, value) in left.hashed where right.hashed[key] != value { return false }
        var unmatched = right.other
        for entry in left.other {
            guard let match = unmatched.firstIndex(where: { $0.key == entry.key && $0.value == entry.value }) else {
                return false
            }
            unmatched.remove(at: match)
        }
        return true
    }

    /// A hashable stand-in for the keys that have one (all but tables).
    private enum Key: Hashable {
        case boolean(Bool)
        case integer(Int64)
        case number(UInt64)
        case string(String)
        case function(ObjectIdentifier, UInt)
    }

    private func entries() -> (hashed: [Key: LuaValue], other: [(key: LuaValue, value: LuaValue)]) {
        var hashed: [Key: LuaValue] = [:]
        var other: [(key: LuaValue, value: LuaValue)] = []
        for (index, value) in array.enumerated() where !value.isNil { hashed[.integer(Int64(index + 1))] = value }
        for field in fields where !field.value.isNil {
            switch Self.normalized(field.key) {
            case .nil: continue
            case .boolean(let value): hashed[.boolean(value)] = field.value
            case .integer(let value): hashed[.integer(value)] = field.value
            case .number(let value): hashed[.number(value.bitPattern)] = field.value
            case .string(let value): hashed[.string(value)] = field.value
            case .function(let function):
                hashed[.function(ObjectIdentifier(function.references), function.identity)] = field.value
            case .table: other.append(field)
            }
        }
        return (hashed, other)
    }

    /// Lua turns a float key with an integral value into the integer key.
    private static func normalized(_ key: LuaValue) -> LuaValue {
        if case .number(let value) = key, let integer = Int64(exactly: value) { return .integer(integer) }
        return key
    }
}
