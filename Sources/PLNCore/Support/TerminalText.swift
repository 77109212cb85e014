/// Makes untrusted text safe and measurable for a terminal: strips control sequences, computes column widths.
///
/// Journal text comes from imports, feeds and the clipboard, and a stray escape sequence in it
/// could recolour, retitle or hyperlink the user's terminal, or hide text (bidi overrides,
/// "Trojan Source"). Everything pln prints goes through here, so the common case (clean text,
/// plain ASCII) is one byte loop with no copy. Every sequence recognised starts with an ASCII
/// byte or a UTF-8 lead byte, so the work is done on UTF-8 bytes without decoding.
package enum TerminalText {
    /// Removes terminal control sequences and control characters so imported text can't drive the terminal.
    ///
    /// Removed entirely: ESC-introduced sequences (CSI `ESC [ … final`; OSC `ESC ] … (BEL | ESC \)`;
    /// DCS, SOS, PM and APC up to ST; two-character sequences such as `ESC 7` or `ESC ( B`), the
    /// C1 controls U+0080–U+009F (8-bit CSI U+009B with its parameters, 8-bit OSC/DCS/SOS/PM/APC
    /// with their strings), C0 controls and DEL, and the bidi embedding/override/isolate controls
    /// U+202A–U+202E and U+2066–U+2069. A string sequence left unterminated ends at the next
    /// newline rather than swallowing the rest of a document. "\n" and "\t" are kept when
    /// `keepNewlines` is true; otherwise each run of them becomes a single space, for one-line
    /// displays. Everything else (accents, CJK, RTL letters, emoji, U+200B, LRM/RLM) is kept.
    package static func sanitize(_ text: String, keepNewlines: Bool = true) -> String {
        var source = text
        return source.withUTF8 { bytes in
            if isClean(bytes, keepNewlines: keepNewlines) { return text }
            return String(decoding: stripped(bytes, keepNewlines: keepNewlines), as: UTF8.self)
        }
    }

    /// Fast check: true when `sanitize` (keeping newlines) would change nothing, so callers can skip the copy.
    package static func isClean(_ text: String) -> Bool {
        var source = text
        return source.withUTF8 { isClean($0, keepNewlines: true) }
    }

    /// Display width in terminal columns, counted per grapheme cluster.
    ///
    /// East Asian wide and fullwidth characters and emoji presentation take 2 columns, combining
    /// marks, format characters (ZWJ, U+200B) and controls take 0, everything else 1. A whole
    /// cluster ("👨‍👩‍👧", "🇫🇷", "👍🏽", "é" decomposed) is as wide as its widest scalar, which is how
    /// current terminals draw it; U+FE0F makes an emoji 2 wide, U+FE0E makes it 1.
    package static func displayWidth(_ text: String) -> Int {
        var source = text
        if let width = source.withUTF8(printableASCIICount) { return width }
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// Truncates to at most `width` columns, ending with "…" when cut.
    ///
    /// Cuts only between grapheme clusters, so an emoji sequence or an accented letter is never
    /// split, and a wide character that would straddle the limit is dropped whole.
    package static func truncate(_ text: String, toWidth width: Int) -> String {
        guard width > 0 else { return "" }
        var source = text
        if let count = source.withUTF8(printableASCIICount) {
            if count <= width { return text }
            return String(decoding: text.utf8.prefix(width - 1), as: UTF8.self) + "…"
        }
        var used = 0
        var cut = text.startIndex
        var index = text.startIndex
        while index < text.endIndex {
            let columns = self.width(of: text[index])
            if used + columns > width { return String(text[..<cut]) + "…" }
            used += columns
            index = text.index(after: index)
            if used < width { cut = index }
        }
        return text
    }

    // MARK: - Sanitising

    /// True when no byte of `bytes` would be removed or replaced by `stripped`.
    package static func isClean(_ bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 {
                guard keepNewlines, byte == 0x0A || byte == 0x09 else { return false }
            } else if byte == 0x7F {
                return false
            } else if byte == 0xC2 {
                if index + 1 < bytes.count, isC1(bytes[index + 1]) { return false }
            } else if byte == 0xE2 {
                if index + 2 < bytes.count, isBidiControl(bytes[index + 1], bytes[index + 2]) { return false }
            }
            index += 1
        }
        return true
    }

    /// Copies `bytes` without control sequences, control characters and bidi controls.
    private static func stripped(_ bytes: UnsafeBufferPointer<UInt8>, keepNewlines: Bool) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var lastWasBreak = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 0x20 && byte != 0x7F {
                if byte == 0xC2, index + 1 < bytes.count, isC1(bytes[index + 1]) {
                    index = endOfC1Sequence(bytes, at: index)
                    continue
                }
                if byte == 0xE2, index + 2 < bytes.count, isBidiControl(bytes[index + 1], bytes[index + 2]) {
                    index += 3
                    continue
                }
                output.append(byte)
                lastWasBreak = false
                index += 1
                continue
            }
            switch byte {
            case 0x0A, 0x09:
                if keepNewlines {
                    output.append(byte)
                } else if !lastWasBreak {
                    output.append(0x20)
                    lastWasBreak = true
                }
                index += 1
            case 0x1B:
                index = endOfEscapeSequence(bytes, at: index)
            default:
                index += 1
            }
        }
        return output
    }

    /// Returns the index just past the ESC-introduced sequence at `start`.
    ///
    /// An ESC followed by nothing recognisable is dropped on its own, so the text after a
    /// lone ESC survives.
    private static func endOfEscapeSequence(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        let next = start + 1
        guard next < bytes.count else { return next }
        switch bytes[next] {
        case UInt8(ascii: "["):
            return endOfControlSequence(bytes, from: next + 1)
        case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
            return endOfControlString(bytes, from: next + 1)
        case 0x20...0x2F:
            var index = next
            while index < bytes.count, (0x20...0x2F).contains(bytes[index]) { index += 1 }
            if index < bytes.count, (0x30...0x7E).contains(bytes[index]) { index += 1 }
            return index
        case 0x30...0x7E:
            return next + 1
        default:
            return next
        }
    }

    /// Returns the index just past the C1 control at `start` (a 0xC2 lead byte), with its parameters or string.
    private static func endOfC1Sequence(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int {
        switch bytes[start + 1] {
        case 0x9B:  // CSI
            return endOfControlSequence(bytes, from: start + 2)
        case 0x90, 0x98, 0x9D, 0x9E, 0x9F:  // DCS, SOS, OSC, PM, APC
            return endOfControlString(bytes, from: start + 2)
        default:
            return start + 2
        }
    }

    /// Skips CSI parameter and intermediate bytes and the final byte; a malformed sequence ends
    /// at the first byte that cannot belong to it, which is then handled on its own.
    private static func endOfControlSequence(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, (0x20...0x3F).contains(bytes[index]) { index += 1 }
        if index < bytes.count, (0x40...0x7E).contains(bytes[index]) { index += 1 }
        return index
    }

    /// Skips the body of an OSC, DCS, SOS, PM or APC string and its terminator.
    ///
    /// Terminators are BEL, ST (`ESC \` or U+009C), and CAN/SUB, which abort the string as in a
    /// terminal. Another ESC or a newline ends the string without being consumed: the ESC starts
    /// a new sequence and the newline is kept, so an unterminated string costs one line at most.
    private static func endOfControlString(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case 0x07, 0x18, 0x1A:
                return index + 1
            case 0x1B:
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\\") { return index + 2 }
                return index
            case 0x0A:
                return index
            case 0xC2 where index + 1 < bytes.count && bytes[index + 1] == 0x9C:
                return index + 2
            default:
                index += 1
            }
        }
        return index
    }

    /// True for the second byte of a C1 control (U+0080–U+009F is 0xC2 0x80–0x9F in UTF-8).
    @inline(__always)
    private static func isC1(_ byte: UInt8) -> Bool {
        byte >= 0x80 && byte <= 0x9F
    }

    /// True when 0xE2 followed by these two bytes encodes U+202A–U+202E or U+2066–U+2069.
    @inline(__always)
    private static func isBidiControl(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && third >= 0xAA && third <= 0xAE) || (second == 0x81 && third >= 0xA6 && third <= 0xA9)
    }

    // MARK: - Width

    /// The byte count when every byte is printable ASCII (its width), or nil to take the Unicode path.
    private static func printableASCIICount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        for byte in bytes where byte < 0x20 || byte > 0x7E { return nil }
        return bytes.count
    }

    /// Columns taken by one grapheme cluster: its widest scalar, adjusted by emoji variation selectors.
    private static func width(of character: Character) -> Int {
        var widest = 0
        var emojiSelector = false
        var textSelector = false
        for scalar in character.unicodeScalars {
            switch scalar.value {
            case 0xFE0F: emojiSelector = true
            case 0xFE0E: textSelector = true
            default: widest = max(widest, width(of: scalar))
            }
        }
        guard emojiSelector || textSelector, let base = character.unicodeScalars.first else { return widest }
        if emojiSelector, base.properties.isEmoji { return 2 }
        if textSelector, widest == 2, base.properties.isEmojiPresentation { return 1 }
        return widest
    }

    /// Columns taken by one scalar drawn on its own.
    private static func width(of scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value < 0x20 || (value >= 0x7F && value < 0xA0) { return 0 }
        if value < 0x300 { return 1 }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if (0x1160...0x11FF).contains(value) || (0xD7B0...0xD7FF).contains(value) { return 0 }  // Hangul vowels and finals
        if properties.isEmojiPresentation || isEastAsianWide(value) { return 2 }
        return 1
    }

    /// East Asian Wide (W) and Fullwidth (F) blocks that are not emoji, from Unicode's EastAsianWidth.txt.
    ///
    /// The standard library exposes no East Asian Width property, so the blocks are listed here
    /// (coarsened to whole blocks where the gaps are unassigned); emoji are found by property instead.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x2FFF, 0x3000...0x303E, 0x3041...0x33FF,
        0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x16FE0...0x16FFF, 0x17000...0x18DFF, 0x1AFF0...0x1B2FF, 0x1F200...0x1F2FF,
        0x20000...0x2FFFD, 0x30000...0x3FFFD,
    ]

    /// True when `value` lies in one of `wideRanges` (sorted, so the scan stops early).
    private static func isEastAsianWide(_ value: UInt32) -> Bool {
        guard value >= 0x1100 else { return false }
        for range in wideRanges {
            if value < range.lowerBound { return false }
            if value <= range.upperBound { return true }
        }
        return false
    }
}
