import PLNCore
import Testing

@Suite("Text repair")
struct TextRepairTests {
    /// What Facebook writes for `text`: every UTF-8 byte as its own U+00XX character.
    private func mojibake(_ text: String) -> String {
        String(String.UnicodeScalarView(text.utf8.map { Unicode.Scalar($0) }))
    }

    @Test func facebookMojibakeIsRepaired() {
        #expect(TextRepair.repairUTF8(mojibake("café")) == "café")
        #expect(mojibake("café") == "cafÃ©")
        #expect(TextRepair.repairUTF8(mojibake("Grüße 🎉 — naïve")) == "Grüße 🎉 — naïve")
        #expect(TextRepair.repairUTF8(mojibake("line one\nzwei 👍🏽")) == "line one\nzwei 👍🏽")
    }

    @Test func textWithoutMojibakeIsUnchanged() {
        #expect(TextRepair.repairUTF8("plain ASCII") == "plain ASCII")
        // Genuine Latin-1 letters that are not a UTF-8 byte sequence stay.
        #expect(TextRepair.repairUTF8("café and crème brûlée") == "café and crème brûlée")
        #expect(TextRepair.repairUTF8("½ price, 5 µm, ©") == "½ price, 5 µm, ©")
        #expect(TextRepair.repairUTF8("emoji 🎉 and € stay") == "emoji 🎉 and € stay")
    }

    @Test func cleanStripsControlsAndNormalisesLineBreaks() {
        #expect(TextRepair.clean("a\r\nb\rc\nd") == "a\nb\nc\nd")
        #expect(TextRepair.clean("red \u{1B}[31mtext\u{1B}[0m") == "red text")
        #expect(TextRepair.clean("title \u{1B}]0;pwned\u{07}here") == "title here")
        #expect(TextRepair.clean("bell\u{07} nul\u{0} del\u{7F} c1\u{85}") == "bell nul del c1")
        #expect(TextRepair.clean("tab\tkept\nnewline kept 🎉") == "tab\tkept\nnewline kept 🎉")
        #expect(TextRepair.clean("clean") == "clean")
    }
}
