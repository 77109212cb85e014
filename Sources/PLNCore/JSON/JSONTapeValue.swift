import Foundation

/// A value recorded on a `JSONTape`, read in place: an import decodes each JSONL entry from
/// its line's tape, which the reading thread keeps from line to line, instead of from a
/// `JSONValue` tree built, searched by `String` keys and freed again for every line (a third
/// of that thread's instructions).
///
/// Only valid inside `JSONTape.withRoot`, which lends the tape's storage.
package struct JSONTapeValue: JSONReadable {
    let events: UnsafeBufferPointer<JSONTape.Event>
    let text: UnsafeBufferPointer<UInt8>
    /// The value's first event.
    let index: Int

    private func value(at index: Int) -> JSONTapeValue {
        JSONTapeValue(events: events, text: text, index: index)
    }

    /// The event after this value's last one.
    var end: Int {
        switch events[index] {
        case .object(_, let end), .array(_, let end): end
        default: index + 1
        }
    }

    private func string(_ start: Int, _ count: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: text[start..<start + count]), as: UTF8.self)
    }

    /// The members of an object: their keys' places in the text, and their values.
    private func forEachMember(_ body: (_ keyStart: Int, _ keyCount: Int, JSONTapeValue) -> Bool) {
        guard case .object(let members, _) = events[index] else { return }
        var next = index + 1
        for _ in 0..<members {
            guard case .key(let start, let count) = events[next] else { return }
            let member = value(at: next + 1)
            guard body(start, count, member) else { return }
            next = member.end + 1
        }
    }

    package subscript(key: String) -> JSONTapeValue? {
        var key = key
        return key.withUTF8 { wanted in
            var found: JSONTapeValue?
            forEachMember { start, count, member in
                guard count == wanted.count, memcmp(text.baseAddress! + start, wanted.baseAddress!, count) == 0 else {
                    return true
                }
                found = member
                return false
            }
            return found
        }
    }

    package var shape: JSONShape<JSONTapeValue> {
        switch events[index] {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let start, let count): return .string(string(start, count))
        case .object: return .object
        case .array(let count, _):
            var items: [JSONTapeValue] = []
            items.reserveCapacity(count)
            var next = index + 1
            for _ in 0..<count {
                let item = value(at: next)
                items.append(item)
                next = item.end + 1
            }
            return .array(items)
        case .key, .member, .element:
            // Never a value's first event.
            return .null
        }
    }

    package var tree: JSONValue {
        switch shape {
        case .null: return .null
        case .bool(let flag): return .bool(flag)
        case .number(let number): return .number(number)
        case .string(let text): return .string(text)
        case .array(let items): return .array(items.map(\.tree))
        case .object:
            var members: [(String, JSONValue)] = []
            forEachMember { start, count, member in
                members.append((string(start, count), member.tree))
                return true
            }
            return .object(members)
        }
    }
}

extension JSONTape {
    /// Lends `body` the value the tape records (after `JSONParser.parse(bytes:into:)`).
    package func withRoot<Result, Failure: Error>(_ body: (JSONTapeValue) throws(Failure) -> Result) throws(Failure) -> Result {
        precondition(!events.isEmpty, "no value on the tape")
        return try events.withUnsafeBufferPointer { events throws(Failure) in
            try text.withUnsafeBufferPointer { text throws(Failure) in
                try body(JSONTapeValue(events: events, text: text, index: 0))
            }
        }
    }
}
