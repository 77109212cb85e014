/// A Lua value crossing into Swift.
///
/// Tables are converted to Swift eagerly, as plain data (``LuaTable``), so Swift code never holds
/// a live view into a table that Lua may change under it; functions stay in Lua and cross as
/// registry references (``LuaFunction``), callable later through ``LuaState/call(_:_:)``.
///
/// Strings: Swift strings go to Lua as their UTF-8 bytes (NULs included). Lua strings are bytes;
/// those that are not valid UTF-8 are converted lossily (`String(decoding:as:)`), each invalid
/// sequence becoming U+FFFD, so binary data does not survive a trip through Swift.
///
/// Values Lua has but Swift does not (userdata, light userdata, threads) arrive as a placeholder
/// string like Lua's `tostring` without metamethods: `"userdata: 0x…"`, `"thread: 0x…"`.
package enum LuaValue: Sendable, Equatable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table(LuaTable)
    case function(LuaFunction)

    /// True for `.nil`.
    package var isNil: Bool {
        if case .nil = self { return true }
        return false
    }

    /// The string of a `.string`; nil for every other case (numbers are not converted).
    package var string: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// An `.integer`, or a `.number` with an integral value that fits in 64 bits.
    package var int: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value): Int64(exactly: value)
        default: nil
        }
    }

    /// A `.number`, or an `.integer` converted to Double.
    package var double: Double? {
        switch self {
        case .number(let value): value
        case .integer(let value): Double(value)
        default: nil
        }
    }

    /// The Bool of a `.boolean`; nil for every other case (see ``isTruthy`` for Lua's rule).
    package var bool: Bool? {
        if case .boolean(let value) = self { return value }
        return nil
    }

    /// The table of a `.table`, else nil.
    package var table: LuaTable? {
        if case .table(let value) = self { return value }
        return nil
    }

    /// The function of a `.function`, else nil.
    package var function: LuaFunction? {
        if case .function(let value) = self { return value }
        return nil
    }

    /// Lua's truth: everything but nil and false.
    package var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): false
        default: true
        }
    }

    /// Lua's name for the value's type, as `type()` returns it ("nil", "number", "table"…).
    package var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        case .function: "function"
        }
    }

    /// For a `.table`, the value under the string key `key` (or `.nil`); `.nil` for other cases.
    package subscript(key: String) -> LuaValue {
        if case .table(let table) = self { return table[key] }
        return .nil
    }
}

extension LuaValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral,
    ExpressibleByBooleanLiteral
{
    package init(stringLiteral value: String) { self = .string(value) }
    package init(integerLiteral value: Int64) { self = .integer(value) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(booleanLiteral value: Bool) { self = .boolean(value) }
}
