/// One JSON value recorded as a flat list of events, with its strings' bytes in one buffer:
/// what `JSONParser.nextElement(into:)` hands another module that builds its own values from
/// them (the scripting target writes Lua tables), with no `JSONValue` tree and no allocation
/// per string or container. Both arrays keep their capacity from one value to the next.
package struct JSONTape: JSONBuilder {
    package enum Event: Equatable {
        case null
        case bool(Bool)
        case number(Double)
        /// A string: `count` bytes of `text` from `start` (well-formed UTF-8).
        case string(start: Int, count: Int)
        /// An object with `members` members; each is a `key` event, its value, then `member`.
        case object(members: Int)
        case key(start: Int, count: Int)
        case member
        /// An array with `elements` elements; each is its value, then `element` with its
        /// 1-based position.
        case array(elements: Int)
        case element(Int)
    }

    package private(set) var events: [Event] = []
    /// The bytes of every string and key, one after another.
    package private(set) var text: [UInt8] = []

    package init() {}

    /// Empties the tape, keeping its capacity.
    package mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
    }

    private mutating func store(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let start = text.count
        text.append(contentsOf: utf8)
        return start
    }

    package mutating func null() { events.append(.null) }
    package mutating func bool(_ value: Bool) { events.append(.bool(value)) }
    package mutating func number(_ value: Double) { events.append(.number(value)) }
    package mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        events.append(.string(start: store(utf8), count: utf8.count))
    }

    /// Where the container's event is, and how many members or elements it has so far.
    package struct Container {
        var event: Int
        var count = 0
    }

    package mutating func beginObject() -> Container {
        events.append(.object(members: 0))
        return Container(event: events.count - 1)
    }

    package mutating func key(_ utf8: UnsafeBufferPointer<UInt8>, in object: inout Container) {
        events.append(.key(start: store(utf8), count: utf8.count))
    }

    package mutating func member(_ value: Void, in object: inout Container) {
        object.count += 1
        events.append(.member)
    }

    package mutating func beginArray() -> Container {
        events.append(.array(elements: 0))
        return Container(event: events.count - 1)
    }

    package mutating func element(_ value: Void, in array: inout Container) {
        array.count += 1
        events.append(.element(array.count))
    }

    package mutating func end(_ container: Container) {
        switch events[container.event] {
        case .object: events[container.event] = .object(members: container.count)
        default: events[container.event] = .array(elements: container.count)
        }
    }
}
