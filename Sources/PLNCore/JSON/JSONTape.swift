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
        /// `end` is the index of the event after its last (`JSONTapeValue` skips it whole).
        case object(members: Int, end: Int)
        case key(start: Int, count: Int)
        case member
        /// An array with `elements` elements; each is its value, then `element` with its
        /// 1-based position; `end` as for an object.
        case array(elements: Int, end: Int)
        case element(Int)
    }

    package private(set) var events: [Event] = []
    /// The bytes of every string and key, one after another.
    package private(set) var text: [UInt8] = []
    /// The keys objects keep, at any depth; nil keeps every member. A member whose key is not
    /// listed is read (the JSON must still be valid) but leaves no events, and its object's
    /// size counts only the kept members.
    private let keep: KeySet?
    /// Keys kept with their whole value, unfiltered (a map whose keys are data, such as
    /// language codes).
    private let keepWhole: KeySet?
    /// Above zero while the parser is inside a member being left out: 1 for the member
    /// itself, one more per container opened inside its value.
    private var skipping = 0
    /// The same count inside a member kept whole.
    private var whole = 0

    /// Keeps every member of every object, or only those whose key is in `keep` (their values
    /// filtered in turn) or in `whole` (their values as they are).
    package init(keeping keep: [String]? = nil, whole: [String] = []) {
        self.keep = keep.map { KeySet($0 + whole) }
        self.keepWhole = keep == nil || whole.isEmpty ? nil : KeySet(whole)
    }

    /// Key names, grouped by their length in bytes for a quick comparison.
    private struct KeySet {
        var byLength: [[[UInt8]]] = []

        init(_ keys: [String]) {
            for key in keys {
                let bytes = [UInt8](key.utf8)
                while byLength.count <= bytes.count { byLength.append([]) }
                byLength[bytes.count].append(bytes)
            }
        }

        func contains(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
            guard utf8.count < byLength.count else { return false }
            for key in byLength[utf8.count] where key.withUnsafeBufferPointer({ $0.elementsEqual(utf8) }) {
                return true
            }
            return false
        }
    }

    /// The element the events record, as a tree: what `JSONValueBuilder` makes of the same
    /// JSON with the same keys kept (for a reader that cannot take the events as they are).
    package var value: JSONValue {
        events.isEmpty ? .null : withRoot { $0.tree }
    }

    /// Empties the tape, keeping its capacity.
    package mutating func removeAll() {
        events.removeAll(keepingCapacity: true)
        text.removeAll(keepingCapacity: true)
        skipping = 0
        whole = 0
    }

    private mutating func store(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        let start = text.count
        text.append(contentsOf: utf8)
        return start
    }

    package mutating func null() {
        if skipping == 0 { events.append(.null) }
    }
    package mutating func bool(_ value: Bool) {
        if skipping == 0 { events.append(.bool(value)) }
    }
    package mutating func number(_ value: Double) {
        if skipping == 0 { events.append(.number(value)) }
    }
    package mutating func string(_ utf8: UnsafeBufferPointer<UInt8>) {
        if skipping == 0 { events.append(.string(start: store(utf8), count: utf8.count)) }
    }

    /// Where the container's event is, and how many members or elements it has so far.
    package struct Container {
        var event: Int
        var count = 0
    }

    /// The container of a value being left out.
    private static let skipped = Container(event: -1)

    package mutating func beginObject() -> Container {
        if skipping > 0 {
            skipping += 1
            return Self.skipped
        }
        if whole > 0 { whole += 1 }
        events.append(.object(members: 0, end: 0))
        return Container(event: events.count - 1)
    }

    package mutating func key(_ utf8: UnsafeBufferPointer<UInt8>, in object: inout Container) {
        guard skipping == 0 else { return }
        if whole == 0, let keep {
            guard keep.contains(utf8) else {
                skipping = 1
                return
            }
            if keepWhole?.contains(utf8) == true { whole = 1 }
        }
        events.append(.key(start: store(utf8), count: utf8.count))
    }

    package mutating func member(_ value: Void, in object: inout Container) {
        guard skipping == 0 else {
            if skipping == 1 { skipping = 0 }  // the member left out is complete
            return
        }
        if whole == 1 { whole = 0 }  // the member kept whole is complete
        object.count += 1
        events.append(.member)
    }

    package mutating func beginArray() -> Container {
        if skipping > 0 {
            skipping += 1
            return Self.skipped
        }
        if whole > 0 { whole += 1 }
        events.append(.array(elements: 0, end: 0))
        return Container(event: events.count - 1)
    }

    package mutating func element(_ value: Void, in array: inout Container) {
        guard skipping == 0 else { return }
        array.count += 1
        events.append(.element(array.count))
    }

    package mutating func end(_ container: Container) {
        guard container.event >= 0 else {
            skipping -= 1
            return
        }
        if whole > 1 { whole -= 1 }
        switch events[container.event] {
        case .object: events[container.event] = .object(members: container.count, end: events.count)
        default: events[container.event] = .array(elements: container.count, end: events.count)
        }
    }
}
