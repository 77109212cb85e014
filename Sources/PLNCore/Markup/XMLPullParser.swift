import Foundation

/// A streaming XML parser: events one at a time, reading the file in fixed chunks.
///
/// Full-history MediaWiki dumps run to gigabytes, so memory holds one chunk plus the event being
/// built (one element's text at most), never the document. Character and entity references
/// (the five XML ones and numeric ones) are decoded, CDATA sections are text, names keep their
/// prefix as written (no namespace processing), and comments, processing instructions and the
/// DOCTYPE (internal subset included) are skipped. Text that is only whitespace between tags is
/// skipped too, except inside `xml:space="preserve"`.
///
/// Not a validating parser, but a strict one about what breaks a document: a mismatched or
/// unexpected end tag, a tag, comment or CDATA section cut off by the end of the file, an
/// unknown or malformed reference, an unquoted or repeated attribute, text outside the root
/// element, elements left open and invalid UTF-8 are errors naming the file and line.
package final class XMLPullParser {
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The name errors give for the input.
    package let name: String
    private var buffer: [UInt8]
    private var position = 0
    private var end: Int
    private var eof: Bool
    private var currentLine = 1
    private var started = false
    private var openElements: [(name: String, line: Int, preserve: Bool)] = []
    private var rootClosed = false
    private var pendingEnd: String?
    private var text: [UInt8] = []
    private var textLine = 0
    private var textHasContent = false
    /// The 1-based line on which the event last returned starts.
    package private(set) var line = 1

    private static let chunkSize = 1 << 16

    /// Reads the file at `path` ("-" for stdin) as it goes.
    package init(path: String) throws(PLNError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            name = "<stdin>"
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw .io(path: path, reason: "is a folder, not a file")
            }
            fd = opened
            ownsDescriptor = true
            name = path
        }
        buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        end = 0
        eof = false
    }

    /// Parses XML held in a string; `name` is used in error messages.
    package init(text: String, name: String = "<text>") {
        fd = -1
        ownsDescriptor = false
        self.name = name
        buffer = Array(text.utf8)
        end = buffer.count
        eof = true
    }

    deinit { if ownsDescriptor { close(fd) } }

    // MARK: Input

    /// Makes at least `count` bytes available from `position` unless the input ends first;
    /// returns how many are.
    @discardableResult
    private func ensure(_ count: Int) throws(PLNError) -> Int {
        while end - position < count, !eof {
            if position > 0 {
                let remaining = end - position
                if remaining > 0 {
                    buffer.withUnsafeMutableBytes { raw in
                        let base = raw.baseAddress!
                        memmove(base, base + position, remaining)
                    }
                }
                end = remaining
                position = 0
            }
            if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: Self.chunkSize)) }
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, raw.count - end) }
            if got < 0 {
                if errno == EINTR {
                    try Interrupt.check()
                    continue
                }
                throw .io(path: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { eof = true }
            end += got
        }
        return min(count, end - position)
    }

    /// The byte at `position` without consuming it, or nil at the end.
    @inline(__always)
    private func peek() throws(PLNError) -> UInt8? {
        if position < end { return buffer[position] }
        return try ensure(1) == 1 ? buffer[position] : nil
    }

    /// Consumes one byte (counting lines).
    @inline(__always)
    private func advance() {
        if buffer[position] == 0x0A { currentLine += 1 }
        position += 1
    }

    private func fail(_ message: String, line: Int? = nil) -> PLNError {
        .malformedInput(file: name, line: line ?? currentLine, message: message)
    }

    private func startsWith(_ literal: StaticString) throws(PLNError) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard try ensure(count) == count else { return false }
        return literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { buffer[position + $0] == expected[$0] }
        }
    }

    private func string(_ bytes: [UInt8], line: Int) throws(PLNError) -> String {
        guard let text = UTF8Text.string(bytes) else { throw .invalidUTF8(file: name, line: line) }
        return text
    }

    // MARK: Events

    /// The next event, or nil at the end of the document.
    package func next() throws(PLNError) -> XMLEvent? {
        if let name = pendingEnd {
            pendingEnd = nil
            return closeElement(name)
        }
        if !started {
            started = true
            if try startsWith("\u{FEFF}") { position += 3 }
        }
        while true {
            guard let byte = try peek() else {
                if let event = try flushText() { return event }
                if let element = openElements.last {
                    throw fail("the file ends inside <\(element.name)> (opened on line \(element.line))")
                }
                return nil
            }
            switch byte {
            case 0x3C:  // '<'
                try ensure(2)
                let following = position + 1 < end ? buffer[position + 1] : 0
                if following == 0x21 {  // '!'
                    if try startsWith("<!--") {
                        try skip(past: "-->", what: "comment")
                    } else if try startsWith("<![CDATA[") {
                        try cdata()
                    } else {
                        try skipDeclaration()
                    }
                    continue
                }
                if following == 0x3F {  // '?'
                    try skip(past: "?>", what: "processing instruction")
                    continue
                }
                if let event = try flushText() { return event }
                line = currentLine
                return following == 0x2F ? try endTag() : try startTag()
            case 0x26:  // '&'
                noteText()
                if !textHasContent { textLine = currentLine }
                try reference(into: &text)
                textHasContent = true
            default:
                noteText()
                // A run of plain text, straight from the buffer.
                var index = position
                var limit = end
                var content = textHasContent
                while true {
                    while index < limit {
                        let b = buffer[index]
                        if b == 0x3C || b == 0x26 { break }
                        if b == 0x0A {
                            currentLine += 1
                        } else if !content, b != 0x20, b != 0x09, b != 0x0D {
                            content = true
                            textLine = currentLine
                        }
                        index += 1
                    }
                    text.append(contentsOf: buffer[position..<index])
                    position = index
                    guard index == limit, try ensure(1) == 1 else { break }
                    index = position
                    limit = end
                }
                textHasContent = content
            }
        }
    }

    private func noteText() {
        if text.isEmpty, !textHasContent { textLine = currentLine }
    }

    /// The text gathered since the last tag as an event, unless it is only whitespace outside
    /// `xml:space="preserve"`.
    private func flushText() throws(PLNError) -> XMLEvent? {
        defer {
            text.removeAll(keepingCapacity: text.count < 1 << 20)
            textHasContent = false
        }
        guard !text.isEmpty || textHasContent else { return nil }
        if openElements.isEmpty {
            guard !textHasContent else {
                throw fail(rootClosed ? "text after the end of the root element" : "text before the root element", line: textLine)
            }
            return nil
        }
        guard textHasContent || openElements.last!.preserve else { return nil }
        line = textLine
        return .text(try string(text, line: textLine))
    }

    private func closeElement(_ name: String) -> XMLEvent {
        openElements.removeLast()
        if openElements.isEmpty { rootClosed = true }
        return .end(name: name)
    }

    // MARK: Markup

    private func isNameByte(_ byte: UInt8) -> Bool {
        !(byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x2F || byte == 0x3E || byte == 0x3D
            || byte == 0x3C || byte == 0x22 || byte == 0x27 || byte == 0x26)
    }

    private func readName(_ what: String) throws(PLNError) -> String {
        var bytes: [UInt8] = []
        while let byte = try peek(), isNameByte(byte) {
            bytes.append(byte)
            position += 1
        }
        guard let first = bytes.first else {
            if try peek() == nil { throw fail("the file ends inside a tag") }
            throw fail("\(what) expected, found '\(String(decoding: [buffer[position]], as: UTF8.self))'")
        }
        if (0x30...0x39).contains(first) || first == 0x2D || first == 0x2E {
            throw fail("'\(String(decoding: bytes, as: UTF8.self))' is not a valid name")
        }
        return try string(bytes, line: currentLine)
    }

    private func skipSpace() throws(PLNError) {
        while let byte = try peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { advance() }
    }

    private func startTag() throws(PLNError) -> XMLEvent {
        let tagLine = currentLine
        if rootClosed, openElements.isEmpty { throw fail("a second root element after the first one ended") }
        position += 1  // '<'
        let elementName = try readName("an element name after '<'")
        var attributes: [MarkupAttribute] = []
        var preserve = openElements.last?.preserve ?? false
        while true {
            try skipSpace()
            guard let byte = try peek() else {
                throw fail("the file ends inside the tag <\(elementName)> (opened on line \(tagLine))", line: tagLine)
            }
            if byte == 0x3E {
                position += 1
                break
            }
            if byte == 0x2F {
                position += 1
                guard try peek() == 0x3E else { throw fail("'/' inside the tag <\(elementName)> must be followed by '>'") }
                position += 1
                pendingEnd = elementName
                break
            }
            let attributeName = try readName("an attribute name in <\(elementName)>")
            try skipSpace()
            guard try peek() == 0x3D else { throw fail("attribute '\(attributeName)' in <\(elementName)> has no value") }
            position += 1
            try skipSpace()
            guard let quote = try peek(), quote == 0x22 || quote == 0x27 else {
                throw fail("the value of attribute '\(attributeName)' in <\(elementName)> must be quoted")
            }
            position += 1
            var value: [UInt8] = []
            while true {
                guard let b = try peek() else {
                    throw fail("the file ends inside the tag <\(elementName)> (opened on line \(tagLine))", line: tagLine)
                }
                if b == quote {
                    position += 1
                    break
                }
                switch b {
                case 0x3C: throw fail("'<' in the value of attribute '\(attributeName)' must be written &lt;")
                case 0x26: try reference(into: &value)
                case 0x09, 0x0A, 0x0D:
                    advance()
                    value.append(0x20)
                default:
                    value.append(b)
                    position += 1
                }
            }
            if attributes[attributeName] != nil { throw fail("attribute '\(attributeName)' repeated in <\(elementName)>") }
            let decoded = try string(value, line: currentLine)
            if attributeName == "xml:space" { preserve = decoded == "preserve" }
            attributes.append(MarkupAttribute(attributeName, decoded))
        }
        openElements.append((elementName, tagLine, preserve))
        return .start(name: elementName, attributes: attributes)
    }

    private func endTag() throws(PLNError) -> XMLEvent {
        let tagLine = currentLine
        position += 2  // "</"
        let elementName = try readName("an element name after '</'")
        try skipSpace()
        guard let byte = try peek() else {
            throw fail("the file ends inside the end tag </\(elementName)>", line: tagLine)
        }
        guard byte == 0x3E else { throw fail("unexpected '\(String(decoding: [byte], as: UTF8.self))' in the end tag </\(elementName)>") }
        position += 1
        guard let element = openElements.last else {
            throw fail("end tag </\(elementName)> without a matching start tag", line: tagLine)
        }
        guard element.name == elementName else {
            throw fail("mismatched end tag </\(elementName)>: <\(element.name)> (opened on line \(element.line)) is still open",
                       line: tagLine)
        }
        return closeElement(elementName)
    }

    /// Skips up to and including `terminator`.
    private func skip(past terminator: StaticString, what: String) throws(PLNError) {
        let startLine = currentLine
        let first = terminator.utf8Start.pointee
        while true {
            guard let byte = try peek() else { throw fail("the file ends inside a \(what) (opened on line \(startLine))", line: startLine) }
            if byte == first, try startsWith(terminator) {
                position += terminator.utf8CodeUnitCount
                return
            }
            advance()
        }
    }

    private func cdata() throws(PLNError) {
        let startLine = currentLine
        noteText()
        position += 9  // "<![CDATA["
        while true {
            guard let byte = try peek() else {
                throw fail("the file ends inside a CDATA section (opened on line \(startLine))", line: startLine)
            }
            if byte == 0x5D, try startsWith("]]>") {
                position += 3
                return
            }
            if byte == 0x0A {
                currentLine += 1
            } else if !textHasContent, byte != 0x20, byte != 0x09, byte != 0x0D {
                textHasContent = true
                textLine = currentLine
            }
            text.append(byte)
            position += 1
        }
    }

    /// `<!DOCTYPE …>` (with an internal subset in brackets) and other declarations.
    private func skipDeclaration() throws(PLNError) {
        let startLine = currentLine
        var depth = 0
        var quote: UInt8?
        position += 2
        while let byte = try peek() {
            advance()
            if let open = quote {
                if byte == open { quote = nil }
                continue
            }
            switch byte {
            case 0x22, 0x27: quote = byte
            case 0x5B: depth += 1
            case 0x5D: depth -= 1
            case 0x3E where depth <= 0: return
            default: break
            }
        }
        throw fail("the file ends inside a declaration (opened on line \(startLine))", line: startLine)
    }

    /// Decodes the reference at `position` (an `&`) into `output`.
    private func reference(into output: inout [UInt8]) throws(PLNError) {
        position += 1
        var body: [UInt8] = []
        while true {
            guard let byte = try peek() else { throw fail("the file ends inside an entity reference") }
            if byte == 0x3B {
                position += 1
                break
            }
            guard body.count < 32, byte != 0x20, byte != 0x0A, byte != 0x3C, byte != 0x26 else {
                throw fail("'&' must be written &amp; (or start a reference such as &lt; ending in ';')")
            }
            body.append(byte)
            position += 1
        }
        let written = String(decoding: body, as: UTF8.self)
        if body.first == 0x23 {  // '#'
            var digits = body.dropFirst()
            let hex = digits.first == 0x78
            if hex { digits = digits.dropFirst() }
            guard !digits.isEmpty, digits.count <= 8, let code = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
                  let scalar = Unicode.Scalar(code),
                  code == 0x09 || code == 0x0A || code == 0x0D || code >= 0x20 else {
                throw fail("invalid character reference &\(written);")
            }
            output.append(contentsOf: String(Character(scalar)).utf8)
            return
        }
        switch written {
        case "amp": output.append(0x26)
        case "lt": output.append(0x3C)
        case "gt": output.append(0x3E)
        case "quot": output.append(0x22)
        case "apos": output.append(0x27)
        default: throw fail(written.isEmpty ? "empty entity reference &;" : "unknown entity &\(written);")
        }
    }
}
