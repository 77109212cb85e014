import Testing

@testable import PLNCore

@Suite("TerminalText")
struct TerminalTextTests {
    // MARK: sanitize

    @Test(
        "removes control sequences and control characters",
        arguments: [
            // CSI colour codes and cursor movement
            ("\u{1B}[31mred\u{1B}[0m", "red"),
            ("\u{1B}[1;38;5;196mbold\u{1B}[m plain", "bold plain"),
            ("\u{1B}[38;2;255;0;0mtrue\u{1B}[39m", "true"),
            ("up\u{1B}[2Aclear\u{1B}[2J\u{1B}[H", "upclear"),
            ("\u{1B}[?1049hscreen\u{1B}[?25l", "screen"),
            // OSC 8 hyperlinks, with BEL and with ST
            ("\u{1B}]8;;https://evil.example\u{07}click\u{1B}]8;;\u{07}", "click"),
            ("\u{1B}]8;;https://evil.example\u{1B}\\click\u{1B}]8;;\u{1B}\\", "click"),
            // OSC window title, OSC 52 clipboard
            ("\u{1B}]0;pwned\u{07}title", "title"),
            ("\u{1B}]2;pwned\u{1B}\\title", "title"),
            ("\u{1B}]52;c;ZWNobyBoaQ==\u{07}clip", "clip"),
            // DCS, APC, PM, SOS
            ("\u{1B}Pq#0;2;0;0;0\u{1B}\\dcs", "dcs"),
            ("\u{1B}_Gf=100;AAAA\u{1B}\\apc", "apc"),
            ("\u{1B}^private\u{1B}\\pm", "pm"),
            ("\u{1B}Xstring\u{1B}\\sos", "sos"),
            // two-character and charset sequences
            ("\u{1B}7saved\u{1B}8", "saved"),
            ("\u{1B}cReset", "Reset"),
            ("\u{1B}(Bascii\u{1B})0", "ascii"),
            ("\u{1B}=keypad\u{1B}>", "keypad"),
            // lone or truncated ESC
            ("lone \u{1B}\nescape", "lone \nescape"),
            ("x\u{1B}\u{7F}y", "xy"),
            ("end\u{1B}", "end"),
            ("\u{1B}\u{1B}[1mx", "x"),
            ("\u{1B}é", "é"),
            ("\u{1B}[", ""),
            ("\u{1B}[12", ""),
            ("\u{1B}[31é", "é"),
            // unterminated strings stop at the newline
            ("\u{1B}]0;title\nnext line", "\nnext line"),
            ("\u{1B}]0;title", ""),
            // strings aborted by CAN/SUB or a new ESC
            ("\u{1B}]0;x\u{18}after", "after"),
            ("\u{1B}]0;x\u{1B}[1mafter", "after"),
            // C0 controls
            ("bell\u{07}", "bell"),
            ("back\u{08}\u{08}space", "backspace"),
            ("over\rwrite", "overwrite"),
            ("line\r\nnext", "line\nnext"),
            ("nul\u{00}del\u{7F}vt\u{0B}ff\u{0C}", "nuldelvtff"),
            // C1 controls, 8-bit CSI with parameters, 8-bit OSC
            ("\u{9B}31mred\u{9B}0m", "red"),
            ("\u{9B}2Jclear", "clear"),
            ("\u{9D}0;title\u{9C}text", "text"),
            ("\u{9D}8;;https://x\u{07}link", "link"),
            ("\u{90}dcs\u{9C}after", "after"),
            ("next\u{85}line\u{84}\u{9C}", "nextline"),
            // bidi overrides and isolates ("Trojan Source")
            ("access\u{202E}level\u{202C}", "accesslevel"),
            ("\u{202A}a\u{202B}b\u{202D}c", "abc"),
            ("\u{2066}x\u{2067}y\u{2068}z\u{2069}", "xyz"),
        ] as [(String, String)]
    )
    func removes(input: String, expected: String) {
        #expect(TerminalText.sanitize(input) == expected)
        #expect(!TerminalText.isClean(input))
    }

