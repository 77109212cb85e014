import Foundation
import Testing
@testable import PLNCore

/// Round trips and exact text of `Timestamp`'s hand-written ISO 8601 arithmetic.
///
/// Foundation's calendar serves as the oracle for dates from 1583 on (before that it switches to
/// the Julian calendar, while `Timestamp` is proleptic Gregorian, so earlier dates are pinned to
/// known constants instead).
@Suite("Timestamp")
struct TimestampTests {
    static let berlin = TimeZone(identifier: "Europe/Berlin")!
    static let newYork = TimeZone(identifier: "America/New_York")!
    static let tokyo = TimeZone(identifier: "Asia/Tokyo")!
    static let utc = TimeZone(secondsFromGMT: 0)!

    /// "yyyy-MM-ddTHH:mm:ss" of `seconds` shifted by `offset`, computed by Foundation.
    static func oracle(seconds: Int64, offset: Int) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: offset)!
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ value: Int, _ width: Int) -> String {
            String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
        }
        return "\(pad(c.year!, 4))-\(pad(c.month!, 2))-\(pad(c.day!, 2))T\(pad(c.hour!, 2)):\(pad(c.minute!, 2)):\(pad(c.second!, 2))"
    }

    static let instants: [Int64] = [
        0, -1, 1, 86_399, 86_400, -86_400, -86_401,
        951_782_400,      // 2000-02-29 00:00:00Z
        1_709_208_000,    // 2024-02-29 12:00:00Z
        1_793_630_520,    // 2026-11-02 14:42:00Z
        -616_852_800,     // 1950-06-15 12:00:00Z
        -2_203_977_600,   // 1900-02-28 (1900 is not a leap year)
        -2_208_988_800,   // 1900-01-01
        4_107_542_399,    // 2100-02-28 23:59:59Z
        -11_644_473_600,  // 1601-01-01
        253_402_300_799,  // 9999-12-31 23:59:59Z
    ]

    static let offsets: [Int] = [0, 3600, -18_000, 19_800, -12_600, 20_700, 45_900, 50_400, -36_000, -43_200]

    @Test("iso8601 matches Foundation and parses back to the same value", arguments: instants, offsets)
    func roundTrip(seconds: Int64, offset: Int) throws {
        let stamp = Timestamp(seconds: seconds, utcOffset: offset)
        let text = stamp.iso8601
        guard seconds + Int64(offset) < 253_402_300_800 else {
            #expect(text.hasPrefix("+10000-01-01T"))  // past 9999: written, but not a form pln reads
            return
        }
        #expect(text.hasPrefix(Self.oracle(seconds: seconds, offset: offset)))
        #expect(text.count == 25)
        let parsed = try #require(Timestamp(iso8601: text, assumingZone: Self.berlin))
        #expect(parsed == stamp)
    }

    /// (seconds, offset, text)
    static let exact: [(Int64, Int, String)] = [
        (0, 0, "1970-01-01T00:00:00+00:00"),
        (-1, 0, "1969-12-31T23:59:59+00:00"),
        (1_793_630_520, 3600, "2026-11-02T15:42:00+01:00"),
        (1_793_630_520, 19_800, "2026-11-02T20:12:00+05:30"),
        (1_793_630_520, -12_600, "2026-11-02T11:12:00-03:30"),
        (1_793_630_520, -36_000, "2026-11-02T04:42:00-10:00"),
        (1_709_208_000, 0, "2024-02-29T12:00:00+00:00"),
        (951_782_400, -3600, "2000-02-28T23:00:00-01:00"),
        (-616_852_800, -12_600, "1950-06-15T08:30:00-03:30"),
        (-62_135_596_800, 0, "0001-01-01T00:00:00+00:00"),
        (-62_135_596_801, 0, "0000-12-31T23:59:59+00:00"),
        (-12_219_292_800, 0, "1582-10-15T00:00:00+00:00"),
        (-12_219_292_801, 0, "1582-10-14T23:59:59+00:00"),  // proleptic, not Julian
        (253_402_300_799, 0, "9999-12-31T23:59:59+00:00"),
        (1_793_630_520, 1172, "2026-11-02T15:01:32+00:19:32"),  // local mean time keeps its seconds
    ]

    @Test("iso8601 writes the exact text", arguments: exact)
    func exactText(seconds: Int64, offset: Int, text: String) throws {
        let stamp = Timestamp(seconds: seconds, utcOffset: offset)
        #expect(stamp.iso8601 == text)
        #expect(Self.lentText(stamp) == text)
        #expect(Timestamp(iso8601: text, assumingZone: Self.utc) == stamp)
    }

    /// The text `withISO8601Bytes` lends.
    static func lentText(_ stamp: Timestamp) -> String {
        var text = ""
        stamp.withISO8601Bytes { text = String(decoding: $0, as: UTF8.self) }
        return text
    }

    @Test("years beyond four digits are signed and do not crash")
    func extremeYears() {
        #expect(Timestamp(seconds: 253_402_300_800, utcOffset: 0).iso8601 == "+10000-01-01T00:00:00+00:00")
        #expect(Timestamp(seconds: -62_167_219_201, utcOffset: 0).iso8601 == "-0001-12-31T23:59:59+00:00")
        #expect(!Timestamp(seconds: .max, utcOffset: 50_400).iso8601.isEmpty)
        #expect(!Timestamp(seconds: .min, utcOffset: -43_200).iso8601.isEmpty)
        // The longest texts fit the stack buffer `withISO8601Bytes` writes them in.
        for stamp in [Timestamp(seconds: .max, utcOffset: 50_400), Timestamp(seconds: .min, utcOffset: -43_201)] {
            #expect(Self.lentText(stamp) == stamp.iso8601)
        }
    }

    /// (text, seconds, offset) for forms with an explicit offset or "Z".
    static let parses: [(String, Int64, Int)] = [
        ("2026-11-02T15:42:00+01:00", 1_793_630_520, 3600),
        ("2026-11-02T14:42:00Z", 1_793_630_520, 0),
        ("2026-11-02T14:42:00z", 1_793_630_520, 0),
        ("2026-11-02t14:42:00Z", 1_793_630_520, 0),
        ("2026-11-02T14:42:00.999Z", 1_793_630_520, 0),
        ("2026-11-02T15:42:00.5+01:00", 1_793_630_520, 3600),
        ("2026-11-02T15:42:00,25+01:00", 1_793_630_520, 3600),
        ("2026-11-02T15:42:00+0100", 1_793_630_520, 3600),
        ("2026-11-02T15:42+01:00", 1_793_630_520, 3600),
        ("2026-11-02 15:42:00+01:00", 1_793_630_520, 3600),
        ("2026-11-02T20:12:00+05:30", 1_793_630_520, 19_800),
        ("2026-11-02T11:12:00-03:30", 1_793_630_520, -12_600),
        ("1969-12-31T23:59:59+00:00", -1, 0),
        ("1950-06-15T08:30:00-03:30", -616_852_800, -12_600),
        ("2024-02-29T12:00:00+00:00", 1_709_208_000, 0),
        ("2000-02-29T00:00:00Z", 951_782_400, 0),
    ]

    @Test("parses offsets, Z and fractional seconds", arguments: parses)
    func parsesWithOffset(text: String, seconds: Int64, offset: Int) {
        #expect(Timestamp(iso8601: text, assumingZone: Self.tokyo) == Timestamp(seconds: seconds, utcOffset: offset))
    }

    /// (text, zone, seconds, offset) for forms without an offset.
    static let zoneless: [(String, TimeZone, Int64, Int)] = [
        ("2026-11-02T15:42:00", berlin, 1_793_630_520, 3600),
        ("2026-11-02 15:42", berlin, 1_793_630_520, 3600),
        ("2026-11-02 09:42", newYork, 1_793_630_520, -18_000),
        ("2026-11-02T23:42:00", tokyo, 1_793_630_520, 32_400),
        ("2026-07-02 16:42", berlin, 1_783_003_320, 7200),
        // Spring-forward gap: 02:30 does not exist, read as 03:30 EDT.
        ("2026-03-08 02:30", newYork, 1_772_955_000, -14_400),
        // Fall-back overlap: 01:30 happens twice, the first (EDT) is taken.
        ("2026-11-01 01:30", newYork, 1_793_511_000, -14_400),
        ("2026-11-01 02:30", newYork, 1_793_518_200, -18_000),
    ]

    @Test("text without an offset is read in the assumed zone", arguments: zoneless)
    func parsesInZone(text: String, zone: TimeZone, seconds: Int64, offset: Int) {
        #expect(Timestamp(iso8601: text, assumingZone: zone) == Timestamp(seconds: seconds, utcOffset: offset))
    }

    static let rejected = [
        "", "2026-11-02", "2026-11-02T", "2026-11-02T15", "2026-11-02T15:4", "2026-11-02T15:42:0",
        "26-11-02T15:42", "2026-1-02T15:42", "2026/11/02T15:42", "2026-11-02X15:42", " 2026-11-02T15:42",
        "2026-11-02T15:42 ", "2026-11-02T15:42:00+01:00x", "2026-11-02T15:42:00.", "2026-11-02T15:42.5",
        "2026-11-02T15:42:00+1", "2026-11-02T15:42:00+01:0", "2026-11-02T15:42:00+24:00", "2026-11-02T15:42:00+01:60",
        "2026-13-02T15:42", "2026-00-02T15:42", "2026-11-00T15:42", "2026-11-31T15:42", "2019-02-29T12:00",
        "1900-02-29T12:00:00Z", "2026-11-02T24:00", "2026-11-02T12:60", "2026-11-02T12:00:60Z", "now",
        "２０２６-11-02T15:42",
    ]

    @Test("anything else is nil", arguments: rejected)
    func rejectsMalformed(text: String) {
        #expect(Timestamp(iso8601: text, assumingZone: Self.utc) == nil)
    }

    @Test("init(date:timeZone:) truncates toward negative infinity and takes the zone's offset")
    func fromDate() {
        #expect(Timestamp(date: Date(timeIntervalSince1970: 1.9), timeZone: Self.utc) == Timestamp(seconds: 1, utcOffset: 0))
        #expect(Timestamp(date: Date(timeIntervalSince1970: -0.5), timeZone: Self.utc) == Timestamp(seconds: -1, utcOffset: 0))
        let winter = Timestamp(date: Date(timeIntervalSince1970: 1_793_630_520.25), timeZone: Self.berlin)
        #expect(winter == Timestamp(seconds: 1_793_630_520, utcOffset: 3600))
        let summer = Timestamp(date: Date(timeIntervalSince1970: 1_783_003_320), timeZone: Self.berlin)
        #expect(summer.utcOffset == 7200)
        #expect(summer.iso8601 == "2026-07-02T16:42:00+02:00")
        #expect(winter.date == Date(timeIntervalSince1970: 1_793_630_520))
    }

    @Test("localText and localDay show the wall clock in the given zone")
    func localText() {
        let stamp = Timestamp(seconds: 1_793_630_520, utcOffset: 0)  // 2026-11-02 14:42Z
        #expect(stamp.localText(in: Self.berlin) == "2026-11-02 15:42")
        #expect(stamp.localText(in: Self.newYork) == "2026-11-02 09:42")
        #expect(stamp.localDay(in: Self.berlin) == "2026-11-02")
        let late = Timestamp(seconds: 1_793_662_200, utcOffset: 0)  // 2026-11-02 23:30Z
        #expect(late.localText(in: Self.tokyo) == "2026-11-03 08:30")
        #expect(late.localDay(in: Self.tokyo) == "2026-11-03")
        #expect(late.localDay(in: Self.newYork) == "2026-11-02")
        let old = Timestamp(seconds: -1, utcOffset: 0)
        #expect(old.localText(in: Self.utc) == "1969-12-31 23:59")
        #expect(old.localDay(in: TimeZone(secondsFromGMT: 3600)!) == "1970-01-01")
    }

    @Test("equal instants with different offsets are different timestamps")
    func hashable() {
        let a = Timestamp(seconds: 1_793_630_520, utcOffset: 0)
        let b = Timestamp(seconds: 1_793_630_520, utcOffset: 3600)
        #expect(a != b)
        #expect(Set([a, b, a]).count == 2)
        #expect(a.date == b.date)
    }

    @Test("civil arithmetic agrees with itself over four centuries of days")
    func civilRoundTrip() {
        var previous = Timestamp.civilFromDays(-146_098)
        for days in Int64(-146_097)...146_097 {
            let civil = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(year: civil.year, month: civil.month, day: civil.day) == days)
            // Each day follows the previous one.
            if civil.day == 1 {
                #expect(previous.day == Timestamp.daysInMonth(year: previous.year, month: previous.month))
            } else {
                #expect(civil.day == previous.day + 1 && civil.month == previous.month)
            }
            previous = civil
        }
        #expect(Timestamp.weekday(ofDays: 0) == 4)  // Thursday
        #expect(Timestamp.weekday(ofDays: -1) == 3)
        #expect(Timestamp.weekday(ofDays: Timestamp.daysFromCivil(year: 2026, month: 11, day: 29)) == 0)
    }
}
