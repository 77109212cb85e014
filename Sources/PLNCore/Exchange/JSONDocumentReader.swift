import Foundation

/// Reads a JSON document piece by piece, so that importing a large one never holds it whole.
///
/// `pln import backup.json` took the whole file into memory and parsed it into one tree
/// before writing anything: a million-entry export (438 MB) peaked at 2.5 GB. This reader
/// scans the document's structure as its lines come (strings and nesting, nothing built) and
/// hands out one piece at a time, as bytes for `JSONParser`: each element of a top-level array,
/// each element of an array under one of the `arrayKeys` of a top-level object, and each other
/// member of that object whole. Memory holds one piece (and a line, or a megabyte of a longer
/// one) at a time.
final class JSONDocumentReader {
    enum Piece {
        /// An element of the top-level array (`key` nil) or of the array under `key`.
        case element(key: String?, bytes: [UInt8], line: Int)
        /// A member of the top-level object, its value whole; `keyBytes` is the key as written.
        case member(key: String, keyBytes: [UInt8], value: [UInt8], line: Int)
    }

    /// A structural problem, with the 1-based line where it was found.
    struct Problem: Error {
        var line: Int
        var message: String
    }

    private let reader: LineReader
    private let arrayKeys: Set<String>
    private var buffer: [UInt8]
    private var index = 0
    private var atEnd = false
    /// The line of the byte at `index`.
    private var line: Int

    private enum State {
        case start
        case topArray(started: Bool)
        case object(started: Bool)
        case memberArray(key: String, started: Bool)
        case done
    }
    private var state = State.start

    /// Reads from `reader`, whose line `firstLine` (already read, as `first`, whole or its
    /// first piece) starts the document.
    init(reader: LineReader, first: ArraySlice<UInt8>, firstEndsLine: Bool = true, firstLine: Int, arrayKeys: Set<String>) {
        self.reader = reader
        self.arrayKeys = arrayKeys
        buffer = Array(first)
        if firstEndsLine { buffer.append(0x0A) }
        line = firstLine
    }

    /// The most of a line held at once: a document written on one line (minified) is read
    /// in pieces of this size.
    static let pieceLimit = 1 << 20

    /// Whether the document is an array (at the top); known after the first `next()`.
    private(set) var isArray = false
    /// The `arrayKeys` whose arrays the document has opened so far.
    private(set) var arraysSeen: Set<String> = []

    /// The next piece, or nil after the end of the document.
    func next() throws -> Piece? {
        while true {
            switch state {
            case .start:
                try checkUTF8(line: line)
                guard let byte = try skipSpace() else { throw Problem(line: line, message: "expected a JSON value") }
                index += 1
                switch byte {
                case UInt8(ascii: "["): state = .topArray(started: false); isArray = true
                case UInt8(ascii: "{"): state = .object(started: false)
                default: throw Problem(line: line, message: "expected a JSON object or array of entries")
                }
            case .topArray(let started):
                guard try separator(closing: UInt8(ascii: "]"), started: started) else {
                    state = .done
                    continue
                }
                state = .topArray(started: true)
                let start = line
                return .element(key: nil, bytes: try value(), line: start)
            case .memberArray(let key, let started):
                guard try separator(closing: UInt8(ascii: "]"), started: started) else {
                    state = .object(started: true)
                    continue
                }
                state = .memberArray(key: key, started: true)
                let start = line
                return .element(key: key, bytes: try value(), line: start)
            case .object(let started):
                guard try separator(closing: UInt8(ascii: "}"), started: started) else {
                    state = .done
                    continue
                }
                let start = line
                guard try skipSpace() == UInt8(ascii: "\"") else { throw Problem(line: line, message: "expected a string key in object") }
                let keyBytes = try value()
                let key: String
                do {
                    guard case .string(let text) = try JSONParser.parse(bytes: keyBytes) else { throw Problem(line: start, message: "expected a string key in object") }
                    key = text
                } catch let failure as JSONParser.Failure {
                    throw Problem(line: start - 1 + failure.line, message: failure.message)
                }
                guard try skipSpace() == UInt8(ascii: ":") else { throw Problem(line: line, message: "expected ':' after object key") }
                index += 1
                if arrayKeys.contains(key), try skipSpace() == UInt8(ascii: "[") {
                    index += 1
                    arraysSeen.insert(key)
                    state = .memberArray(key: key, started: false)
                    continue
                }
                state = .object(started: true)
                let valueLine = line
                return .member(key: key, keyBytes: keyBytes, value: try value(), line: valueLine)
            case .done:
                if try skipSpace() != nil { throw Problem(line: line, message: "unexpected text after the JSON value") }
                return nil
            }
        }
    }

