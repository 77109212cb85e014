import Foundation

/// Repairs of imported text: the mojibake of Facebook and Instagram exports, and terminal
/// control characters that must never reach the journal.
package enum TextRepair {
    /// Undoes the Facebook/Instagram encoding bug: each UTF-8 byte of non-ASCII text was
    /// written as its own `\u00XX` escape, so after JSON decoding "é" reads "Ã©".
    ///
    /// Every run of characters U+0080–U+00FF whose code points, taken as bytes, form valid
    /// UTF-8 becomes the characters those bytes encode. A run that is not valid UTF-8 (genuine
    /// Latin-1 such as the "é" in "café") is kept as it is, and text without such runs is
    /// returned unchanged.
    package static func repairUTF8(_ text: String) -> String {
        // U+0080–U+00FF are 0xC2 or 0xC3 followed by one byte in UTF-8.
        guard text.utf8.contains(where: { $0 == 0xC2 || $0 == 0xC3 }) else { return text }
        var output = String.UnicodeScalarView()
        var run: [UInt8] = []
        func flush() {
            guard !run.isEmpty else { return }
            if let decoded = UTF8Text.string(run) {
                output.append(contentsOf: decoded.unicodeScalars)
            } else {
                output.append(contentsOf: run.map { Unicode.Scalar($0) })
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            if scalar.value >= 0x80 && scalar.value <= 0xFF {
                run.append(UInt8(scalar.value))
            } else {
                flush()
                output.append(scalar)
            }
        }
        flush()
        return String(output)
    }

    /// Whether `clean` would return UTF-8 `bytes` as they are: no carriage return and nothing
    /// `TerminalText.sanitize` removes.
    package static func isClean(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        !bytes.contains(13) && TerminalText.isClean(bytes, keepNewlines: true)
    }

    /// Text safe to store: "\r\n" and a lone "\r" become "\n", and terminal control characters
    /// go (C0 but "\n" and "\t", DEL, C1, whole ESC/CSI/OSC sequences, bidi overrides; see
    /// `TerminalText.sanitize`). Clean text is returned as it is, without a copy.
    package static func clean(_ text: String) -> String {
        var text = text
        if UTF8Text.contains(13, in: text) {
            text = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return TerminalText.sanitize(text, keepNewlines: true)
    }
}