    @Test(
        "keeps ordinary text intact",
        arguments: [
            "plain ASCII text",
            "tabs\tand\nnewlines\n",
            "café naïve Ångström",
            "e\u{0301} decomposed",
            "日本語のテキスト",
            "한국어",
            "עברית ومرحبا بالعالم",
            "\u{200F}rtl mark\u{200E}ltr mark",
            "zero\u{200B}width space",
            "emoji 🎉👍",
            "skin tones 👍🏽👋🏿",
            "ZWJ family 👨‍👩‍👧‍👦 and 🏳️‍🌈 and 🧑🏽‍💻",
            "flags 🇫🇷🇯🇵",
            "keycap 1️⃣ and ❤️",
            "nbsp\u{00A0}and ¢ £ ©",
            "math ∑ ∞ ≠ → ⟨x⟩",
            "",
        ]
    )
    func keeps(input: String) {
        #expect(TerminalText.sanitize(input) == input)
        #expect(TerminalText.isClean(input))
    }

    @Test("emoji survive next to removed sequences")
    func emojiNextToEscapes() {
        #expect(TerminalText.sanitize("\u{1B}[1m👨‍👩‍👧\u{1B}[0m👍🏽\u{202E}") == "👨‍👩‍👧👍🏽")
    }

    @Test(
        "without newlines, each run of newlines and tabs becomes one space",
        arguments: [
            ("a\nb", "a b"),
            ("a\tb", "a b"),
            ("a\r\nb", "a b"),
            ("para one\n\n\tpara two", "para one para two"),
            ("a\n\u{1B}[1m\nb", "a b"),
            ("no breaks", "no breaks"),
            ("trailing\n", "trailing "),
        ] as [(String, String)]
    )
    func singleLine(input: String, expected: String) {
        #expect(TerminalText.sanitize(input, keepNewlines: false) == expected)
    }

    @Test("sanitising is idempotent")
    func idempotent() {
        let nasty = "\u{1B}]8;;x\u{07}a\u{1B}[1\u{1B}b\u{9B}c\u{202E}d\u{1B}(\u{1B}e"
        let once = TerminalText.sanitize(nasty)
        #expect(TerminalText.sanitize(once) == once)
        #expect(TerminalText.isClean(once))
        #expect(!once.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
    }

    // MARK: displayWidth

    @Test(
        "display width",
        arguments: [
            ("", 0),
            ("hello", 5),
            ("café", 4),
            ("e\u{0301}", 1),
            ("日本語", 6),
            ("ｆｕｌｌ", 8),
            ("한국어", 6),
            ("\u{1100}\u{1161}\u{11A8}", 2),
            ("🎉", 2),
            ("👍🏽", 2),
            ("👨‍👩‍👧‍👦", 2),
            ("🇫🇷", 2),
            ("❤️", 2),
            ("❤", 1),
            ("1️⃣", 2),
            ("zero\u{200B}width", 9),
            ("a\u{200D}b", 2),
            ("tab\t", 3),
            ("مرحبا", 5),
            ("a🎉b日", 6),
        ] as [(String, Int)]
    )
    func width(text: String, expected: Int) {
        #expect(TerminalText.displayWidth(text) == expected)
    }

    // MARK: truncate

    @Test(
        "truncate",
        arguments: [
            ("hello", 10, "hello"),
            ("hello", 5, "hello"),
            ("hello world", 8, "hello w…"),
            ("hello", 1, "…"),
            ("hello", 0, ""),
            ("hello", -3, ""),
            ("", 3, ""),
            ("日本語テキスト", 6, "日本…"),
            ("日本語テキスト", 5, "日本…"),
            ("日本語", 6, "日本語"),
            ("👨‍👩‍👧‍👦👍🏽🇫🇷", 5, "👨‍👩‍👧‍👦👍🏽…"),
            ("👨‍👩‍👧‍👦👍🏽🇫🇷", 4, "👨‍👩‍👧‍👦…"),
            ("cafe\u{0301} au lait", 5, "cafe\u{0301}…"),
        ] as [(String, Int, String)]
    )
    func truncate(text: String, width: Int, expected: String) {
        let result = TerminalText.truncate(text, toWidth: width)
        #expect(result == expected)
        #expect(TerminalText.displayWidth(result) <= max(width, 0))
    }
}
