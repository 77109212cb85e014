import Foundation

/// Chooses the reflective prompt of a day (or a week) from a pool, with no state.
///
/// Days are numbered from 1970-01-01 in local time and cut into cycles as long as the pool;
/// each cycle shows the pool in its own seeded shuffle. So a day always gets the same prompt,
/// every prompt comes once before any comes again, and no prompt shows two days running across
/// a cycle's edge. Adding prompts to the pool starts a different order, which is harmless.
package enum PromptRotation {
    /// The prompt for the local day of `date`, nil for an empty pool.
    package static func prompt(on date: Date, pool: [String], timeZone: TimeZone) -> String? {
        guard !pool.isEmpty else { return nil }
        return pool[index(step: dayNumber(of: date, timeZone: timeZone), count: pool.count, salt: 0)]
    }

    /// The prompt for the week (Monday to Sunday) holding `date`; a rotation of its own, so the
    /// week's prompt is not simply Monday's.
    package static func prompt(forWeekOf date: Date, pool: [String], timeZone: TimeZone) -> String? {
        guard !pool.isEmpty else { return nil }
        // 1970-01-01 was a Thursday: shift by three days so weeks start on Monday.
        let week = floorDivide(dayNumber(of: date, timeZone: timeZone) + 3, 7)
        return pool[index(step: week, count: pool.count, salt: 0x5745_454B)]
    }

    /// The position in the pool for step `step` (a day or week number) of a pool of `count`.
    package static func index(step: Int, count: Int, salt: UInt64) -> Int {
        precondition(count > 0)
        let cycle = floorDivide(step, count)
        let position = step - cycle * count
        // Two prompts simply alternate: any shuffle could put one on two days running.
        if count <= 2 { return position }
        var order = permutation(cycle: cycle, count: count, salt: salt)
        // Across a cycle's edge the last prompt of one shuffle may open the next: swap it one
        // place on. The last place never moves, so the previous cycle's last is its shuffle's.
        let previousLast = permutation(cycle: cycle - 1, count: count, salt: salt)[count - 1]
        if order[0] == previousLast { order.swapAt(0, 1) }
        return order[position]
    }

    /// Days since 1970-01-01 of the local calendar day of `date`.
    package static func dayNumber(of date: Date, timeZone: TimeZone) -> Int {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return daysFromCivil(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1)
    }

    /// Howard Hinnant's days_from_civil: exact for any Gregorian date, no time zone involved.
    static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = floorDivide(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    private static func permutation(cycle: Int, count: Int, salt: UInt64) -> [Int] {
        var order = Array(0..<count)
        var state = UInt64(bitPattern: Int64(cycle)) &* 0x9E37_79B9_7F4A_7C15 ^ salt ^ UInt64(count)
        func next() -> UInt64 {
            // SplitMix64: small, fast and the same on every platform.
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        if count > 1 {
            for i in stride(from: count - 1, to: 0, by: -1) {
                let j = Int(next() % UInt64(i + 1))
                order.swapAt(i, j)
            }
        }
        return order
    }

    private static func floorDivide(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
