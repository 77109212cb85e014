import Foundation
import GRDB

/// Streaks and day counts, read through the `entry_day` index (schema v3).
///
/// A day is the local day an entry was written on, in the UTC offset stored with it (see
/// `LocalDay`): the shell prompt, `pln stats` and `pln review` all count the same days.
extension JournalStore {
    /// The SQL expression of an entry's local day; `entry_day` indexes exactly this spelling.
    package static let daySQL = "substr(created, 1, 10)"

    /// A consecutive run of days with at least one entry.
    package struct Streak: Sendable, Equatable {
        package var first: LocalDay
        package var last: LocalDay
        package var days: Int { Int(last.number - first.number) + 1 }

        package init(first: LocalDay, last: LocalDay) {
            self.first = first
            self.last = last
        }
    }

    /// Entries written on today's local day.
    package func entriesToday(_ context: DateContext) throws(PLNError) -> Int {
        let today = LocalDay.today(context).description
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE \(Self.daySQL) = ?", arguments: [today]) ?? 0
        }
    }

    /// Consecutive local days with at least one entry, ending today — or yesterday, when
    /// today has none yet (the streak is still alive until midnight).
    package func streak(_ context: DateContext) throws(PLNError) -> Int {
        try read { db in try Self.currentStreak(today: LocalDay.today(context), in: db)?.days ?? 0 }
    }

    /// The streak that ends today or yesterday, nil when neither day has an entry.
    ///
    /// - Complexity: one index seek per day of the streak.
    package static func currentStreak(today: LocalDay, cap: Int = 36_500, in db: Database) throws -> Streak? {
        let has = try db.cachedStatement(sql: "SELECT 1 FROM entry WHERE \(daySQL) = ? LIMIT 1")
        func hasEntries(_ day: LocalDay) throws -> Bool {
            try Int.fetchOne(has, arguments: [day.description]) != nil
        }
        var last = today
        if try !hasEntries(last) {
            last = today.adding(days: -1)
            guard try hasEntries(last) else { return nil }
        }
        var first = last
        var count = 1
        while count < cap, try hasEntries(first.adding(days: -1)) {
            first = first.adding(days: -1)
            count += 1
        }
        return Streak(first: first, last: last)
    }

    /// Every day with entries on or before `today`, summed up in one walk.
    package struct DaySummary: Sendable, Equatable {
        /// Days with at least one entry.
        package var days = 0
        /// The longest streak (the most recent of equally long ones).
        package var longest: Streak?
        /// The streak ending today, or yesterday when today has no entry yet.
        package var current: Streak?
    }

    /// The longest streak on or before `today` (the most recent of equally long ones).
    package static func longestStreak(through today: LocalDay, in db: Database) throws -> Streak? {
        try summarizeDays(through: today, in: db).longest
    }

    /// Walks the distinct days with one index seek each, so eight years of daily writing cost
    /// about 3,000 seeks however many entries each day holds. Days after `today` (entries
    /// dated in the future) are left out.
    package static func summarizeDays(through today: LocalDay, in db: Database) throws -> DaySummary {
        let next = try db.cachedStatement(sql: """
            SELECT \(daySQL) FROM entry WHERE \(daySQL) > ? AND \(daySQL) <= ? ORDER BY \(daySQL) LIMIT 1
            """)
        let end = today.description
        var cursor = ""
        var summary = DaySummary()
        var run: Streak?
        while let text = try String.fetchOne(next, arguments: [cursor, end]) {
            cursor = text
            guard let day = LocalDay(text) else { continue }  // a malformed date sorts apart; skip it
            summary.days += 1
            if let current = run, current.last.number + 1 == day.number {
                run?.last = day
            } else {
                run = Streak(first: day, last: day)
            }
            if let run, run.days >= summary.longest?.days ?? 0 { summary.longest = run }
        }
        if let run, run.last.number >= today.number - 1 { summary.current = run }
        return summary
    }

    /// Entries per local day from `first` through `last`, days without entries left out.
    ///
    /// - Complexity: one range scan of the `entry_day` index over the entries of those days.
    package static func dayCounts(from first: LocalDay, through last: LocalDay, in db: Database) throws -> [LocalDay: Int] {
        var counts: [LocalDay: Int] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT \(daySQL) AS day, count(*) FROM entry WHERE \(daySQL) BETWEEN ? AND ? GROUP BY 1
            """, arguments: [first.description, last.description])
        while let row = try rows.next() {
            if let day = LocalDay(row[0] as String) { counts[day] = row[1] }
        }
        return counts
    }

    /// The earliest local day with an entry.
    package static func firstDay(in db: Database) throws -> LocalDay? {
        try String.fetchOne(db, sql: "SELECT min(\(daySQL)) FROM entry").flatMap { LocalDay($0) }
    }
}
