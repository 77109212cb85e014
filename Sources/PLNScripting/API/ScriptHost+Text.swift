import PLNCore

/// `pln.text.*` helpers that find in imported text what pln's own capture finds in typed text,
/// so an importer's tags, people and URLs are exactly those of the same words typed by hand.
extension ScriptHost {
    /// `pln.text.lower` on ASCII, from the bytes: the same as `lowercased()` there.
    static func lowerASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> StringShortcut {
        var upper = false
        for byte in bytes {
            if byte >= 0x80 { return .none }
            if byte >= 0x41, byte <= 0x5A { upper = true }
        }
        return upper ? .replaced(bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }) : .same
    }

    /// `pln.text.lower(s)`: Unicode lower case ("Übung" → "übung", "ΣΟΦΙΑ" → "σοφια").
    func textLower(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.lower")
        return [.string(try args.string(0, "the text").lowercased())]
    }

    /// `pln.text.hashtags(s)`: the `#tags` capture finds in `s`, lower case, without '#', distinct.
    func textHashtags(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.hashtags")
        // Capture already drops repeats that differ only in case, so lower-casing keeps them distinct.
        let tags = InlineParser.parse(try args.string(0, "the text")).tags.map { $0.lowercased() }
        return [Self.list(tags)]
    }

    /// `pln.text.mentions(s)`: the `@handles` capture finds in `s`, without '@', as first spelled.
    func textMentions(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.mentions")
        return [Self.list(InlineParser.parse(try args.string(0, "the text")).people)]
    }

    /// `pln.text.urls(s)`: the bare http(s) URLs capture finds in `s`, trailing punctuation dropped.
    func textURLs(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.urls")
        return [Self.list(InlineParser.parse(try args.string(0, "the text")).urls)]
    }

    /// `pln.text.hash(s)`: FNV-1a (64 bits) of the bytes of `s` as 16 lower-case hex digits.
    ///
    /// Importers name records that carry no id by this hash of their content, and those names
    /// are stored as origins: the function must never change.
    func textHash(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.hash")
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in try args.string(0, "the text").utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return [.string(String(repeating: "0", count: 16 - digits.count) + digits)]
    }

    private static func list(_ strings: [String]) -> LuaValue {
        .table(LuaTable(array: strings.map { .string($0) }))
    }
}
