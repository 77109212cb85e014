import Foundation

/// The clock and time zone that relative dates ("yesterday 3pm") are resolved against.
///
/// A seam for tests: production code uses `.current`; tests pass a fixed instant and zone.
package struct DateContext: Sendable {
    package var now: Date
    package var timeZone: TimeZone

    package init(now: Date, timeZone: TimeZone) {
        self.now = now
        self.timeZone = timeZone
    }

    /// The system clock and zone. `PLN_NOW` (an ISO 8601 instant) pins the clock, for tests and
    /// reproducible scripts.
    package static var current: DateContext {
        DateContext(now: pinnedNow ?? Date(), timeZone: TimeZone.current)
    }

    /// `PLN_NOW`, read once (pln's environment does not change while it runs; an import stamps
    /// every source it creates). pln's own ISO 8601 reader: Foundation's formatter would load
    /// ICU's date formatting (about 3 ms) into every command run with PLN_NOW set, the
    /// benchmark's among them.
    private static let pinnedNow: Date? = ProcessEnvironment.values["PLN_NOW"].flatMap {
        Timestamp(iso8601: $0, assumingZone: TimeZone.current)?.date
    }

    /// The time to stamp a record pln writes now (a new person or source, an edit): the clock,
    /// or `PLN_NOW`, as `current` gives it, in the local zone.
    package static func stamp() -> Timestamp {
        let context = current
        return Timestamp(date: context.now, timeZone: context.timeZone)
    }

    /// A Gregorian calendar in this context's zone.
    package var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_US_POSIX")
        return calendar
    }
}
