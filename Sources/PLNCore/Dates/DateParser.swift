import Foundation

/// Reads the natural-language date expressions users type in front of entries ("yesterday 3pm").
///
/// Parsing runs for every entry typed, so it is a hand-written tokenizer plus a small recursive-descent
/// grammar: no `DateFormatter`, no regex, and no `Calendar` work until the text is known to be a
/// date expression. It works in two stages. The grammar stage only checks shape and returns nil for
/// text that is not a date expression at all ("Note"). The resolve stage then checks the numbers
/// and throws `PLNError.invalidDate` for something shaped like a date that does not exist
/// ("2019-02-29", "25:00"), because silently rolling it over to another day would misfile the entry.
///
/// Time defaults follow jrnl's convention: a day named without a time of day is today's current
/// instant when it is today, and 09:00 local time on any other day (a neutral "morning" that sorts
/// before most entries written later that day). Every instant is built from local date components
/// with `context.calendar`, never by adding multiples of 86400 seconds, so DST days (23 or 25
/// hours long) come out right; `N hours/minutes/seconds ago` is elapsed time and subtracts seconds.
package enum DateParser {
    /// Parses a whole string as a date expression (case-insensitive, surrounding/multiple spaces ok).
    ///
    /// Returns nil when the text is not a date expression at all ("Note", "hello world"), and throws
    /// `PLNError.invalidDate` when it has the shape of a date but is not a real one ("2019-02-29",
    /// "2026-13-01", "2026-11-31", "25:00", "feb 30"), so that typos surface instead of misfiling.
    package static func parse(_ text: String, in context: DateContext) throws(PLNError) -> ParsedDate? {
        let lowered = text.lowercased()
        var grammar = Grammar(tokens: lowered.split(whereSeparator: isSeparator))
        guard let expression = grammar.expression() else { return nil }
        let original = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return try Resolver(context: context, text: original).resolve(expression)
    }

    /// Splits a leading "DATE: " prefix off an entry line, e.g. "yesterday 3pm: tried X" -> (date, "tried X", nil).
    ///
    /// The prefix ends at a colon followed by whitespace or the end of the line. Each such colon in
    /// the first 60 characters is tried left to right and the first whose text before it parses wins,
    /// so the colon inside "15:42" in "2026-11-02 15:42: text" is skipped. When none parses the line
    /// is returned unchanged as the body. When the first candidate is shaped like a date but invalid,
    /// the line is also kept unchanged, with a warning so the user learns the date was not applied.
    package static func splitPrefix(_ line: String, in context: DateContext) -> (date: ParsedDate?, body: String, warning: String?) {
        var index = line.startIndex
        var position = 0
        var isFirstCandidate = true
        while index < line.endIndex, position < 60 {
            defer {
                index = line.index(after: index)
                position += 1
            }
            guard line[index] == ":" else { continue }
            let after = line.index(after: index)
            guard after == line.endIndex || line[after].isWhitespace else { continue }
            do {
                if let date = try parse(String(line[..<index]), in: context) {
                    let body = line[after...].drop(while: \.isWhitespace)
                    return (date, String(body), nil)
                }
            } catch {
                if isFirstCandidate, case .invalidDate(let text, let reason) = error {
                    return (nil, line, "invalid date '\(text)' (\(reason)); kept the line as text")
                }
            }
            isFirstCandidate = false
        }
        return (nil, line, nil)
    }

    private static func isSeparator(_ character: Character) -> Bool {
        character == "," || character.isWhitespace
    }
}

// MARK: - Grammar (shape only)

extension DateParser {
    fileprivate enum Meridiem {
        case am, pm
    }

    /// A time of day exactly as written; ranges are checked when resolving.
    fileprivate struct ClockTime {
        var hour: Int
        var minute = 0
        var second = 0
        var meridiem: Meridiem?
        /// Whether minutes were written ("6:00" yes, "6am" no); a lone number needs am/pm to be a time.
        var hasMinutes = false
        /// Explicit UTC offset (ISO forms only) as sign, hours, minutes.
        var offset: (sign: Int, hours: Int, minutes: Int)?
    }

    fileprivate enum Unit {
        case second, minute, hour, day, week, month, year

        /// Length in seconds of the units that mean elapsed time rather than calendar days.
        var exactSeconds: Int? {
            switch self {
            case .second: 1
            case .minute: 60
            case .hour: 3600
            case .day, .week, .month, .year: nil
            }
        }
    }

