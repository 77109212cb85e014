import Foundation

/// How an entry stores its time: a Unix instant plus the UTC offset in force where it was captured.
///
/// Keeping the offset (not a zone name) lets an entry written in Tokyo still show "09:12+09:00"
/// after its author flies home, and keeps exports reproducible. All formatting and parsing here is
/// hand-written integer arithmetic on the proleptic Gregorian calendar (days-from-civil and
/// civil-from-days) instead of `DateFormatter`/`ISO8601DateFormatter`: export formats hundreds of
/// thousands of entries per second, and the formatters are both slow and locale-sensitive.
package struct Timestamp: Sendable, Equatable, Hashable {
    /// Unix time in whole seconds.
    package var seconds: Int64
    /// Seconds east of UTC that were in force where and when the entry was captured.
    package var utcOffset: Int

    package init(seconds: Int64, utcOffset: Int) {
        self.seconds = seconds
        self.utcOffset = utcOffset
    }

    /// Captures `date` with the offset `timeZone` has at that instant.
    ///
    /// Sub-second parts are truncated toward negative infinity so that an instant never moves into
    /// the next second (and so a pre-1970 instant still lands in the second that contains it).
    package init(date: Date, timeZone: TimeZone) {
        let interval = date.timeIntervalSince1970.rounded(.down)
        if interval >= 9.2e18 {
            seconds = .max
        } else if interval <= -9.2e18 {
            seconds = .min
        } else {
            seconds = Int64(interval)
        }
        utcOffset = timeZone.secondsFromGMT(for: date)
    }

    /// The instant as a Foundation date.
    package var date: Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// ISO 8601 local time with the stored offset, e.g. "2026-11-02T15:42:00+01:00".
    ///
    /// Always a numeric offset ("+00:00" for UTC, never "Z") so every stored line has the same
    /// shape. Historic offsets with a seconds part (local mean time, e.g. +00:19:32) are written as
    /// "+00:19:32" so the value round-trips exactly; `init?(iso8601:assumingZone:)` accepts it.
    package var iso8601: String {
        String(unsafeUninitializedCapacity: Self.iso8601Capacity) { writeISO8601(into: $0) }
    }

    /// `iso8601`'s bytes, lent to `body` from a buffer on the stack: no String is made (a Lua
    /// loop pushes every entry's date straight onto Lua's stack).
    package func withISO8601Bytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var storage: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &storage) { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            body(UnsafeBufferPointer(rebasing: buffer[..<writeISO8601(into: buffer)]))
        }
    }

    /// Room for the longest `iso8601` (37 bytes: a signed year of 12 digits, which is as far as
    /// Int64 seconds go, and an offset with seconds); `withISO8601Bytes` has as many on its stack.
    private static let iso8601Capacity = 64

    /// Writes `iso8601` at the start of `buffer`; returns its length.
    private func writeISO8601(into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let local = Self.localFields(seconds: seconds, offset: utcOffset)
        var writer = AsciiWriter(buffer: buffer)
        writer.writeDate(year: local.year, month: local.month, day: local.day)
        writer.byte(UInt8(ascii: "T"))
        writer.writeTime(local.secondOfDay, withSeconds: true)
        writer.writeOffset(utcOffset)
        return writer.count
    }

    /// Parses the ISO 8601 forms pln writes and reads back.
    ///
    /// Accepted: "2026-11-02T15:42:00+01:00", "…Z", "…+0100", optional fractional seconds (dropped),
    /// and "2026-11-02T15:42:00" / "2026-11-02 15:42" without an offset, which are read as wall-clock
    /// time in `assumingZone` (the first occurrence when a DST fall-back repeats the hour; a time in
    /// a spring-forward gap is read with the offset before the gap, so 02:30 becomes 03:30).
    /// Returns nil for anything else, including calendar dates that do not exist (2019-02-29).
    package init?(iso8601 text: String, assumingZone: TimeZone) {
        var text = text
        let parsed: (local: Int64, offset: Int?)? = text.withUTF8 { Self.scanISO8601($0) }
        guard let parsed else { return nil }
        if let offset = parsed.offset {
            seconds = parsed.local - Int64(offset)
            utcOffset = offset
        } else {
            seconds = Self.instant(ofLocalSeconds: parsed.local, in: assumingZone)
            utcOffset = assumingZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }

    /// Local wall-clock text in `zone`, e.g. "2026-11-02 15:42".
    package func localText(in zone: TimeZone) -> String {
        let local = Self.localFields(seconds: seconds, offset: zone.secondsFromGMT(for: date))
        return String(unsafeUninitializedCapacity: 40) { buffer in
            var writer = AsciiWriter(buffer: buffer)
            writer.writeDate(year: local.year, month: local.month, day: local.day)
            writer.byte(UInt8(ascii: " "))
            writer.writeTime(local.secondOfDay, withSeconds: false)
            return writer.count
        }
    }

    /// Local date only in `zone`, e.g. "2026-11-02".
    package func localDay(in zone: TimeZone) -> String {
        let local = Self.localFields(seconds: seconds, offset: zone.secondsFromGMT(for: date))
        return String(unsafeUninitializedCapacity: 32) { buffer in
            var writer = AsciiWriter(buffer: buffer)
            writer.writeDate(year: local.year, month: local.month, day: local.day)
            return writer.count
        }
    }
}

