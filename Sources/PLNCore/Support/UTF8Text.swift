import Foundation

/// Strings from bytes that must be well-formed UTF-8, for the paths that read imported files.
///
/// `String(validating:as:)` is generic over the encoding and the bytes, and unspecialized in
/// the standard library: each call looked up generic metadata at run time (about 300
/// instructions, 78 times per imported tweet). This checks the bytes with a plain loop and
/// then builds the string with `String(decoding:as:)`, which has nothing left to repair.
package enum UTF8Text {
    /// The string `bytes` encode, or nil when they are not well-formed UTF-8.
    package static func string(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { buffer in
            isWellFormed(buffer) ? String(decoding: buffer, as: UTF8.self) : nil
        }
    }

    /// The string `bytes` encode, or nil when they are not well-formed UTF-8.
    package static func string(_ bytes: [UInt8]) -> String? {
        string(bytes[...])
    }

    /// Whether `text` holds the byte `byte` in its UTF-8: `memchr` over a native string's
    /// storage. `text.utf8.contains(_:)` walks the view one code unit at a time through the
    /// generic `Sequence` algorithm, about eight instructions a byte; imported text is checked
    /// this way several times per record.
    package static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return false }
            return memchr(base, Int32(byte), buffer.count) != nil
        } ?? text.utf8.contains(byte)
    }

    /// Whether `bytes` are well-formed UTF-8 (Unicode, table 3-7): no overlong forms, no
    /// surrogates, nothing above U+10FFFF, no stray or missing continuation bytes.
    package static func isWellFormed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return true }
        while index < count {
            // ASCII, eight bytes at a time: most imported text is.
            while index + 8 <= count,
                  UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                index += 8
            }
            guard index < count else { break }
            let lead = bytes[index]
            if lead < 0x80 {
                index += 1
                continue
            }
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // the range of the second byte
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard index + length <= count else { return false }
            let second = bytes[index + 1]
            guard second >= low, second <= high else { return false }
            for offset in 2..<max(length, 2) where bytes[index + offset] & 0xC0 != 0x80 {
                return false
            }
            index += length
        }
        return true
    }
}