    /// A day as written, before checking that it exists.
    fileprivate enum DaySpec {
        /// today (0), yesterday (-1), tomorrow (1).
        case relative(Int)
        /// Weekday 0 = Sunday ... 6 = Saturday; "last" excludes today.
        case weekday(Int, strictlyBefore: Bool)
        /// "3 days ago", "2 months ago": whole calendar units back from today.
        case ago(Int, Unit)
        /// An explicit date; without a year it means the most recent one not in the future.
        case calendar(year: Int?, month: Int, day: Int)
    }

    fileprivate enum Expression {
        case now
        /// "2 hours ago": elapsed seconds back from now.
        case elapsed(seconds: Int)
        case day(DaySpec, ClockTime?)
        /// A time of day on today's date.
        case time(ClockTime)
    }

    /// Recognises the shape of a date expression in lowercased tokens; never looks at a calendar.
    fileprivate struct Grammar {
        let tokens: [Substring]
        var index = 0

        var atEnd: Bool { index == tokens.count }
        var current: Substring? { index < tokens.count ? tokens[index] : nil }

        mutating func skip(_ word: Substring) -> Bool {
            guard current == word else { return false }
            index += 1
            return true
        }

        mutating func expression() -> Expression? {
            guard !tokens.isEmpty else { return nil }
            if tokens.count == 1, tokens[0] == "now" { return .now }
            if case let (amount, unit)? = agoPhrase() {
                if let seconds = unit.exactSeconds {
                    return atEnd ? .elapsed(seconds: amount * seconds) : nil
                }
                return dayWithOptionalTime(.ago(amount, unit), allowOffset: false)
            }
            if case let (day, attached, isISO)? = dayPhrase() {
                if let attached { return atEnd ? .day(day, attached) : nil }
                return dayWithOptionalTime(day, allowOffset: isISO)
            }
            _ = skip("at")
            guard let time = timePhrase(allowOffset: false) else { return nil }
            if atEnd { return .time(time) }
            // "3pm yesterday": a time first, then a day without its own time.
            guard case let (day, attached, isISO)? = dayPhrase(), attached == nil, !isISO, atEnd else { return nil }
            return .day(day, time)
        }

        /// After a day: nothing, or an optional "at" and a time that ends the text.
        mutating func dayWithOptionalTime(_ day: DaySpec, allowOffset: Bool) -> Expression? {
            if atEnd { return .day(day, nil) }
            _ = skip("at")
            guard let time = timePhrase(allowOffset: allowOffset), atEnd else { return nil }
            return .day(day, time)
        }

        /// "3 days ago", "a week ago", "an hour ago".
        mutating func agoPhrase() -> (Int, Unit)? {
            guard index + 2 < tokens.count, tokens[index + 2] == "ago",
                  let unit = DateParser.units[tokens[index + 1]] else { return nil }
            let word = tokens[index]
            let amount: Int
            if word == "a" || word == "an" {
                amount = 1
            } else if let number = DateParser.number(word, maxDigits: 6) {
                amount = number
            } else {
                return nil
            }
            index += 3
            return (amount, unit)
        }

        /// A day: today/yesterday/tomorrow, [last] weekday, ISO date (maybe with "T" time), or
        /// day-month-year in either order. Returns the time attached to an ISO "T" token, if any,
        /// and whether the day was an ISO date (only those may be followed by a UTC offset).
        mutating func dayPhrase() -> (DaySpec, ClockTime?, Bool)? {
            guard let word = current else { return nil }
            let start = index
            switch word {
            case "today": index += 1; return (.relative(0), nil, false)
            case "yesterday": index += 1; return (.relative(-1), nil, false)
            case "tomorrow": index += 1; return (.relative(1), nil, false)
            case "last":
                guard index + 1 < tokens.count, let weekday = DateParser.weekdays[tokens[index + 1]] else { return nil }
                index += 2
                return (.weekday(weekday, strictlyBefore: true), nil, false)
            default: break
            }
            if let weekday = DateParser.weekdays[word] {
                index += 1
                return (.weekday(weekday, strictlyBefore: false), nil, false)
            }
            if let (day, time) = DateParser.isoDate(word) {
                index += 1
                return (day, time, true)
            }
            if let month = DateParser.months[word] {
                // "march 2 [2025]"
                index += 1
                if let current, let day = DateParser.dayOfMonth(current) {
                    index += 1
                    return (.calendar(year: yearToken(), month: month, day: day), nil, false)
                }
                index = start
                return nil
            }
            if let day = DateParser.dayOfMonth(word), index + 1 < tokens.count,
               let month = DateParser.months[tokens[index + 1]] {
                // "2 march [2025]"
                index += 2
                return (.calendar(year: yearToken(), month: month, day: day), nil, false)
            }
            return nil
        }

        /// An optional four-digit year.
        mutating func yearToken() -> Int? {
            guard let current, current.utf8.count == 4, let year = DateParser.number(current, maxDigits: 4) else { return nil }
            index += 1
            return year
        }

        /// "noon", "midnight", "6am", "9:30 pm", "15:42", "15:42:10" (and an offset when allowed).
        mutating func timePhrase(allowOffset: Bool) -> ClockTime? {
            guard let word = current else { return nil }
            if word == "noon" { index += 1; return ClockTime(hour: 12) }
            if word == "midnight" { index += 1; return ClockTime(hour: 0) }
            guard var time = DateParser.clockTime(word, allowOffset: allowOffset) else { return nil }
            let start = index
            index += 1
            if time.meridiem == nil, time.offset == nil, let next = current, let meridiem = DateParser.meridiems[next] {
                time.meridiem = meridiem
                index += 1
            }
            // A bare number ("3") is not a time; "3pm" and "3:00" are.
            guard time.hasMinutes || time.meridiem != nil else {
                index = start
                return nil
            }
            return time
        }
    }
}