// MARK: - Civil calendar arithmetic

extension Timestamp {
    /// Days since 1970-01-01 of a proleptic Gregorian date (month 1-12; day may be any value).
    ///
    /// Shifts the year to start in March so the leap day is the last day of the shifted year, then
    /// counts whole 400-year eras (146097 days each) plus the days into the era.
    static func daysFromCivil(year: Int64, month: Int, day: Int) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = floorDivide(shiftedYear, 400)
        let yearOfEra = shiftedYear - era * 400                          // 0...399
        let monthFromMarch = Int64((month + 9) % 12)                     // March = 0
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1  // 0...365
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468                        // 719468 = 0000-03-01 .. 1970-01-01
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01; the inverse of `daysFromCivil`.
    static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int, day: Int) {
        let shifted = days + 719_468
        let era = floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097                                   // 0...146096
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153                           // 0...11
        let day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        let month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    /// Whether `year` is a Gregorian leap year.
    static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Number of days in `month` (1-12) of `year`.
    static func daysInMonth(year: Int64, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Day of the week of a day count since 1970-01-01: 0 = Sunday ... 6 = Saturday.
    static func weekday(ofDays days: Int64) -> Int {
        Int(floorModulo(days + 4, 7))  // 1970-01-01 was a Thursday
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        let quotient = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? quotient - 1 : quotient
    }

    static func floorModulo(_ a: Int64, _ b: Int64) -> Int64 {
        let remainder = a % b
        return (remainder != 0 && (remainder < 0) != (b < 0)) ? remainder + b : remainder
    }

    /// Splits an instant shifted by `offset` into a civil date and the second of that day.
    ///
    /// Works on the day and second-of-day separately so that no intermediate sum can overflow, even
    /// for `Int64.max` seconds.
    private static func localFields(seconds: Int64, offset: Int) -> (year: Int64, month: Int, day: Int, secondOfDay: Int) {
        var days = floorDivide(seconds, 86_400)
        let secondOfDay = floorModulo(seconds, 86_400) + Int64(offset)
        days += floorDivide(secondOfDay, 86_400)
        let civil = civilFromDays(days)
        return (civil.year, civil.month, civil.day, Int(floorModulo(secondOfDay, 86_400)))
    }

    /// The instant whose wall-clock time in `zone` is `local` (seconds since 1970 as if UTC).
    ///
    /// Takes the zone's offsets a day before and a day after and keeps whichever reproduces the
    /// wall-clock time. In a DST overlap both do and the earlier instant wins; in a spring-forward
    /// gap neither does and the offset from before the gap is used, which moves 02:30 to 03:30.
    private static func instant(ofLocalSeconds local: Int64, in zone: TimeZone) -> Int64 {
        func offset(at instant: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(instant))))
        }
        let before = offset(at: local - 86_400)
        let after = offset(at: local + 86_400)
        let early = local - before
        if before == after { return early }
        let late = local - after
        switch (offset(at: early) == before, offset(at: late) == after) {
        case (true, true): return min(early, late)
        case (false, true): return late
        default: return early
        }
    }

    /// Reads "YYYY-MM-DD(T| )HH:MM[:SS[.fff]][Z|±HH[:]MM[:SS]]" from UTF-8 bytes.
    ///
    /// Returns the wall-clock time as seconds since 1970 (as if UTC) and the explicit offset, if any.
    private static func scanISO8601(_ bytes: UnsafeBufferPointer<UInt8>) -> (local: Int64, offset: Int?)? {
        var scanner = AsciiScanner(bytes: bytes)
        guard let year = scanner.digits(4), scanner.skip("-"),
              let month = scanner.digits(2), scanner.skip("-"),
              let day = scanner.digits(2) else { return nil }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") else { return nil }
        guard let hour = scanner.digits(2), scanner.skip(":"), let minute = scanner.digits(2) else { return nil }
        var second = 0
        if scanner.skip(":") {
            guard let value = scanner.digits(2) else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                guard scanner.skipDigits() > 0 else { return nil }
            }
        }
        var offset: Int?
        if scanner.skip("Z") || scanner.skip("z") {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.digits(2) else { return nil }
            let colon = scanner.skip(":")
            guard let minutes = scanner.digits(2) else { return nil }
            var offsetSeconds = 0
            if colon, scanner.skip(":") {
                guard let value = scanner.digits(2) else { return nil }
                offsetSeconds = value
            }
            guard hours <= 23, minutes <= 59, offsetSeconds <= 59 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60 + offsetSeconds)
        }
        guard scanner.atEnd else { return nil }
        guard (1...12).contains(month), day >= 1, day <= daysInMonth(year: Int64(year), month: month),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        let days = daysFromCivil(year: Int64(year), month: month, day: day)
        return (days * 86_400 + Int64(hour * 3600 + minute * 60 + second), offset)
    }
}

