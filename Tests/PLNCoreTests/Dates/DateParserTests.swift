import Foundation
import Testing
@testable import PLNCore

/// Exact local results of every date form `DateParser` accepts, rejects or ignores.
///
/// Everything is resolved against a fixed clock, Sunday 2026-11-29 14:30:00 in Europe/Berlin, and
/// compared as local wall-clock text so a failure shows the date a user would see. DST cases use
/// America/New_York, whose 2026-03-08 is 23 hours long and 2026-11-01 is 25 hours long.
@Suite("DateParser")
struct DateParserTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!

    /// Sunday 2026-11-29 14:30:00 in Berlin (CET, +01:00).
    static let context = makeContext("2026-11-29 14:30:00", in: berlin)

    static func makeContext(_ local: String, in zone: TimeZone) -> DateContext {
        DateContext(now: instant(local, in: zone), timeZone: zone)
    }

    /// The instant of a "yyyy-MM-dd HH:mm:ss" wall-clock time in `zone`, via Foundation as an oracle.
    static func instant(_ local: String, in zone: TimeZone) -> Date {
        let numbers = local.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let components = DateComponents(
            year: numbers[0], month: numbers[1], day: numbers[2],
            hour: numbers[3], minute: numbers[4], second: numbers[5]
        )
        return calendar.date(from: components)!
    }

    /// "yyyy-MM-dd HH:mm:ss" of `date` in `zone`, via Foundation as an oracle.
    static func local(_ date: Date, in zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value! < 10 ? "0\(value!)" : "\(value!)" }
        return "\(c.year!)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
    }

    /// Parses `text` in `context`, recording an issue when it throws.
    static func parsed(_ text: String, in context: DateContext = context) -> ParsedDate? {
        do {
            return try DateParser.parse(text, in: context)
        } catch {
            Issue.record("'\(text)' threw \(error)")
            return nil
        }
    }

    // MARK: Accepted forms

    /// (text, expected local date-time in Berlin, hasTime)
    static let forms: [(String, String, Bool)] = [
        // Instants and bare days
        ("now", "2026-11-29 14:30:00", true),
        ("today", "2026-11-29 14:30:00", false),
        ("yesterday", "2026-11-28 09:00:00", false),
        ("tomorrow", "2026-11-30 09:00:00", false),
        // Bare times are today
        ("noon", "2026-11-29 12:00:00", true),
        ("midnight", "2026-11-29 00:00:00", true),
        ("at 6am", "2026-11-29 06:00:00", true),
        ("6am", "2026-11-29 06:00:00", true),
        ("6 am", "2026-11-29 06:00:00", true),
        ("3pm", "2026-11-29 15:00:00", true),
        ("3:30pm", "2026-11-29 15:30:00", true),
        ("9:30 pm", "2026-11-29 21:30:00", true),
        ("9:30 p.m.", "2026-11-29 21:30:00", true),
        ("15:42", "2026-11-29 15:42:00", true),
        ("at 15:42", "2026-11-29 15:42:00", true),
        ("12am", "2026-11-29 00:00:00", true),
        ("12:30am", "2026-11-29 00:30:00", true),
        ("12pm", "2026-11-29 12:00:00", true),
        ("23:59", "2026-11-29 23:59:00", true),
        ("0:00", "2026-11-29 00:00:00", true),
        // Days with times
        ("yesterday 3pm", "2026-11-28 15:00:00", true),
        ("yesterday at 3pm", "2026-11-28 15:00:00", true),
        ("today at noon", "2026-11-29 12:00:00", true),
        ("tomorrow midnight", "2026-11-30 00:00:00", true),
        ("last friday at 9:30pm", "2026-11-27 21:30:00", true),
        ("3pm yesterday", "2026-11-28 15:00:00", true),
        // Weekdays: most recent, today included
        ("monday", "2026-11-23 09:00:00", false),
        ("tuesday", "2026-11-24 09:00:00", false),
        ("wednesday", "2026-11-25 09:00:00", false),
        ("thursday", "2026-11-26 09:00:00", false),
        ("friday", "2026-11-27 09:00:00", false),
        ("saturday", "2026-11-28 09:00:00", false),
        ("sunday", "2026-11-29 14:30:00", false),
        ("mon", "2026-11-23 09:00:00", false),
        ("tue", "2026-11-24 09:00:00", false),
        ("wed", "2026-11-25 09:00:00", false),
        ("thu", "2026-11-26 09:00:00", false),
        ("fri", "2026-11-27 09:00:00", false),
        ("sat", "2026-11-28 09:00:00", false),
        ("sun", "2026-11-29 14:30:00", false),
        ("friday 8:15", "2026-11-27 08:15:00", true),
        // "last": strictly before today
        ("last friday", "2026-11-27 09:00:00", false),
        ("last saturday", "2026-11-28 09:00:00", false),
        ("last sunday", "2026-11-22 09:00:00", false),
        ("last sun", "2026-11-22 09:00:00", false),
        // Ago
        ("3 days ago", "2026-11-26 09:00:00", false),
        ("1 day ago", "2026-11-28 09:00:00", false),
        ("a day ago", "2026-11-28 09:00:00", false),
        ("0 days ago", "2026-11-29 14:30:00", false),
        ("2 weeks ago", "2026-11-15 09:00:00", false),
        ("a week ago", "2026-11-22 09:00:00", false),
        ("an hour ago", "2026-11-29 13:30:00", true),
        ("3 hours ago", "2026-11-29 11:30:00", true),
        ("30 minutes ago", "2026-11-29 14:00:00", true),
        ("45 seconds ago", "2026-11-29 14:29:15", true),
        ("2 months ago", "2026-09-29 09:00:00", false),
        ("1 year ago", "2025-11-29 09:00:00", false),
        ("3 days ago at 8pm", "2026-11-26 20:00:00", true),
        // ISO
        ("2026-11-02", "2026-11-02 09:00:00", false),
        ("2026-11-29", "2026-11-29 14:30:00", false),
        ("2026-11-02 15:42", "2026-11-02 15:42:00", true),
        ("2026-11-02T15:42", "2026-11-02 15:42:00", true),
        ("2026-11-02 15:42:10", "2026-11-02 15:42:10", true),
        ("2026-11-02T15:42:10", "2026-11-02 15:42:10", true),
        ("2026-11-02 at 3pm", "2026-11-02 15:00:00", true),
        ("2026-11-02T15:42:00+01:00", "2026-11-02 15:42:00", true),
        ("2026-11-02T15:42:00Z", "2026-11-02 16:42:00", true),
        ("2026-11-02T15:42:00z", "2026-11-02 16:42:00", true),
        ("2026-11-02T15:42:00-05:00", "2026-11-02 21:42:00", true),
        ("2026-11-02T15:42:00+0530", "2026-11-02 11:12:00", true),
        ("2026-11-02T15:42:00.750+01:00", "2026-11-02 15:42:00", true),
        ("2026-11-02 15:42+01:00", "2026-11-02 15:42:00", true),
        ("2026-7-4", "2026-07-04 09:00:00", false),
        // Month names with a year
        ("2 march 2025", "2025-03-02 09:00:00", false),
        ("march 2 2025", "2025-03-02 09:00:00", false),
        ("march 2, 2025", "2025-03-02 09:00:00", false),
        ("2 mar 2025", "2025-03-02 09:00:00", false),
        ("2nd march 2025", "2025-03-02 09:00:00", false),
        ("sept 30 2024", "2024-09-30 09:00:00", false),
        // Month names without a year: most recent not in the future
        ("dec 25", "2025-12-25 09:00:00", false),
        ("25 dec", "2025-12-25 09:00:00", false),
        ("december 25", "2025-12-25 09:00:00", false),
        ("25th december", "2025-12-25 09:00:00", false),
        ("nov 2", "2026-11-02 09:00:00", false),
        ("nov 29", "2026-11-29 14:30:00", false),
        ("nov 30", "2025-11-30 09:00:00", false),
        ("jan 1", "2026-01-01 09:00:00", false),
        ("feb 29", "2024-02-29 09:00:00", false),
        // Day forms followed by a time
        ("2 march 2025 3pm", "2025-03-02 15:00:00", true),
        ("march 2, 2025 at 9:30 pm", "2025-03-02 21:30:00", true),
        ("dec 25 at 10:00", "2025-12-25 10:00:00", true),
        ("25 dec noon", "2025-12-25 12:00:00", true),
        ("nov 29 23:00", "2026-11-29 23:00:00", true),
        // Case and spacing
        ("  Yesterday   AT  3PM ", "2026-11-28 15:00:00", true),
        ("DEC 25", "2025-12-25 09:00:00", false),
        ("Last Friday", "2026-11-27 09:00:00", false),
        ("\tnow\t", "2026-11-29 14:30:00", true),
    ]

    @Test("accepted forms resolve to exact local date-times", arguments: forms)
    func acceptedForms(text: String, expected: String, hasTime: Bool) throws {
        let result = try #require(Self.parsed(text))
        #expect(Self.local(result.date, in: Self.berlin) == expected)
        #expect(result.hasTime == hasTime)
        #expect(result.day.contains(result.date))
        #expect(Self.local(result.day.start, in: Self.berlin) == String(expected.prefix(10)) + " 00:00:00")
    }

    @Test("an explicit offset is that exact instant")
    func exactInstant() throws {
        let result = try #require(Self.parsed("2026-11-02T15:42:00+01:00"))
        #expect(result.date == Date(timeIntervalSince1970: 1_793_630_520))
        let utc = try #require(Self.parsed("2026-11-02T14:42:00Z"))
        #expect(utc.date == result.date)
    }

    @Test("the day of an offset instant is its day in the context zone")
    func offsetInstantDay() throws {
        // 23:30 in New York is already the next day in Berlin.
        let result = try #require(Self.parsed("2026-11-02T23:30:00-05:00"))
        #expect(Self.local(result.date, in: Self.berlin) == "2026-11-03 05:30:00")
        #expect(Self.local(result.day.start, in: Self.berlin) == "2026-11-03 00:00:00")
    }

    @Test("a leap-day anniversary reaches back to the last leap year")
    func leapDayWithoutYear() throws {
        let context = Self.makeContext("2029-03-01 10:00:00", in: Self.berlin)
        let result = try #require(Self.parsed("feb 29", in: context))
        #expect(Self.local(result.date, in: Self.berlin) == "2028-02-29 09:00:00")
    }

    @Test("months ago clamps to the end of a shorter month")
    func monthsAgoClamps() throws {
        let context = Self.makeContext("2026-03-31 10:00:00", in: Self.berlin)
        #expect(Self.parsed("1 month ago", in: context).map { Self.local($0.date, in: Self.berlin) } == "2026-02-28 09:00:00")
        let leap = Self.makeContext("2028-02-29 10:00:00", in: Self.berlin)
        #expect(Self.parsed("1 year ago", in: leap).map { Self.local($0.date, in: Self.berlin) } == "2027-02-28 09:00:00")
    }

    // MARK: Invalid dates throw

    /// (text, reason)
    static let invalid: [(String, String)] = [
        ("2019-02-29", "February 2019 has 28 days"),
        ("2026-02-30", "February 2026 has 28 days"),
        ("2026-11-31", "November 2026 has 30 days"),
        ("2026-13-01", "there is no month 13; months run 1-12"),
        ("2026-00-10", "there is no month 0; months run 1-12"),
        ("2026-11-00", "there is no day 0; days of the month start at 1"),
        ("0000-01-01", "there is no year 0"),
        ("feb 30", "February has at most 29 days"),
        ("31 april 2025", "April 2025 has 30 days"),
        ("april 31", "April has 30 days"),
        ("dec 32", "December has 31 days"),
        ("25:00", "hour 25 does not exist; hours run 0-23"),
        ("24:00", "hour 24 does not exist; hours run 0-23"),
        ("13pm", "hour 13 does not exist with pm; use 1-12 with am/pm, or 0-23 without"),
        ("0am", "hour 0 does not exist with am; use 1-12 with am/pm, or 0-23 without"),
        ("15:42 pm", "hour 15 does not exist with pm; use 1-12 with am/pm, or 0-23 without"),
        ("10:61", "minute 61 does not exist; minutes run 0-59"),
        ("2026-11-02 15:42:60", "second 60 does not exist; seconds run 0-59"),
        ("yesterday 25:00", "hour 25 does not exist; hours run 0-23"),
        ("2019-02-29 10:00", "February 2019 has 28 days"),
        ("2026-11-02T15:42:00+24:00", "UTC offset hours run 0-23 and minutes 0-59"),
        ("999999 days ago", "that is before year 1"),
    ]

    @Test("invalid dates throw with a plain reason", arguments: invalid)
    func invalidDates(text: String, reason: String) {
        #expect(throws: PLNError.invalidDate(text, reason: reason)) {
            try DateParser.parse(text, in: Self.context)
        }
    }

    @Test("the error quotes the text trimmed but otherwise as typed")
    func errorQuotesText() {
        #expect(throws: PLNError.invalidDate("Feb 30", reason: "February has at most 29 days")) {
            try DateParser.parse("  Feb 30 ", in: Self.context)
        }
    }

    // MARK: Not dates

    static let notDates = [
        "", "   ", "Note", "Tried it", "Re", "TODO", "https", "3", "42", "march", "the 3 days ago",
        "hello world", "at", "last", "last week", "yesterday hello", "3 days", "days ago", "a", "ago",
        "may I ask", "15:4", "2026-11", "20261102", "2026-11-02x", "2026/11/02", "march 2025",
        "dec 25 10", "3 pm tomorrow maybe", "at 3", "1234567 days ago", "fri day", "noon noon",
        "15:42+01:00", "yesterday 15:42Z", "now now", "right now", "3 weeks", "11-02",
    ]

    @Test("text that is not a date expression is nil", arguments: notDates)
    func notADate(text: String) throws {
        #expect(try DateParser.parse(text, in: Self.context) == nil)
    }

    // MARK: DST

    @Test("a spring-forward day is 23 hours and times on it are local")
    func springForward() throws {
        let zone = Self.newYork
        let onTheDay = Self.makeContext("2026-03-08 12:00:00", in: zone)
        let today = try #require(Self.parsed("today", in: onTheDay))
        #expect(today.day.duration == 23 * 3600)
        #expect(Self.local(today.day.start, in: zone) == "2026-03-08 00:00:00")
        #expect(Self.local(today.day.end, in: zone) == "2026-03-09 00:00:00")
        let midnight = try #require(Self.parsed("midnight", in: onTheDay))
        #expect(Self.local(midnight.date, in: zone) == "2026-03-08 00:00:00")
        let threeAM = try #require(Self.parsed("3am", in: onTheDay))
        #expect(Self.local(threeAM.date, in: zone) == "2026-03-08 03:00:00")
        #expect(threeAM.date.timeIntervalSince(midnight.date) == 2 * 3600)
        // 02:30 does not exist that night; it is read as 03:30 EDT, as Timestamp does.
        let inGap = try #require(Self.parsed("2:30am", in: onTheDay))
        #expect(Self.local(inGap.date, in: zone) == "2026-03-08 03:30:00")
        #expect(inGap.date == Timestamp(iso8601: "2026-03-08 02:30", assumingZone: zone)?.date)

        let dayAfter = Self.makeContext("2026-03-09 10:00:00", in: zone)
        let yesterday = try #require(Self.parsed("yesterday", in: dayAfter))
        #expect(Self.local(yesterday.date, in: zone) == "2026-03-08 09:00:00")
        #expect(yesterday.day.duration == 23 * 3600)
        let yesterdayNine = try #require(Self.parsed("yesterday 9am", in: dayAfter))
        #expect(Self.local(yesterdayNine.date, in: zone) == "2026-03-08 09:00:00")
        let yesterdayOne = try #require(Self.parsed("yesterday 1am", in: dayAfter))
        #expect(Self.local(yesterdayOne.date, in: zone) == "2026-03-08 01:00:00")
        let sunday = try #require(Self.parsed("sunday", in: dayAfter))
        #expect(Self.local(sunday.date, in: zone) == "2026-03-08 09:00:00")
        let twoDays = try #require(Self.parsed("2 days ago", in: dayAfter))
        #expect(Self.local(twoDays.date, in: zone) == "2026-03-07 09:00:00")
        #expect(twoDays.day.duration == 24 * 3600)
        // Elapsed hours are real seconds: 30 h before 10:00 EDT crosses the lost hour.
        let elapsed = try #require(Self.parsed("30 hours ago", in: dayAfter))
        #expect(Self.local(elapsed.date, in: zone) == "2026-03-08 04:00:00")
    }

    @Test("a fall-back day is 25 hours")
    func fallBack() throws {
        let zone = Self.newYork
        let dayAfter = Self.makeContext("2026-11-02 10:00:00", in: zone)
        let yesterday = try #require(Self.parsed("yesterday", in: dayAfter))
        #expect(yesterday.day.duration == 25 * 3600)
        #expect(Self.local(yesterday.date, in: zone) == "2026-11-01 09:00:00")
        let afternoon = try #require(Self.parsed("yesterday 3pm", in: dayAfter))
        #expect(Self.local(afternoon.date, in: zone) == "2026-11-01 15:00:00")
        let earlier = try #require(Self.parsed("3 days ago", in: dayAfter))
        #expect(Self.local(earlier.date, in: zone) == "2026-10-30 09:00:00")
        let week = try #require(Self.parsed("a week ago 9am", in: dayAfter))
        #expect(Self.local(week.date, in: zone) == "2026-10-26 09:00:00")
        // One hour of wall-clock difference plus the hour repeated at fall-back.
        #expect(dayAfter.now.timeIntervalSince(week.date) == 7 * 86_400 + 2 * 3600)
    }

    // MARK: splitPrefix

    @Test("an ISO date-time prefix splits at the colon followed by a space")
    func splitISOPrefix() throws {
        let split = DateParser.splitPrefix("2026-11-02 15:42: text", in: Self.context)
        let date = try #require(split.date)
        #expect(Self.local(date.date, in: Self.berlin) == "2026-11-02 15:42:00")
        #expect(date.hasTime)
        #expect(split.body == "text")
        #expect(split.warning == nil)
    }

    /// (line, expected local date-time or nil, body)
    static let splits: [(String, String?, String)] = [
        ("yesterday: text", "2026-11-28 09:00:00", "text"),
        ("yesterday 3pm: tried X", "2026-11-28 15:00:00", "tried X"),
        ("last friday at 9:30pm: went: well", "2026-11-27 21:30:00", "went: well"),
        ("15:42: standup", "2026-11-29 15:42:00", "standup"),
        ("today:", "2026-11-29 14:30:00", ""),
        ("  dec 25 :   gifts  ", "2025-12-25 09:00:00", "gifts  "),
        ("Note: text", nil, "Note: text"),
        ("no prefix at all", nil, "no prefix at all"),
        ("Meeting at 15:42 went well", nil, "Meeting at 15:42 went well"),
        ("https://example.com: link", nil, "https://example.com: link"),
        ("Re: yesterday: x", nil, "Re: yesterday: x"),
        (": text", nil, ": text"),
        ("", nil, ""),
        ("yesterday" + String(repeating: " ", count: 60) + ": too far", nil,
         "yesterday" + String(repeating: " ", count: 60) + ": too far"),
    ]

    @Test("splitPrefix takes the first colon whose prefix is a date", arguments: splits)
    func splitPrefix(line: String, expected: String?, body: String) {
        let split = DateParser.splitPrefix(line, in: Self.context)
        #expect(split.date.map { Self.local($0.date, in: Self.berlin) } == expected)
        #expect(split.body == body)
        #expect(split.warning == nil)
    }

    @Test("an invalid date prefix keeps the line and warns")
    func splitInvalidPrefix() {
        let split = DateParser.splitPrefix("2019-02-29: text", in: Self.context)
        #expect(split.date == nil)
        #expect(split.body == "2019-02-29: text")
        #expect(split.warning == "invalid date '2019-02-29' (February 2019 has 28 days); kept the line as text")

        let time = DateParser.splitPrefix("yesterday 25:00: late", in: Self.context)
        #expect(time.date == nil)
        #expect(time.body == "yesterday 25:00: late")
        #expect(time.warning == "invalid date 'yesterday 25:00' (hour 25 does not exist; hours run 0-23); kept the line as text")
    }

    @Test("only the first candidate prefix can raise a warning")
    func laterInvalidCandidateIsSilent() {
        let split = DateParser.splitPrefix("Note: 2019-02-29: text", in: Self.context)
        #expect(split.date == nil)
        #expect(split.body == "Note: 2019-02-29: text")
        #expect(split.warning == nil)
    }
}
