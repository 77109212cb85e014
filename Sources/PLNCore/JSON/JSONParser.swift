import Foundation

/// A strict RFC 8259 JSON parser over UTF-8 bytes.
///
/// Errors carry the 1-based line within the parsed text, so an import can point at the line of
/// a multi-line JSON file that is wrong.
package struct JSONParser {
    /// A parse failure: where and what.
    package struct Failure: Error, Equatable {
        package var line: Int
        package var message: String
    }

    private let bytes: [UInt8]
    private var index = 0
    private var line = 1
    private var depth = 0
    /// Whether `nextElement` has read an element (a ',' must come before the next one).
    private var started = false

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Parses one complete JSON document; trailing non-space text is an error.
    package static func parse(_ text: String) throws(Failure) -> JSONValue {
        try parse(bytes: Array(text.utf8))
    }

    package static func parse(bytes: [UInt8]) throws(Failure) -> JSONValue {
        var parser = JSONParser(bytes)
        var builder = JSONValueBuilder()
        parser.skipSpace()
        let value = try parser.parseValue(&builder)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else {
            throw parser.failure("unexpected text after the JSON value")
        }
        return value
    }

    /// Parses one complete JSON document into `tape` (emptied first), as `parse(bytes:)` would
    /// into a tree, with the same checks and errors.
    package static func parse(bytes: [UInt8], into tape: inout JSONTape) throws(Failure) {
        tape.removeAll()
        var parser = JSONParser(bytes)
        parser.skipSpace()
        try parser.parseValue(&tape)
        parser.skipSpace()
        guard parser.index == parser.bytes.count else {
            throw parser.failure("unexpected text after the JSON value")
        }
    }

    private func failure(_ message: String) -> Failure { Failure(line: line, message: message) }

    // MARK: One element at a time

    /// A parser positioned inside a top-level array, handing out its elements one at a time, so
    /// that a large export is never held as one tree (`pln.json.items`).
    ///
    /// `offset` is where the array starts (blanks before the `[` are skipped); lines count from
    /// the start of `bytes`. Whatever follows the closing `]` is not read.
    package static func arrayElements(bytes: [UInt8], offset: Int = 0) throws(Failure) -> JSONParser {
        var parser = JSONParser(bytes)
        var line = 1
        for byte in bytes[..<min(offset, bytes.count)] where byte == 0x0A { line += 1 }
        parser.index = min(offset, bytes.count)
        parser.line = line
        parser.skipSpace()
        guard parser.index < bytes.count, bytes[parser.index] == UInt8(ascii: "[") else {
            throw parser.failure("expected a JSON array")
        }
        parser.index += 1
        parser.depth = 1
        parser.skipSpace()
        return parser
    }

    /// The next element of the array `arrayElements` opened; nil after its closing `]`.
    package mutating func nextElement() throws(Failure) -> JSONValue? {
        var builder = JSONValueBuilder()
        return try nextElement(into: &builder)
    }

    /// The next element of the array `arrayElements` opened, recorded in `tape` (emptied
    /// first); false after the array's closing `]`.
    ///
    /// Not generic, so that it is specialized here: a builder from another module would make
    /// the parser call it through witness tables, slower than building a `JSONValue`.
    package mutating func nextElement(into tape: inout JSONTape) throws(Failure) -> Bool {
        tape.removeAll()
        return try nextElement(into: &tape) != nil
    }

    /// The next element of the array `arrayElements` opened, made by `builder`; nil after the
    /// array's closing `]`.
    private mutating func nextElement<Builder: JSONBuilder>(into builder: inout Builder) throws(Failure) -> Builder.Value? {
        guard depth == 1 else { return nil }
        skipSpace()
        guard index < bytes.count else { throw failure("unexpected end of JSON in array") }
        if bytes[index] == UInt8(ascii: "]") {
            index += 1
            depth = 0
            return nil
        }
        if bytes[index] == UInt8(ascii: ",") {
            guard started else { throw failure("unexpected character ','") }
            index += 1
            skipSpace()
        } else if started {
            throw failure("expected ',' or ']' in array")
        }
        started = true
        return try parseValue(&builder)
    }

    /// An array's element count, and the length in bytes of its longest element (with the
    /// white space around it).
    package struct ArrayShape: Equatable {
        package var count: Int
        package var longest: Int
    }

    /// The shape of the array at `offset`, by a structural scan that skips strings and nested
    /// values without building them; nil when the array is not closed.
    package static func arrayShape(bytes: [UInt8], offset: Int = 0) -> ArrayShape? {
        var index = offset
        while index < bytes.count, bytes[index] != UInt8(ascii: "[") { index += 1 }
        guard index < bytes.count else { return nil }
        index += 1
        var depth = 1, count = 0, sawValue = false
        var elementStart = index, longest = 0
        return bytes.withUnsafeBufferPointer { buffer -> ArrayShape? in
            while index < buffer.count {
                let byte = buffer[index]
                switch byte {
                case UInt8(ascii: "\""):
                    if depth == 1 { sawValue = true }
                    index = closingQuote(after: index, in: buffer)
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if depth == 1 { sawValue = true }
                    depth += 1
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth -= 1
                    if depth == 0 {
                        longest = max(longest, index - elementStart)
                        return ArrayShape(count: sawValue ? count + 1 : 0, longest: longest)
                    }
                case UInt8(ascii: ","):
                    if depth == 1 {
                        count += 1
                        longest = max(longest, index - elementStart)
                        elementStart = index + 1
                    }
                case 0x20, 0x09, 0x0A, 0x0D:
                    // Indented exports: skip the rest of a run of spaces at once.
                    while index + 1 < buffer.count, buffer[index + 1] == 0x20 { index += 1 }
                default:
                    if depth == 1 { sawValue = true }
                }
                index += 1
            }
            return nil
        }
    }

    /// Whether any of the eight bytes in `word` is '"', '\\' or below 0x20 (may end a string's
    /// plain run): the classic test for a zero byte, on the word XORed with each, and on the
    /// bytes below 0x20. A false positive only sends the caller to its byte-by-byte loop.
    private static func mayEndString(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        return hasZero(word ^ (ones &* 0x22)) || hasZero(word ^ (ones &* 0x5C)) || (word &- ones &* 0x20) & ~word & highs != 0
    }

    /// The index of the '"' that closes the string opened at `open` (buffer.count when none):
    /// `memchr` finds each candidate, and one preceded by an odd run of backslashes is escaped.
    private static func closingQuote(after open: Int, in buffer: UnsafeBufferPointer<UInt8>) -> Int {
        guard let base = buffer.baseAddress else { return buffer.count }
        var from = open + 1
        while from < buffer.count {
            guard let found = memchr(base + from, Int32(UInt8(ascii: "\"")), buffer.count - from) else { return buffer.count }
            let at = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            while at - backslashes - 1 > open, buffer[at - backslashes - 1] == UInt8(ascii: "\\") { backslashes += 1 }
            if backslashes % 2 == 0 { return at }
            from = at + 1
        }
        return buffer.count
    }

    /// The current line (1-based), for messages about the element just read.
    package var currentLine: Int { line }

    /// Skips white space, counting lines. Through a buffer pointer: exports are indented, so
    /// this runs over a third of their bytes, and array subscripts cost a bounds check and a
    /// reload of the array each.
    private mutating func skipSpace() {
        let (end, newlines) = bytes.withUnsafeBufferPointer { buffer in
            var at = index, newlines = 0
            scan: while at < buffer.count {
                switch buffer[at] {
                case 0x20, 0x09, 0x0D: at += 1
                case 0x0A: at += 1; newlines += 1
                default: break scan
                }
            }
            return (at, newlines)
        }
        index = end
        line += newlines
    }

    private mutating func parseValue<Builder: JSONBuilder>(_ builder: inout Builder) throws(Failure) -> Builder.Value {
        guard index < bytes.count else { throw failure("unexpected end of JSON") }
        switch bytes[index] {
        case UInt8(ascii: "{"): return try parseObject(&builder)
        case UInt8(ascii: "["): return try parseArray(&builder)
        case UInt8(ascii: "\""): return try parseString { builder.string($0) }
        case UInt8(ascii: "t"): try expectWord("true"); return builder.bool(true)
        case UInt8(ascii: "f"): try expectWord("false"); return builder.bool(false)
        case UInt8(ascii: "n"): try expectWord("null"); return builder.null()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return builder.number(try parseNumber())
        default: throw failure("unexpected character '\(printable(bytes[index]))'")
        }
    }

    private func printable(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : hexByte(byte)
    }

    private func hexByte(_ byte: UInt8) -> String {
        let digits = Array("0123456789abcdef")
        return "\\x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 15)])
    }

    private mutating func expectWord(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw failure("unexpected end of JSON") }
        let ok = word.withUTF8Buffer { buffer in
            for i in 0..<count where bytes[index + i] != buffer[i] { return false }
            return true
        }
        guard ok else { throw failure("invalid literal") }
        index += count
    }

    /// How deeply arrays and objects may nest.
    package static let maxDepth = 512

    private mutating func enter() throws(Failure) {
        depth += 1
        if depth > Self.maxDepth { throw failure("JSON nested too deeply") }
    }

    private mutating func parseObject<Builder: JSONBuilder>(_ builder: inout Builder) throws(Failure) -> Builder.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var object = builder.beginObject()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") { index += 1; return builder.end(object) }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
                throw failure("expected a string key in object")
            }
            try parseString { builder.key($0, in: &object) }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw failure("expected ':' after object key") }
            index += 1
            skipSpace()
            let value = try parseValue(&builder)
            builder.member(value, in: &object)
            skipSpace()
            guard index < bytes.count else { throw failure("unexpected end of JSON in object") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return builder.end(object) }
            throw failure("expected ',' or '}' in object")
        }
    }

    private mutating func parseArray<Builder: JSONBuilder>(_ builder: inout Builder) throws(Failure) -> Builder.Value {
        try enter()
        defer { depth -= 1 }
        index += 1
        var array = builder.beginArray()
        skipSpace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") { index += 1; return builder.end(array) }
        while true {
            skipSpace()
            let value = try parseValue(&builder)
            builder.element(value, in: &array)
            skipSpace()
            guard index < bytes.count else { throw failure("unexpected end of JSON in array") }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return builder.end(array) }
            throw failure("expected ',' or ']' in array")
        }
    }

    private mutating func parseNumber() throws(Failure) -> Double {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
        } else {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw failure("invalid number") }
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let value = Double(text) else { throw failure("invalid number") }
        return value
    }

    private func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Reads the string at `index` and hands its bytes (escapes resolved, checked to be
    /// well-formed UTF-8) to `body`.
    private mutating func parseString<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(Failure) -> Result {
        index += 1
        let start = index
        // Fast path: no escapes.
        let (stop, ascii) = plainRun(from: start)
        index = stop
        if index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return try bytes.withUnsafeBufferPointer { (all) throws(Failure) -> Result in
                    let text = UnsafeBufferPointer(rebasing: all[start..<stop])
                    // ASCII (most keys and values) is well-formed UTF-8 as it is.
                    return ascii ? body(text) : try checked(text, body)
                }
            }
            if byte < 0x20 { throw failure("control character in string") }
        }
        var buffer: [UInt8] = []
        buffer.reserveCapacity(index - start + 64)
        buffer.append(contentsOf: bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return try buffer.withUnsafeBufferPointer { (escaped) throws(Failure) -> Result in try checked(escaped, body) }
            case UInt8(ascii: "\\"):
                index += 1
                guard index < bytes.count else { throw failure("unterminated string") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""): buffer.append(0x22)
                case UInt8(ascii: "\\"): buffer.append(0x5C)
                case UInt8(ascii: "/"): buffer.append(0x2F)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try parseHex4()
                    if scalar >= 0xD800, scalar < 0xDC00 {
                        guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                            throw failure("unpaired surrogate in \\u escape")
                        }
                        index += 2
                        let low = try parseHex4()
                        guard low >= 0xDC00, low < 0xE000 else { throw failure("unpaired surrogate in \\u escape") }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if scalar >= 0xDC00, scalar < 0xE000 {
                        throw failure("unpaired surrogate in \\u escape")
                    }
                    Self.appendUTF8(scalar, to: &buffer)
                default:
                    throw failure("invalid escape in string")
                }
            default:
                if byte < 0x20 { throw failure("control character in string") }
                // The run up to the next escape or quote in one copy (HTML in a Mastodon post
                // escapes every attribute's quotes: byte by byte, its strings cost twice the rest).
                let end = plainRun(from: index + 1).end
                buffer.append(contentsOf: bytes[index..<end])
                index = end
            }
        }
        throw failure("unterminated string")
    }

    /// Where the run of plain string bytes from `start` ends (at the first '"', '\\' or control
    /// character, or the end of the input), and whether all of them are ASCII.
    @inline(__always)
    private func plainRun(from start: Int) -> (end: Int, ascii: Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var at = start
            var seen: UInt64 = 0
            if let base = buffer.baseAddress {
                // Eight bytes at a time while none is '"', '\\' or a control character.
                while at + 8 <= buffer.count {
                    let word = UnsafeRawPointer(base + at).loadUnaligned(as: UInt64.self)
                    if Self.mayEndString(word) { break }
                    seen |= word
                    at += 8
                }
            }
            while at < buffer.count {
                let byte = buffer[at]
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
                seen |= UInt64(byte)
                at += 1
            }
            return (at, seen & 0x8080_8080_8080_8080 == 0)
        }
    }

    /// Appends the UTF-8 encoding of a scalar a `\\u` escape gave (surrogates already paired).
    private static func appendUTF8(_ scalar: UInt32, to buffer: inout [UInt8]) {
        switch scalar {
        case ..<0x80:
            buffer.append(UInt8(scalar))
        case ..<0x800:
            buffer.append(UInt8(0xC0 | scalar >> 6))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        case ..<0x10000:
            buffer.append(UInt8(0xE0 | scalar >> 12))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        default:
            buffer.append(UInt8(0xF0 | scalar >> 18))
            buffer.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            buffer.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            buffer.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard index + 4 <= bytes.count else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case 0x30...0x39: digit = UInt32(byte - 0x30)
            case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
            case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
            default: throw failure("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    private func checked<Result>(_ text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> Result) throws(Failure) -> Result {
        guard UTF8Text.isWellFormed(text) else { throw failure("invalid UTF-8 in string") }
        return body(text)
    }
}
