import Foundation

/// A recurring hashtag chat's weekly time in its host's zone: "tue 20:00 America/New_York".
///
/// Sessions are computed in the host's zone, so a chat at 20:00 New York time stays at 20:00
/// there across daylight-saving changes, and moves for a user elsewhere.
package struct ChatSchedule: Sendable, Equatable {
    /// 1 = Sunday … 7 = Saturday, as Calendar numbers weekdays.
    package var weekday: Int
    package var hour: Int
    package var minute: Int
    package var zone: TimeZone

    private static let days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    /// Parses "tue 20:00 America/New_York" (day names may be written out; the zone is an IANA name).
    package init(parsing text: String) throws(PLNError) {
        let parts = text.split(whereSeparator: \.isWhitespace).map(String.init)
        let usage = "use DAY HH:MM ZONE, such as \"tue 20:00 America/New_York\""
        guard parts.count == 3 else { throw .invalidArgument("'\(text)' is not a weekly schedule: \(usage)") }
        guard let day = Self.days.firstIndex(where: { parts[0].lowercased().hasPrefix($0) }) else {
            throw .invalidArgument("'\(parts[0])' is not a day of the week: \(usage)")
        }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, let hour = Int(time[0]), let minute = Int(time[1]), (0..<24).contains(hour),
              (0..<60).contains(minute), time[1].count == 2 else {
            throw .invalidArgument("'\(parts[1])' is not a time of day (HH:MM): \(usage)")
        }
        guard let zone = TimeZone(identifier: parts[2]) else {
            throw .invalidArgument("'\(parts[2])' is not a time zone name such as America/New_York or Europe/London")
        }
        self.weekday = day + 1
        self.hour = hour
        self.minute = minute
        self.zone = zone
    }

    /// The stored text form.
    package var text: String {
        "\(Self.days[weekday - 1]) \(String(format: "%02d:%02d", hour, minute)) \(zone.identifier)"
    }

    /// The first session starting at or after `date`.
    package func next(after date: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var components = DateComponents()
        components.weekday = weekday
        components.hour = hour
        components.minute = minute
        components.second = 0
        // A session that started up to a minute ago still counts as now.
        let start = date.addingTimeInterval(-1)
        return calendar.nextDate(after: start, matching: components, matchingPolicy: .nextTime) ?? date
    }

    /// The sessions starting in [from, to).
    package func sessions(from: Date, to: Date) -> [Date] {
        var result: [Date] = []
        var cursor = next(after: from)
        while cursor < to {
            result.append(cursor)
            cursor = next(after: cursor.addingTimeInterval(60))
        }
        return result
    }
}
