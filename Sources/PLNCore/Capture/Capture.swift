import Foundation

/// Turns what the user typed into an entry draft: date prefix, inline links, warnings.
///
/// One path for `pln add`, the shell and later Lua, so the same line always means the same
/// entry wherever it is typed.
package enum Capture {
    /// The draft for `text`, back-dated by `date` when given, else by a leading "DATE: " prefix.
    ///
    /// - Returns: the draft and warnings to show (an invalid date prefix kept as text).
    /// - Throws: `invalidDate` when `date` is not a valid date, `invalidArgument` when the text is empty.
    package static func draft(
        from text: String, date: String? = nil, kind: String = "note", context: DateContext
    ) throws(PLNError) -> (draft: EntryDraft, warnings: [String]) {
        var warnings: [String] = []
        var body = text
        var when: Date = context.now
        if let date {
            guard let parsed = try DateParser.parse(date, in: context) else {
                throw .invalidDate(date, reason: "not a date pln understands (see DATES in pln(1))")
            }
            when = parsed.date
        } else {
            let split = DateParser.splitPrefix(text, in: context)
            if let parsed = split.date {
                when = parsed.date
                body = split.body
            }
            if let warning = split.warning { warnings.append(warning) }
        }
        body = trimmed(body)
        guard !body.isEmpty else { throw .invalidArgument("the entry is empty; nothing saved") }
        let timestamp = Timestamp(date: when, timeZone: context.timeZone)
        return (EntryDraft(parsing: body, timestamp: timestamp, kind: kind), warnings)
    }

    /// Drops trailing whitespace and blank leading lines, keeping the text's own indentation.
    package static func trimmed(_ text: String) -> String {
        // Most text (imports pass millions) has nothing to drop, and says so without a walk
        // over its Characters: it ends in a visible ASCII byte or a Character that is not white
        // space (an emoji, "…"), and it starts with a visible one or holds no line break, so
        // no blank line leads it. Only the first and last Characters are read.
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return text }
        let endKept = (last > 0x20 && last < 0x7F) || (last >= 0x80 && text.last?.isWhitespace == false)
        let startKept = (first > 0x20 && first < 0x7F) || (first >= 0x80 && text.first?.isWhitespace == false)
            || !utf8.contains(0x0A)
        if endKept, startKept { return text }
        return trimmedByCharacters(text)
    }

    /// `trimmed`, Character by Character (the reference its shortcut is tested against).
    static func trimmedByCharacters(_ text: String) -> String {
        var scalars = Substring(text)
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        while let newline = scalars.firstIndex(of: "\n"),
              scalars[..<newline].allSatisfy(\.isWhitespace) {
            scalars = scalars[scalars.index(after: newline)...]
        }
        return String(scalars)
    }
}
