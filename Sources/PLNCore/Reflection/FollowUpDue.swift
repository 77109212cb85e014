import Foundation

/// Reads when a follow-up is due: `3d`, `2w`, `1m`, `1y` (also `2 weeks`, `in 2 weeks`), or a
/// date pln understands (`2026-12-15`, `tomorrow`), as a local day `YYYY-MM-DD`.
package enum FollowUpDue {
    /// The local day `text` names, counted from today in `context`.
    /// - Throws: `invalidArgument` when the text is neither a span nor a date, or names a past day.
    package static func day(_ text: String, context: DateContext) throws(PLNError) -> String {
        let calendar = context.calendar
        let today = calendar.startOfDay(for: context.now)
        var due: Date?
        if let (amount, unit) = span(text) {
            due = calendar.date(byAdding: unit, value: amount, to: today)
        } else if let parsed = try DateParser.parse(text, in: context) {
            due = calendar.startOfDay(for: parsed.date)
        }
        guard let due else {
            throw .invalidArgument("'\(text)' is not a follow-up time: use 3d, 2w, 1m or a date such as 2026-12-15")
        }
        guard due >= today else { throw .invalidArgument("the follow-up date \(localDay(due, calendar)) is in the past") }
        return localDay(due, calendar)
    }

    /// The local day of `date` as `YYYY-MM-DD`.
    package static func localDay(_ date: Date, _ calendar: Calendar) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0)
    }

    /// "2w", "2 weeks", "in 2 weeks", "a week" → (2, .weekOfYear).
    static func span(_ text: String) -> (Int, Calendar.Component)? {
        var words = text.lowercased().split(whereSeparator: \.isWhitespace).map(String.init)
        if words.first == "in" { words.removeFirst() }
        var number: String
        var unit: String
        switch words.count {
        case 1:
            let word = words[0]
            number = String(word.prefix(while: \.isNumber))
            unit = String(word.dropFirst(number.count))
        case 2:
            number = words[0] == "a" || words[0] == "an" ? "1" : words[0]
            unit = words[1]
        default:
            return nil
        }
        guard let amount = Int(number), amount >= 0, amount < 10_000 else { return nil }
        switch unit {
        case "d", "day", "days": return (amount, .day)
        case "w", "week", "weeks": return (amount * 7, .day)
        case "m", "month", "months": return (amount, .month)
        case "y", "year", "years": return (amount, .year)
        default: return nil
        }
    }
}
