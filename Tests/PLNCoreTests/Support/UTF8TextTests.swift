import Testing
@testable import PLNCore

/// `UTF8Text` accepts exactly what the standard library's validating initialiser accepts.
@Suite("UTF-8 text")
struct UTF8TextTests {
    @Test(arguments: [
        [], [0x41], Array("héllo wörld — ✓ 👩‍👩‍👧‍👦".utf8),
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
        [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2], [0xC2, 0x41], [0xE0, 0x80, 0x80],
        [0xE0, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xE1, 0x80], [0xE1, 0x80, 0x41],
        [0xF0, 0x80, 0x80, 0x80], [0xF0, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80],
        [0xF0, 0x90, 0x80], [0xF0, 0x90, 0x80, 0x41], [0xFE], [0xFF], [0x41, 0xC3, 0xA9, 0xC3],
    ] as [[UInt8]])
    func agreesWithTheStandardLibrary(bytes: [UInt8]) {
        #expect(UTF8Text.string(bytes) == String(validating: bytes, as: UTF8.self))
        #expect(UTF8Text.string(bytes[...]) == String(validating: bytes, as: UTF8.self))
    }

    @Test func agreesOnRandomBytes() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let count = Int.random(in: 0...8, using: &generator)
            // Bytes biased to lead and continuation bytes, where the edge cases are, after ASCII
            // of any length (read eight bytes at a time), and some ASCII after them.
            let ascii = (0..<Int.random(in: 0...19, using: &generator)).map { _ in UInt8.random(in: 0...0x7F, using: &generator) }
            let bytes = ascii + (0..<count).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x80...0xFF, using: &generator)
                                               : UInt8.random(in: 0...0xFF, using: &generator)
            } + ascii.prefix(Int.random(in: 0...9, using: &generator))
            #expect(UTF8Text.string(bytes) == String(validating: bytes, as: UTF8.self), "\(bytes)")
        }
    }

    @Test func aSliceInTheMiddleOfAnArray() {
        let bytes: [UInt8] = [0xFF] + Array("café".utf8) + [0xFF]
        #expect(UTF8Text.string(bytes[1..<(bytes.count - 1)]) == "café")
    }

    @Test func findsAByte() {
        #expect(UTF8Text.contains(0x26, in: "fish &amp; chips"))
        #expect(!UTF8Text.contains(0x26, in: "fish and chips, a long line of text with no ampersand"))
        #expect(!UTF8Text.contains(13, in: ""))
        #expect(UTF8Text.contains(13, in: "short\r"))  // a small string, stored inline
        let bridged = "é\r" as Substring
        #expect(UTF8Text.contains(13, in: String(bridged)))
    }
}
