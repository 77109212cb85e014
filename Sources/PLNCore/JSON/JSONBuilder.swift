/// What `JSONParser` makes of the values it reads: `JSONValueBuilder` builds `JSONValue` trees,
/// `JSONTape` records the values as flat events (from which the scripting target writes Lua
/// tables, so that an importer's records never exist as a Swift tree).
///
/// The parser calls these in document order: a container's `begin…`, then for an object
/// `key` and `member` per member (the key before its value is read), for an array `element`
/// per element, and `end` last. Strings arrive as well-formed UTF-8 with escapes resolved.
package protocol JSONBuilder {
    associatedtype Value
    associatedtype Object
    associatedtype Array

    mutating func null() -> Value
    mutating func bool(_ value: Bool) -> Value
    mutating func number(_ value: Double) -> Value
    mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) -> Value

    mutating func beginObject() -> Object
    mutating func key(_ utf8: UnsafeBufferPointer<UInt8>, in object: inout Object)
    mutating func member(_ value: Value, in object: inout Object)
    mutating func end(_ object: Object) -> Value

    mutating func beginArray() -> Array
    mutating func element(_ value: Value, in array: inout Array)
    mutating func end(_ array: Array) -> Value
}

/// Builds `JSONValue` trees.
package struct JSONValueBuilder: JSONBuilder {
    package struct Members {
        var members: [(String, JSONValue)] = []
        var key = ""
    }

    package init() {}

    package func null() -> JSONValue { .null }
    package func bool(_ value: Bool) -> JSONValue { .bool(value) }
    package func number(_ value: Double) -> JSONValue { .number(value) }
    package func string(_ utf8: UnsafeBufferPointer<UInt8>) -> JSONValue { .string(String(decoding: utf8, as: UTF8.self)) }

    package func beginObject() -> Members { Members() }
    package func key(_ utf8: UnsafeBufferPointer<UInt8>, in object: inout Members) {
        object.key = String(decoding: utf8, as: UTF8.self)
    }
    package func member(_ value: JSONValue, in object: inout Members) { object.members.append((object.key, value)) }
    package func end(_ object: Members) -> JSONValue { .object(object.members) }

    package func beginArray() -> [JSONValue] { [] }
    package func element(_ value: JSONValue, in array: inout [JSONValue]) { array.append(value) }
    package func end(_ array: [JSONValue]) -> JSONValue { .array(array) }
}
