import Foundation

/// A calendar day as the writer lived it: the date part of an entry's `created` text.
///
/// Every entry keeps the UTC offset in force where it was written, so its local day is simply
/// the first ten characters of `created` ("2026-11-29"), whatever zone pln runs in later. Streaks,
/// the heatmap, reviews and "on this day" all count these days, so an entry written at 23:50 on
/// a trip still belongs to the evening it was written on. The journal indexes that expression
/// (`entry_day`, schema v3), and the arithmetic here is integer day counts, so walking eight
/// years of days costs microseconds and DST (a 23- or 25-hour day) never enters into it.
package struct LocalDay: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01.
    package var number: Int64

    package init(number: Int64) { self.number = number }

    package init(year: Int, month: Int, day: Int) {
        number = Timestamp.daysFromCivil(year: Int64(year), month: month, day: day)
    }

    /// Reads "YYYY-MM-DD"; nil for any other shape or a date that does not exist.
    package init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              (1...12).contains(month), day >= 1, day <= Timestamp.daysInMonth(year: Int64(year), month: month)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The local day of `date` in the context's zone ("today" is `LocalDay(context.now, context)`).
    package init(_ date: Date, in zone: TimeZone) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(zone.secondsFromGMT(for: date))
        number = Timestamp.floorDivide(seconds, 86_400)
    }

    /// Today in the context's clock and zone.
    package static func today(_ context: DateContext) -> LocalDay {
        LocalDay(context.now, in: context.timeZone)
    }

    package var year: Int { Int(Timestamp.civilFromDays(number).year) }
    package var month: Int { Timestamp.civilFromDays(number).month }
    package var day: Int { Timestamp.civilFromDays(number).day }

    /// 1 = Monday ... 7 = Sunday (ISO 8601).
    package var isoWeekday: Int {
        let weekday = Timestamp.weekday(ofDays: number)  // 0 = Sunday
        return weekday == 0 ? 7 : weekday
    }

    /// Whether this day's year has a 29 February.
    package var isInLeapYear: Bool { Timestamp.isLeapYear(Int64(year)) }

    package func adding(days: Int) -> LocalDay { LocalDay(number: number + Int64(days)) }

    /// The same month and day `years` later or earlier; 29 February becomes 28 February in a
    /// year without one.
    package func adding(years: Int) -> LocalDay {
        let (y, m, d) = Timestamp.civilFromDays(number)
        let target = Int(y) + years
        return LocalDay(year: target, month: m, day: min(d, Timestamp.daysInMonth(year: Int64(target), month: m)))
    }

    /// The Monday of this day's ISO week.
    package var startOfWeek: LocalDay { adding(days: 1 - isoWeekday) }

    package var startOfMonth: LocalDay { LocalDay(year: year, month: month, day: 1) }

    package var startOfYear: LocalDay { LocalDay(year: year, month: 1, day: 1) }

    /// The ISO 8601 week number and its year (which differs from the calendar year around New Year).
    package var isoWeek: (year: Int, week: Int) {
        let thursday = adding(days: 4 - isoWeekday)
        let week = Int((thursday.number - thursday.startOfYear.number) / 7) + 1
        return (thursday.year, week)
    }

    /// "YYYY-MM-DD".
    package var description: String {
        let (y, m, d) = Timestamp.civilFromDays(number)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// "Sun 29 Nov".
    package var short: String {
        LocalDay.weekdayNames[isoWeekday - 1] + " " + String(day) + " " + LocalDay.monthNames[month - 1]
    }

    package static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    package static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    package static func < (lhs: LocalDay, rhs: LocalDay) -> Bool { lhs.number < rhs.number }
}
