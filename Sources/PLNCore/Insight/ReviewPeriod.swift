import Foundation

/// The stretch of local days a review covers: a calendar week (Monday to Sunday), month or year.
package struct ReviewPeriod: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        case week, month, year
    }

    package var kind: Kind
    package var first: LocalDay
    package var last: LocalDay

    /// The period of `kind` that contains `day`.
    package init(_ kind: Kind, containing day: LocalDay) {
        self.kind = kind
        switch kind {
        case .week:
            first = day.startOfWeek
            last = first.adding(days: 6)
        case .month:
            first = day.startOfMonth
            last = first.adding(days: Int(Timestamp.daysInMonth(year: Int64(day.year), month: day.month)) - 1)
        case .year:
            first = day.startOfYear
            last = LocalDay(year: day.year, month: 12, day: 31)
        }
    }

    /// "Week 48 of 2026, Mon 23 Nov – Sun 29 Nov", "November 2026", "2026".
    package var title: String {
        switch kind {
        case .week:
            let week = first.isoWeek
            let from = first.year == last.year ? first.short : "\(first.short) \(first.year)"
            return "Week \(week.week) of \(week.year), \(from) – \(last.short) \(last.year)"
        case .month:
            return Self.monthNames[first.month - 1] + " \(first.year)"
        case .year:
            return String(first.year)
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]
}
