import Foundation

/// The result of reading a date expression such as "yesterday 3pm": an instant plus its local day.
///
/// Callers need more than the instant: `hasTime` tells whether the user named a time of day (so a
/// listing can show "09:00" as a real time or as the day-only default), and `day` is the local
/// calendar day around `date`, precomputed with the context's calendar so that day-range queries
/// ("everything on yesterday") are right even on 23- and 25-hour DST days.
package struct ParsedDate: Sendable, Equatable {
    /// The instant the expression denotes.
    package var date: Date
    /// Whether the text named a time of day (or an exact instant such as "now" or "2 hours ago").
    package var hasTime: Bool
    /// The local day containing `date`: start of day ..< start of the next day, DST-correct.
    package var day: DateInterval

    package init(date: Date, hasTime: Bool, day: DateInterval) {
        self.date = date
        self.hasTime = hasTime
        self.day = day
    }
}