// MARK: - Byte-level helpers

/// Forward-only reader over ASCII bytes for the ISO 8601 scanner.
private struct AsciiScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0

    var atEnd: Bool { index == bytes.count }

    /// Reads exactly `count` decimal digits.
    mutating func digits(_ count: Int) -> Int? {
        guard bytes.count - index >= count else { return nil }
        var value = 0
        for offset in 0..<count {
            let byte = bytes[index + offset]
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += count
        return value
    }

    /// Skips any run of digits and returns how many there were.
    mutating func skipDigits() -> Int {
        let start = index
        while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { index += 1 }
        return index - start
    }

    mutating func skip(_ ascii: Unicode.Scalar) -> Bool {
        guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
        index += 1
        return true
    }

    /// Reads "+" or "-" as 1 or -1.
    mutating func sign() -> Int? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}

/// Appends ASCII into a preallocated string buffer.
private struct AsciiWriter {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0

    mutating func byte(_ value: UInt8) {
        buffer[count] = value
        count += 1
    }

    /// Writes `value` (non-negative) with at least `width` digits, zero-padded.
    mutating func number(_ value: Int64, width: Int) {
        var digits = 0
        var rest = value
        repeat { digits += 1; rest /= 10 } while rest > 0
        let total = max(digits, width)
        rest = value
        for position in stride(from: count + total - 1, through: count, by: -1) {
            buffer[position] = UInt8(48 + rest % 10)
            rest /= 10
        }
        count += total
    }

    /// "YYYY-MM-DD"; years outside 0...9999 get a sign and as many digits as needed.
    mutating func writeDate(year: Int64, month: Int, day: Int) {
        if year < 0 {
            byte(UInt8(ascii: "-"))
            number(0 - year, width: 4)
        } else {
            if year > 9999 { byte(UInt8(ascii: "+")) }
            number(year, width: 4)
        }
        byte(UInt8(ascii: "-"))
        number(Int64(month), width: 2)
        byte(UInt8(ascii: "-"))
        number(Int64(day), width: 2)
    }

    /// "HH:MM" or "HH:MM:SS" from a second of the day.
    mutating func writeTime(_ secondOfDay: Int, withSeconds: Bool) {
        number(Int64(secondOfDay / 3600), width: 2)
        byte(UInt8(ascii: ":"))
        number(Int64(secondOfDay / 60 % 60), width: 2)
        if withSeconds {
            byte(UInt8(ascii: ":"))
            number(Int64(secondOfDay % 60), width: 2)
        }
    }

    /// "+HH:MM", or "+HH:MM:SS" when the offset is not a whole number of minutes.
    mutating func writeOffset(_ offset: Int) {
        byte(UInt8(ascii: offset < 0 ? "-" : "+"))
        let magnitude = Int64(clamping: offset.magnitude)
        number(magnitude / 3600, width: 2)
        byte(UInt8(ascii: ":"))
        number(magnitude / 60 % 60, width: 2)
        if magnitude % 60 != 0 {
            byte(UInt8(ascii: ":"))
            number(magnitude % 60, width: 2)
        }
    }
}
