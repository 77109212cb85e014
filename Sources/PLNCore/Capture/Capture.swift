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
        // Text that starts and ends with a visible ASCII character (most of it: imports pass
        // millions) has nothing to drop, and its Characters need no walk to say so.
        if let first = text.utf8.first, let last = text.utf8.last,
           first > 0x20, first < 0x7F, last > 0x20, last < 0x7F {
            return text
        }
        var scalars = Substring(text)
        while let last = scalars.last, last.isWhitespace { scalars = scalars.dropLast() }
        while let newline = scalars.firstIndex(of: "\n"),
              scalars[..<newline].allSatisfy(\.isWhitespace) {
            scalars = scalars[scalars.index(after: newline)...]
        }
        return String(scalars)
    }
}
