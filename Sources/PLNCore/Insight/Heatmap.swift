import Foundation

/// Entries per local day over a span of days, with the intensity level each day is drawn at.
///
/// Levels are quarters of the busiest day (as contribution calendars draw them), so a journal
/// of two entries a day and one of three hundred both use the whole scale.
package struct Heatmap: Sendable, Equatable {
    /// The first and last day shown (the last is today).
    package var first: LocalDay
    package var last: LocalDay
    /// Entries per day; days without entries are absent.
    package var counts: [LocalDay: Int]
    /// The most entries on one day of the span.
    package var busiest: Int

    /// The number of levels above zero.
    package static let levels = 4

    package init(first: LocalDay, last: LocalDay, counts: [LocalDay: Int]) {
        self.first = first
        self.last = last
        self.counts = counts
        busiest = counts.values.max() ?? 0
    }

    /// The last twelve months: the day after this day a year ago, through `today`.
    package static func lastYear(endingOn today: LocalDay) -> (first: LocalDay, last: LocalDay) {
        (today.adding(years: -1).adding(days: 1), today)
    }

    /// Every day shown, oldest first.
    package var days: [LocalDay] {
        guard first <= last else { return [] }
        return (first.number...last.number).map(LocalDay.init(number:))
    }

    package var total: Int { counts.values.reduce(0, +) }

    package func count(on day: LocalDay) -> Int { counts[day] ?? 0 }

    /// 0 for no entries, 1...4 by quarters of the busiest day.
    package func level(on day: LocalDay) -> Int {
        let count = count(on: day)
        guard count > 0, busiest > 0 else { return 0 }
        // Level k holds the counts above k - 1 quarters of the busiest day, up to k quarters.
        return min(Heatmap.levels, (count * Heatmap.levels + busiest - 1) / busiest)
    }

    /// The glyph of each level: Unicode shades, readable without colour.
    package static let glyphs: [Character] = ["·", "░", "▒", "▓", "█"]

    /// ANSI colours of levels 1...4 (256-colour greens); level 0 is drawn dim.
    static let colours = ["38;5;22", "38;5;28", "38;5;34", "38;5;46"]

    /// The calendar as lines of text: a row per weekday (Monday first), a column per week,
    /// month names above the week in which each month begins.
    ///
    /// With `style` enabled the shades are also coloured; without it (NO_COLOR, a pipe,
    /// TERM=dumb) the shades alone carry the levels.
    package func lines(style: Style) -> [String] {
        guard first <= last else { return [] }
        let gridStart = first.startOfWeek
        let weeks = Int((last.number - gridStart.number) / 7) + 1
        let margin = "    "
        // Month labels: at the column of the week holding the 1st, when there is room.
        var header = [Character](repeating: " ", count: weeks + 3)
        var nextFree = 0
        for week in 0..<weeks {
            let monday = gridStart.adding(days: week * 7)
            for offset in 0..<7 {
                let day = monday.adding(days: offset)
                guard day >= first, day <= last, day.day == 1 else { continue }
                let name = Array(LocalDay.monthNames[day.month - 1])
                if week >= nextFree {
                    for (i, c) in name.enumerated() { header[week + i] = c }
                    nextFree = week + name.count + 1
                }
                break
            }
        }
        var result = [margin + String(header).replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)]
        for weekday in 0..<7 {
            let label = weekday % 2 == 0 ? LocalDay.weekdayNames[weekday] + " " : "    "
            var row = label
            for week in 0..<weeks {
                let day = gridStart.adding(days: week * 7 + weekday)
                if day < first || day > last {
                    row += " "
                    continue
                }
                row += cell(level(on: day), style: style)
            }
            result.append(row.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression))
        }
        let legend = (0...Heatmap.levels).map { cell($0, style: style) }.joined(separator: " ")
        result.append(margin + "less " + legend + " more")
        return result
    }

    private func cell(_ level: Int, style: Style) -> String {
        let glyph = String(Heatmap.glyphs[level])
        guard style.enabled else { return glyph }
        if level == 0 { return "\u{1B}[2m" + glyph + "\u{1B}[0m" }
        return "\u{1B}[" + Heatmap.colours[level - 1] + "m" + glyph + "\u{1B}[0m"
    }
}
