import Testing
@testable import PLNCore

/// `Capture.trimmed` answers most text from its ends; the answer must be the Character walk's.
@Suite("Trimming entry text")
struct TrimTests {
    @Test(arguments: [
        ("plain text", "plain text"),
        ("ends in an emoji 👍🏽", "ends in an emoji 👍🏽"),
        ("ends with a heart ❤️", "ends with a heart ❤️"),
        ("trailing spaces   ", "trailing spaces"),
        ("trailing no-break space\u{A0}", "trailing no-break space"),
        ("ideographic space\u{3000}", "ideographic space"),
        ("line\r\n", "line"),
        ("\n\n  \nafter blank lines", "after blank lines"),
        ("  indented first line\nsecond", "  indented first line\nsecond"),
        ("\u{3000}\nafter a wide blank line", "after a wide blank line"),
        ("é at the start\n", "é at the start"),
        ("…", "…"),
        (" ", ""),
        ("", ""),
        ("\u{301}combining first", "\u{301}combining first"),
        ("tab at the end\t", "tab at the end"),
    ])
    func keepsWhatTheCharacterWalkKeeps(text: String, expected: String) {
        #expect(Capture.trimmed(text) == expected)
        #expect(Capture.trimmedByCharacters(text) == expected)
    }

    @Test func generatedTextAgreesWithTheCharacterWalk() {
        let pieces = ["a", " ", "\n", "\t", "\r\n", "é", "\u{A0}", "\u{3000}", "👍🏽", "\u{301}", "…", "z", "\u{2028}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let count = Int.random(in: 0...6, using: &generator)
            let text = (0..<count).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(Capture.trimmed(text) == Capture.trimmedByCharacters(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
