/// Splits HTML into tokens the way a browser's tokenizer would, and never fails.
///
/// Real exports are rarely well-formed (Netscape bookmark files never close `<DT>` or `<p>`, tag
/// and attribute case varies, values may be unquoted or single-quoted), so this follows the
/// HTML5 tokenizer's recovery rules rather than XML's: a `<` that starts no tag is text, a tag cut
/// off by the end of input is dropped, `<!DOCTYPE …>`, `<?…>` and `<![CDATA[…]]>` are skipped,
/// and the contents of `<script>`, `<style>`, `<iframe>` and `<textarea>`/`<title>` are read as
/// text up to their end tag. It does not build a tree: closing what was left open is the
/// reader's business.
package struct HTMLTokenizer: Sequence, IteratorProtocol {
    private let bytes: [UInt8]
    private var position = 0
    /// The element whose contents are read as text up to its end tag, and whether references
    /// in it are decoded (`<title>`, `<textarea>`) or not (`<script>`, `<style>`).
    private var rawText: (name: [UInt8], decoded: Bool)?
    private var countedUpTo = 0
    private var countedLines = 1
    /// The 1-based line on which the token last returned starts.
    package private(set) var line = 1

    package init(_ html: String) {
        bytes = Array(html.utf8)
    }

    /// The next token, or nil at the end of the input.
    package mutating func next() -> HTMLToken? {
        while position < bytes.count {
            let start = position
            if let raw = rawText {
                rawText = nil
                let end = rawTextEnd(raw.name, from: position)
                position = end
                if end > start {
                    markLine(start)
                    return .text(text(bytes[start..<end], decoded: raw.decoded))
                }
                continue
            }
            if bytes[position] == 0x3C, let token = tag() {  // '<'
                markLine(start)
                if case .none = token { continue }
                return token
            }
            // Text up to the next '<' that starts something.
            var end = position + 1
            while end < bytes.count, bytes[end] != 0x3C { end += 1 }
            position = end
            markLine(start)
            return .text(text(bytes[start..<end], decoded: true))
        }
        return nil
    }

    private mutating func markLine(_ offset: Int) {
        var index = countedUpTo
        while index < offset {
            if bytes[index] == 0x0A { countedLines += 1 }
            index += 1
        }
        countedUpTo = offset
        line = countedLines
    }

    private func text(_ slice: ArraySlice<UInt8>, decoded: Bool, inAttribute: Bool = false) -> String {
        guard decoded, slice.contains(0x26) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        HTMLEntities.decode(slice, inAttribute: inAttribute, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Reads the markup at `position` (a `<`). Returns nil when the `<` is plain text (position
    /// unchanged), `.some(nil)` for markup that yields no token (skipped), else the token.
    private mutating func tag() -> HTMLToken?? {
        let next = position + 1
        guard next < bytes.count else { return nil }
        switch bytes[next] {
        case 0x21:  // '!'
            if matches("<!--", at: position) {
                let bodyStart = position + 4
                // "<!-->" and "<!--->" are empty comments.
                for emptyEnd in [bodyStart, bodyStart + 1] where emptyEnd < bytes.count && bytes[emptyEnd] == 0x3E
                    && bytes[bodyStart..<emptyEnd].allSatisfy({ $0 == 0x2D }) {
                    position = emptyEnd + 1
                    return .some(.comment(""))
                }
                var end = bodyStart
                while end < bytes.count, !matches("-->", at: end) { end += 1 }
                position = Swift.min(end + 3, bytes.count)
                return .some(.comment(String(decoding: bytes[bodyStart..<end], as: UTF8.self)))
            }
            skipPast(0x3E, from: next)
            return .some(nil)
        case 0x3F:  // '?'
            skipPast(0x3E, from: next)
            return .some(nil)
        case 0x2F:  // '/'
            let nameStart = next + 1
            guard nameStart < bytes.count else { return nil }
            if bytes[nameStart] == 0x3E {  // "</>"
                position = nameStart + 1
                return .some(nil)
            }
            guard isLetter(bytes[nameStart]) else {
                skipPast(0x3E, from: nameStart)
                return .some(nil)
            }
            let nameEnd = scanName(from: nameStart)
            guard let after = tagEnd(from: nameEnd) else {
                position = bytes.count  // cut off by the end of the input: dropped
                return .some(nil)
            }
            position = after
            return .some(.end(name: lowercased(bytes[nameStart..<nameEnd])))
        case let byte where isLetter(byte):
            return .some(startTag())
        default:
            return nil
        }
    }

    private mutating func startTag() -> HTMLToken? {
        let nameStart = position + 1
        let nameEnd = scanName(from: nameStart)
        let name = lowercased(bytes[nameStart..<nameEnd])
        var attributes: [MarkupAttribute] = []
        if nameEnd < bytes.count, bytes[nameEnd] != 0x3E { attributes.reserveCapacity(4) }
        var index = nameEnd
        var selfClosing = false
        while true {
            while index < bytes.count, isSpace(bytes[index]) { index += 1 }
            guard index < bytes.count else {
                position = bytes.count
                return nil
            }
            let byte = bytes[index]
            if byte == 0x3E {
                index += 1
                break
            }
            if byte == 0x2F {
                index += 1
                if index < bytes.count, bytes[index] == 0x3E {
                    selfClosing = true
                    index += 1
                    break
                }
                continue
            }
            // An attribute name: up to space, '/', '>' or '=' (a leading '=' belongs to it).
            let attributeStart = index
            index += 1
            while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x2F, bytes[index] != 0x3E,
                  bytes[index] != 0x3D { index += 1 }
            let attributeName = lowercased(bytes[attributeStart..<index])
            var lookahead = index
            while lookahead < bytes.count, isSpace(bytes[lookahead]) { lookahead += 1 }
            var value = ""
            if lookahead < bytes.count, bytes[lookahead] == 0x3D {
                index = lookahead + 1
                while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                guard index < bytes.count else {
                    position = bytes.count
                    return nil
                }
                let valueStart: Int
                let valueEnd: Int
                if bytes[index] == 0x22 || bytes[index] == 0x27 {
                    let quote = bytes[index]
                    valueStart = index + 1
                    var end = valueStart
                    while end < bytes.count, bytes[end] != quote { end += 1 }
                    guard end < bytes.count else {
                        position = bytes.count
                        return nil
                    }
                    valueEnd = end
                    index = end + 1
                } else {
                    valueStart = index
                    while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x3E { index += 1 }
                    valueEnd = index
                }
                value = text(bytes[valueStart..<valueEnd], decoded: true, inAttribute: true)
            }
            if attributes[attributeName] == nil { attributes.append(MarkupAttribute(attributeName, value)) }
        }
        position = index
        if !selfClosing {
            // Not a Set: hashing each tag's name twice cost more than reading the tag.
            // The length picks the candidates (a switch over all eight compared each name eight times).
            let raw: Bool?
            switch name.utf8.count {
            case 3: raw = name == "xmp" ? false : nil
            case 5: raw = name == "style" ? false : name == "title" ? true : nil
            case 6: raw = name == "script" || name == "iframe" ? false : nil
            case 7: raw = name == "noembed" ? false : nil
            case 8: raw = name == "noframes" ? false : name == "textarea" ? true : nil
            default: raw = nil
            }
            if let raw { rawText = (Array(name.utf8), raw) }
        }
        return .start(name: name, attributes: attributes, selfClosing: selfClosing)
    }

    /// Where the contents of a raw-text element end: at `</name` followed by space, `/` or `>`
    /// (any case), else at the end of the input.
    private func rawTextEnd(_ name: [UInt8], from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            if bytes[index] == 0x3C, index + 2 + name.count <= bytes.count, bytes[index + 1] == 0x2F {
                var same = true
                for (offset, letter) in name.enumerated() where bytes[index + 2 + offset] | 0x20 != letter {
                    same = false
                    break
                }
                let after = index + 2 + name.count
                if same, after == bytes.count || isSpace(bytes[after]) || bytes[after] == 0x2F || bytes[after] == 0x3E {
                    return index
                }
            }
            index += 1
        }
        return bytes.count
    }

    /// The index after the `>` closing a tag whose name ends at `start`, skipping attributes (with
    /// their quotes); nil when the input ends first.
    private func tagEnd(from start: Int) -> Int? {
        var index = start
        var quote: UInt8?
        while index < bytes.count {
            let byte = bytes[index]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == 0x3E {
                return index + 1
            } else if (byte == 0x22 || byte == 0x27), index > start, bytes[index - 1] == 0x3D || isSpace(bytes[index - 1]) {
                quote = byte
            }
            index += 1
        }
        return nil
    }

    private mutating func skipPast(_ byte: UInt8, from start: Int) {
        var index = start
        while index < bytes.count, bytes[index] != byte { index += 1 }
        position = Swift.min(index + 1, bytes.count)
    }

    private func scanName(from start: Int) -> Int {
        var index = start
        while index < bytes.count, !isSpace(bytes[index]), bytes[index] != 0x2F, bytes[index] != 0x3E { index += 1 }
        return index
    }

    private func matches(_ literal: StaticString, at index: Int) -> Bool {
        let count = literal.utf8CodeUnitCount
        guard index + count <= bytes.count else { return false }
        return literal.withUTF8Buffer { expected in
            (0..<count).allSatisfy { bytes[index + $0] == expected[$0] }
        }
    }

    /// Names are nearly always lower case already: then the bytes become the string as they are
    /// (a name of up to 15 bytes needs no allocation).
    private func lowercased(_ slice: ArraySlice<UInt8>) -> String {
        guard slice.contains(where: { (0x41...0x5A).contains($0) }) else { return String(decoding: slice, as: UTF8.self) }
        return String(decoding: slice.map { (0x41...0x5A).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    private func isLetter(_ byte: UInt8) -> Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }

    private func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0C || byte == 0x0D }
}
