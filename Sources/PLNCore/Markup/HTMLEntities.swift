/// Decodes HTML character references (`&amp;`, `&eacute;`, `&#39;`, `&#x1F600;`) as browsers do.
///
/// Every HTML5 named reference is known (see `HTMLEntities+Table.swift`); the legacy ones such as
/// `&amp` and `&copy` also work without their semicolon, except inside an attribute value when an
/// alphanumeric or `=` follows (so `?a=1&copy=2` in an `href` stays as written). Numeric
/// references follow the HTML5 rules: 0, surrogates and values beyond U+10FFFF become U+FFFD,
/// and 0x80–0x9F are read as Windows-1252 (`&#150;` is an en dash). Anything that is not a
/// reference stays as text.
package enum HTMLEntities {
    /// The table: name (after `&`, with its `;` when it has one) → UTF-8 bytes.
    static let named: [[UInt8]: [UInt8]] = {
        var result: [[UInt8]: [UInt8]] = [:]
        result.reserveCapacity(2300)
        for pair in table.split(whereSeparator: { $0 == "\t" || $0 == "\n" }) {
            let parts = pair.split(separator: " ")
            guard parts.count == 2 else { continue }
            var value = ""
            for hex in parts[1].split(separator: "+") {
                if let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) { value.unicodeScalars.append(scalar) }
            }
            result[Array(parts[0].utf8)] = Array(value.utf8)
        }
        return result
    }()

    /// The longest name in the table, with its semicolon.
    private static let longestName = 32

    /// Windows-1252 for the C1 range, which HTML5 applies to numeric references (0x80…0x9F).
    private static let windows1252: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D, 0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
    ]

    /// `text` with every character reference decoded.
    package static func decode(_ text: String) -> String {
        guard UTF8Text.contains(0x26, in: text) else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        decode(Array(text.utf8)[...], inAttribute: false, into: &output)
        return String(decoding: output, as: UTF8.self)
    }

    /// Appends `bytes` to `output` with references decoded; `inAttribute` applies the attribute
    /// rule for legacy references without a semicolon.
    package static func decode(_ bytes: ArraySlice<UInt8>, inAttribute: Bool, into output: inout [UInt8]) {
        var index = bytes.startIndex
        let end = bytes.endIndex
        while index < end {
            // The run up to the next '&' in one copy (most attribute values and text have none).
            let amp = bytes[index...].firstIndex(of: 0x26) ?? end
            if amp > index {
                output.append(contentsOf: bytes[index..<amp])
                index = amp
                continue
            }
            let byte = bytes[index]
            if let (decoded, next) = reference(in: bytes, at: index, inAttribute: inAttribute) {
                output.append(contentsOf: decoded)
                index = next
            } else {
                output.append(byte)
                index += 1
            }
        }
    }

    /// The reference starting at `start` (an `&`): its bytes and the index after it, or nil when
    /// the `&` starts no reference.
    private static func reference(in bytes: ArraySlice<UInt8>, at start: Int, inAttribute: Bool) -> ([UInt8], Int)? {
        let end = bytes.endIndex
        var index = start + 1
        guard index < end else { return nil }
        if bytes[index] == 0x23 {  // '#'
            index += 1
            var hex = false
            if index < end, bytes[index] | 0x20 == 0x78 {  // 'x' or 'X'
                hex = true
                index += 1
            }
            let digitsStart = index
            var value: UInt32 = 0
            while index < end, let digit = digitValue(bytes[index], hex: hex) {
                value = value > 0x10FFFF ? value : value * (hex ? 16 : 10) + digit
                index += 1
            }
            guard index > digitsStart else { return nil }
            if index < end, bytes[index] == 0x3B { index += 1 }
            return (utf8(numeric: value), index)
        }
        var nameEnd = index
        while nameEnd < end, nameEnd - index < longestName, isAlphanumeric(bytes[nameEnd]) { nameEnd += 1 }
        guard nameEnd > index else { return nil }
        if nameEnd < end, bytes[nameEnd] == 0x3B, let value = named[Array(bytes[index...nameEnd])] {
            return (value, nameEnd + 1)
        }
        // Legacy references without a semicolon: the longest known prefix of the name.
        var prefixEnd = nameEnd
        while prefixEnd > index + 1 {
            if let value = named[Array(bytes[index..<prefixEnd])] {
                if inAttribute, prefixEnd < end, isAlphanumeric(bytes[prefixEnd]) || bytes[prefixEnd] == 0x3D { return nil }
                return (value, prefixEnd)
            }
            prefixEnd -= 1
        }
        return nil
    }

    private static func digitValue(_ byte: UInt8, hex: Bool) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66 where hex: UInt32(byte - 0x61 + 10)
        case 0x41...0x46 where hex: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func utf8(numeric value: UInt32) -> [UInt8] {
        var code = value
        if (0x80...0x9F).contains(code) { code = windows1252[Int(code - 0x80)] }
        let scalar = code == 0 ? nil : Unicode.Scalar(code)  // nil for surrogates and > U+10FFFF
        return Array(String(Character(scalar ?? "\u{FFFD}")).utf8)
    }
}