// MARK: - Token readers

extension DateParser {
    fileprivate static let months: [Substring: Int] = [
        "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
        "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
        "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
        "december": 12, "dec": 12,
    ]

    fileprivate static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    fileprivate static let weekdays: [Substring: Int] = [
        "sunday": 0, "sun": 0, "monday": 1, "mon": 1, "tuesday": 2, "tue": 2, "tues": 2,
        "wednesday": 3, "wed": 3, "thursday": 4, "thu": 4, "thur": 4, "thurs": 4,
        "friday": 5, "fri": 5, "saturday": 6, "sat": 6,
    ]

    fileprivate static let units: [Substring: Unit] = [
        "second": .second, "seconds": .second, "sec": .second, "secs": .second,
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour,
        "day": .day, "days": .day, "week": .week, "weeks": .week,
        "month": .month, "months": .month, "year": .year, "years": .year,
    ]

    fileprivate static let meridiems: [Substring: Meridiem] = [
        "am": .am, "a.m.": .am, "pm": .pm, "p.m.": .pm,
    ]

    /// All-digit text of 1...maxDigits digits as a number.
    fileprivate static func number(_ text: Substring, maxDigits: Int) -> Int? {
        let bytes = text.utf8
        guard !bytes.isEmpty, bytes.count <= maxDigits else { return nil }
        var value = 0
        for byte in bytes {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    /// A day of the month: one or two digits, optionally with an ordinal suffix ("25th").
    fileprivate static func dayOfMonth(_ text: Substring) -> Int? {
        switch text.suffix(2) {
        case "st", "nd", "rd", "th": number(text.dropLast(2), maxDigits: 2)
        default: number(text, maxDigits: 2)
        }
    }

    /// "2026-11-02", optionally followed by "t" and a clock time ("2026-11-02t15:42:00+01:00").
    fileprivate static func isoDate(_ text: Substring) -> (DaySpec, ClockTime?)? {
        guard text.utf8.count >= 8, let first = text.utf8.first, first >= 48, first <= 57 else { return nil }
        let bytes = Array(text.utf8)
        guard bytes[4] == UInt8(ascii: "-") else { return nil }
        var scanner = TokenScanner(bytes: bytes)
        guard let year = scanner.digits(min: 4, max: 4), scanner.skip("-"),
              let month = scanner.digits(min: 1, max: 2), scanner.skip("-"),
              let day = scanner.digits(min: 1, max: 2) else { return nil }
        let spec = DaySpec.calendar(year: year, month: month, day: day)
        if scanner.atEnd { return (spec, nil) }
        guard scanner.skip("t"), let time = scanner.clockTime(allowOffset: true), scanner.atEnd else { return nil }
        return (spec, time)
    }

    /// A clock-time token: "6am", "3:30pm", "15:42", "15:42:10", and with `allowOffset` also
    /// fractional seconds and "z" / "+01:00" / "-0330".
    fileprivate static func clockTime(_ text: Substring, allowOffset: Bool) -> ClockTime? {
        guard let first = text.utf8.first, first >= 48, first <= 57 else { return nil }
        var scanner = TokenScanner(bytes: Array(text.utf8))
        guard let time = scanner.clockTime(allowOffset: allowOffset), scanner.atEnd else { return nil }
        return time
    }

    /// Forward-only reader over one token's ASCII bytes.
    fileprivate struct TokenScanner {
        let bytes: [UInt8]
        var index = 0

        var atEnd: Bool { index == bytes.count }

        /// Consumes `text` if the remaining bytes start with it.
        mutating func skip(_ text: StaticString) -> Bool {
            let count = text.utf8CodeUnitCount
            guard bytes.count - index >= count else { return false }
            let matches = text.withUTF8Buffer { expected in
                expected.indices.allSatisfy { bytes[index + $0] == expected[$0] }
            }
            if matches { index += count }
            return matches
        }

        /// Between `min` and `max` decimal digits (stops at the first non-digit).
        mutating func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var count = 0
            while index < bytes.count, count < max, bytes[index] >= 48, bytes[index] <= 57 {
                value = value * 10 + Int(bytes[index] - 48)
                index += 1
                count += 1
            }
            guard count >= min else { return nil }
            // A further digit means the number is longer than allowed.
            if index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 { return nil }
            return value
        }

        /// Exactly `count` decimal digits, whatever follows them.
        mutating func fixedDigits(_ count: Int) -> Int? {
            guard bytes.count - index >= count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += count
            return value
        }

        mutating func clockTime(allowOffset: Bool) -> ClockTime? {
            guard let hour = digits(min: 1, max: 2) else { return nil }
            var time = ClockTime(hour: hour)
            if skip(":") {
                guard let minute = digits(min: 2, max: 2) else { return nil }
                time.minute = minute
                time.hasMinutes = true
                if skip(":") {
                    guard let second = digits(min: 2, max: 2) else { return nil }
                    time.second = second
                    if allowOffset, skip(".") || skip(",") {
                        guard digits(min: 1, max: Int.max) != nil else { return nil }
                    }
                }
            }
            if skip("am") || skip("a.m.") {
                time.meridiem = .am
            } else if skip("pm") || skip("p.m.") {
                time.meridiem = .pm
            } else if allowOffset, time.hasMinutes {
                if skip("z") {
                    time.offset = (1, 0, 0)
                } else if let sign = skip("+") ? 1 : (skip("-") ? -1 : nil) {
                    guard let hours = fixedDigits(2) else { return nil }
                    var minutes = 0
                    if !atEnd {
                        _ = skip(":")
                        guard let value = fixedDigits(2) else { return nil }
                        minutes = value
                    }
                    time.offset = (sign, hours, minutes)
                }
            }
            return time
        }
    }
}

// MARK: - Resolution (calendar checks)

extension DateParser {
    /// Turns a recognised expression into an instant, throwing when its numbers name no real date or time.
    fileprivate struct Resolver {
        let context: DateContext
        let text: String
        let calendar: Calendar
        let today: (year: Int64, month: Int, day: Int)
        let todayDays: Int64

        init(context: DateContext, text: String) {
            self.context = context
            self.text = text
            calendar = context.calendar
            let parts = calendar.dateComponents([.year, .month, .day], from: context.now)
            today = (Int64(parts.year ?? 1970), parts.month ?? 1, parts.day ?? 1)
            todayDays = Timestamp.daysFromCivil(year: today.year, month: today.month, day: today.day)
        }

        func invalid(_ reason: String) -> PLNError {
            .invalidDate(text, reason: reason)
        }

        func resolve(_ expression: Expression) throws(PLNError) -> ParsedDate {
            switch expression {
            case .now:
                return made(context.now, hasTime: true)
            case .elapsed(let seconds):
                return made(context.now.addingTimeInterval(-TimeInterval(seconds)), hasTime: true)
            case .time(let time):
                return try made(onDay: todayDays, at: time)
            case .day(let spec, let time):
                let days = try dayNumber(spec)
                if let time { return try made(onDay: days, at: time) }
                if days == todayDays { return made(context.now, hasTime: false) }
                return try made(onDay: days, at: ClockTime(hour: 9), hasTime: false)
            }
        }

        /// Days since 1970-01-01 of the local day `spec` names.
        func dayNumber(_ spec: DaySpec) throws(PLNError) -> Int64 {
            switch spec {
            case .relative(let offset):
                return todayDays + Int64(offset)
            case .weekday(let weekday, let strictlyBefore):
                var back = Int64((Timestamp.weekday(ofDays: todayDays) - weekday + 7) % 7)
                if strictlyBefore, back == 0 { back = 7 }
                return todayDays - back
            case .ago(let amount, let unit):
                let days: Int64
                switch unit {
                case .week: days = todayDays - 7 * Int64(amount)
                case .month: days = monthsBack(amount)
                case .year: days = monthsBack(12 * amount)
                default: days = todayDays - Int64(amount)
                }
                guard Timestamp.civilFromDays(days).year >= 1 else { throw invalid("that is before year 1") }
                return days
            case .calendar(let year, let month, let day):
                try checkMonthAndDay(year: year, month: month, day: day)
                if let year {
                    return Timestamp.daysFromCivil(year: Int64(year), month: month, day: day)
                }
                // No year: the most recent such day that is not in the future.
                var candidate = (month, day) <= (today.month, today.day) ? today.year : today.year - 1
                while day > Timestamp.daysInMonth(year: candidate, month: month) { candidate -= 1 }
                return Timestamp.daysFromCivil(year: candidate, month: month, day: day)
            }
        }

        /// Today's date moved back by whole months, the day clamped to the target month's length.
        func monthsBack(_ amount: Int) -> Int64 {
            let total = today.year * 12 + Int64(today.month - 1) - Int64(amount)
            let year = Timestamp.floorDivide(total, 12)
            let month = Int(Timestamp.floorModulo(total, 12)) + 1
            let day = min(today.day, Timestamp.daysInMonth(year: year, month: month))
            return Timestamp.daysFromCivil(year: year, month: month, day: day)
        }

        func checkMonthAndDay(year: Int?, month: Int, day: Int) throws(PLNError) {
            guard (1...12).contains(month) else { throw invalid("there is no month \(month); months run 1-12") }
            guard day >= 1 else { throw invalid("there is no day 0; days of the month start at 1") }
            let name = DateParser.monthNames[month - 1]
            if let year {
                guard year >= 1 else { throw invalid("there is no year 0") }
                let length = Timestamp.daysInMonth(year: Int64(year), month: month)
                guard day <= length else { throw invalid("\(name) \(year) has \(length) days") }
            } else if month == 2 {
                guard day <= 29 else { throw invalid("February has at most 29 days") }
            } else {
                let length = Timestamp.daysInMonth(year: 2001, month: month)
                guard day <= length else { throw invalid("\(name) has \(length) days") }
            }
        }

        /// The instant at `time` on local day `days`; an explicit UTC offset pins the instant exactly.
        func made(onDay days: Int64, at time: ClockTime, hasTime: Bool = true) throws(PLNError) -> ParsedDate {
            let (hour, minute, second) = try checkedClock(time)
            if let offset = time.offset {
                guard offset.hours <= 23, offset.minutes <= 59 else {
                    throw invalid("UTC offset hours run 0-23 and minutes 0-59")
                }
                let offsetSeconds = offset.sign * (offset.hours * 3600 + offset.minutes * 60)
                let seconds = days * 86_400 + Int64(hour * 3600 + minute * 60 + second - offsetSeconds)
                return made(Date(timeIntervalSince1970: TimeInterval(seconds)), hasTime: hasTime)
            }
            let civil = Timestamp.civilFromDays(days)
            let components = DateComponents(
                year: Int(civil.year), month: civil.month, day: civil.day,
                hour: hour, minute: minute, second: second
            )
            guard let date = calendar.date(from: components) else { throw invalid("the date is out of range") }
            return made(date, hasTime: hasTime)
        }

        /// 24-hour (hour, minute, second) after range checks; am/pm hours must be 1-12.
        func checkedClock(_ time: ClockTime) throws(PLNError) -> (Int, Int, Int) {
            var hour = time.hour
            if let meridiem = time.meridiem {
                let suffix = meridiem == .am ? "am" : "pm"
                guard (1...12).contains(hour) else {
                    throw invalid("hour \(hour) does not exist with \(suffix); use 1-12 with am/pm, or 0-23 without")
                }
                hour = hour % 12 + (meridiem == .pm ? 12 : 0)
            } else {
                guard hour <= 23 else { throw invalid("hour \(hour) does not exist; hours run 0-23") }
            }
            guard time.minute <= 59 else { throw invalid("minute \(time.minute) does not exist; minutes run 0-59") }
            guard time.second <= 59 else { throw invalid("second \(time.second) does not exist; seconds run 0-59") }
            return (hour, time.minute, time.second)
        }

        func made(_ date: Date, hasTime: Bool) -> ParsedDate {
            let day = calendar.dateInterval(of: .day, for: date)
                ?? DateInterval(start: calendar.startOfDay(for: date), duration: 86_400)
            return ParsedDate(date: date, hasTime: hasTime, day: day)
        }
    }
}