    /// Before an element or member: consumes the closing byte (false) or, after the first
    /// one, the comma before the next (true).
    private func separator(closing: UInt8, started: Bool) throws -> Bool {
        guard let byte = try skipSpace() else {
            throw Problem(line: line, message: closing == UInt8(ascii: "]") ? "unexpected end of JSON in array" : "unexpected end of JSON in object")
        }
        if byte == closing {
            index += 1
            return false
        }
        if started {
            guard byte == UInt8(ascii: ",") else {
                throw Problem(line: line, message: closing == UInt8(ascii: "]") ? "expected ',' or ']' in array" : "expected ',' or '}' in object")
            }
            index += 1
            guard try skipSpace() != nil else { throw Problem(line: line, message: "unexpected end of JSON") }
        } else if byte == UInt8(ascii: ",") {
            throw Problem(line: line, message: "unexpected character ','")
        }
        return true
    }

    /// The bytes of the value that starts at the next non-blank byte: a string, an array or an
    /// object with everything inside it, or a number, `true`, `false` or `null` up to the byte
    /// that ends it. Checked only for its structure; `JSONParser` checks the rest.
    private func value() throws -> [UInt8] {
        guard let first = try skipSpace() else { throw Problem(line: line, message: "unexpected end of JSON") }
        if [UInt8(ascii: ","), UInt8(ascii: "]"), UInt8(ascii: "}"), UInt8(ascii: ":")].contains(first) {
            throw Problem(line: line, message: "unexpected character '\(Character(Unicode.Scalar(first)))'")
        }
        var bytes: [UInt8] = []
        var depth = 0
        var inString = false
        var escaped = false
        while true {
            if index == buffer.count {
                guard try refill() else {
                    if depth == 0, !inString { return bytes }
                    throw Problem(line: line, message: "unexpected end of JSON")
                }
                continue
            }
            let byte = buffer[index]
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                    if depth == 0 {
                        bytes.append(byte)
                        index += 1
                        return bytes
                    }
                } else if byte == 0x0A {
                    throw Problem(line: line, message: "unescaped line break in string")
                }
            } else {
                switch byte {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return bytes }  // a scalar's end: the container's close
                    depth -= 1
                    if depth == 0 {
                        bytes.append(byte)
                        index += 1
                        return bytes
                    }
                case UInt8(ascii: ","), 0x20, 0x09, 0x0D, 0x0A:
                    if depth == 0 { return bytes }
                default: break
                }
            }
            if byte == 0x0A { line += 1 }
            bytes.append(byte)
            index += 1
        }
    }

    /// The next non-blank byte (not consumed), or nil at the end of the input.
    private func skipSpace() throws -> UInt8? {
        while true {
            while index < buffer.count {
                let byte = buffer[index]
                switch byte {
                case 0x20, 0x09, 0x0D: index += 1
                case 0x0A:
                    index += 1
                    line += 1
                default: return byte
                }
            }
            guard try refill() else { return nil }
        }
    }

    /// Reads the next line, or the next piece of a long one, into the buffer; false at the
    /// end of the input.
    private func refill() throws -> Bool {
        guard !atEnd, let (next, endsLine) = try reader.nextPiece(limit: Self.pieceLimit) else {
            atEnd = true
            return false
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: next)
        if endsLine { buffer.append(0x0A) }
        index = 0
        try checkUTF8(line: reader.lineNumber)
        return true
    }

    private func checkUTF8(line: Int) throws {
        guard buffer.withUnsafeBufferPointer(UTF8Text.isWellFormed) else {
            throw PLNError.invalidUTF8(file: reader.name, line: line)
        }
    }
}
