/// Builds compact JSON text.
///
/// Streaming output (export, `--format jsonl`) writes through this rather than an encoder, so a
/// million entries cost one string append each instead of a tree of Foundation objects.
package struct JSONWriter {
    package private(set) var output = ""
    private var needsComma: [Bool] = [false]

    package init() { output.reserveCapacity(256) }

    private mutating func separate() {
        if needsComma[needsComma.count - 1] { output.append(",") }
        needsComma[needsComma.count - 1] = true
    }

    package mutating func beginObject() { separate(); output.append("{"); needsComma.append(false) }
    package mutating func endObject() { needsComma.removeLast(); output.append("}") }
    package mutating func beginArray() { separate(); output.append("["); needsComma.append(false) }
    package mutating func endArray() { needsComma.removeLast(); output.append("]") }

    /// Writes `"key":` inside an object; the next value call writes the value.
    package mutating func key(_ key: String) {
        separate()
        JSONWriter.appendQuoted(key, to: &output)
        output.append(":")
        needsComma[needsComma.count - 1] = false
    }

    package mutating func string(_ value: String) { separate(); JSONWriter.appendQuoted(value, to: &output) }
    package mutating func optionalString(_ value: String?) {
        if let value { string(value) } else { null() }
    }
    package mutating func int(_ value: Int64) { separate(); output.append(String(value)) }
    package mutating func bool(_ value: Bool) { separate(); output.append(value ? "true" : "false") }
    package mutating func null() { separate(); output.append("null") }
    /// Inserts already-serialised JSON (a stored JSON column).
    package mutating func raw(_ json: String) { separate(); output.append(json) }

    package mutating func number(_ value: Double) {
        separate()
        if value.rounded() == value, abs(value) < 1e15 { output.append(String(Int64(value))) } else { output.append(String(value)) }
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

    /// Appends `text` as a JSON string literal, escaping only what RFC 8259 requires.
    package static func appendQuoted(_ text: String, to output: inout String) {
        output.append("\"")
        var clean = true
        for byte in text.utf8 where byte < 0x20 || byte == 0x22 || byte == 0x5C {
            clean = false
            break
        }
        if clean {
            output.append(text)
        } else {
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"": output.append("\\\"")
                case "\\": output.append("\\\\")
                case "\n": output.append("\\n")
                case "\r": output.append("\\r")
                case "\t": output.append("\\t")
                case "\u{08}": output.append("\\b")
                case "\u{0C}": output.append("\\f")
                default:
                    if scalar.value < 0x20 {
                        let hex = String(scalar.value, radix: 16)
                        output.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                    } else {
                        output.unicodeScalars.append(scalar)
                    }
                }
            }
        }
        output.append("\"")
    }
}
