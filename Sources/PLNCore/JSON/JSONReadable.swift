/// A JSON value read where it lies: a `JSONValue` tree, or a value recorded on a `JSONTape`
/// (`JSONTapeValue`). An import's record decoding reads either through this, so that one
/// decoder, with one set of checks and messages, serves both.
package protocol JSONReadable {
    /// The member named `key` of an object (the first, if repeated), nil otherwise.
    subscript(key: String) -> Self? { get }
    /// What the value is, with a string's text and an array's elements.
    var shape: JSONShape<Self> { get }
    /// The value as a tree (to write it out again as JSON).
    var tree: JSONValue { get }
}

/// What a `JSONReadable` value is.
package enum JSONShape<Value> {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([Value])
    /// An object: its members are read by key.
    case object
}

extension JSONValue: JSONReadable {
    package var shape: JSONShape<JSONValue> {
        switch self {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let items): .array(items)
        case .object: .object
        }
    }

    package var tree: JSONValue { self }
}
