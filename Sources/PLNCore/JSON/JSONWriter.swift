/// Builds compact JSON as UTF-8 bytes.
///
/// Streaming output (export, `--format jsonl`) writes through this rather than an encoder, so a
/// million entries cost a few byte appends each instead of a tree of Foundation objects.
package struct JSONWriter {
    /// The JSON written so far.
    package private(set) var bytes: [UInt8] = []
    private var needsComma: [Bool] = [false]

    package init() { bytes.reserveCapacity(512) }

    /// The JSON written so far, as a string.
    package var output: String { String(decoding: bytes, as: UTF8.self) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    package mutating func beginObject() { separate(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    package mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    package mutating func beginArray() { separate(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    package mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    /// Writes `"key":` inside an object; the next value call writes the value.
    package mutating func key(_ key: String) {
        separate()
        JSONWriter.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    package mutating func string(_ value: String) { separate(); JSONWriter.appendQuoted(value, to: &bytes) }
    package mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }
    package mutating func int(_ value: Int64) { separate(); appendASCII(String(value)) }
    package mutating func bool(_ value: Bool) { separate(); appendASCII(value ? "true" : "false") }
    package mutating func null() { separate(); appendASCII("null") }
    /// Inserts already-serialised JSON (a stored JSON column).
    package mutating func raw(_ json: String) { separate(); appendASCII(json) }

    private mutating func appendASCII(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    package mutating func number(_ value: Double) {
        separate()
        if value.rounded() == value, abs(value) < 1e15 { appendASCII(String(Int64(value))) } else { appendASCII(String(value)) }
    }

    package mutating func value(_ value: JSONValue) {
        switch value {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            for element in elements { self.value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for (name, member) in members { key(name); self.value(member) }
            endObject()
        }
    }

    package mutating func field(_ name: String, _ value: String) { key(name); string(value) }
    package mutating func field(_ name: String, _ value: String?) { key(name); optionalString(value) }
    package mutating func field(_ name: String, _ value: Int64) { key(name); int(value) }
    package mutating func field(_ name: String, _ value: Bool) { key(name); bool(value) }
    package mutating func field(_ name: String, strings: [String]) {
        key(name)
        beginArray()
        for s in strings { string(s) }
        endArray()
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends `text` as a JSON string literal, escaping only what RFC 8259 requires.
    ///
    /// - Complexity: one pass; runs of bytes that need no escape are copied at once.
    package static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var runStart = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
                if runStart < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index])) }
                runStart = index + 1
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case 0x22: output.append(0x22)
                case 0x5C: output.append(0x5C)
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                default:
                    output.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 15)]])
                }
            }
            if runStart < utf8.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...])) }
        }
        output.append(UInt8(ascii: "\""))
    }
}
