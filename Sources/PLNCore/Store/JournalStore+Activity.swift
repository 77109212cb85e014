import Foundation
import GRDB

extension JournalStore {
    /// Entries dated on the local day of `context.now`.
    package func entriesToday(_ context: DateContext) throws(PLNError) -> Int {
        let calendar = context.calendar
        let start = calendar.startOfDay(for: context.now)
        let end = calendar.date(byAdding: .day, value: 1, to: start)!
        return try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM entry WHERE ts >= ? AND ts < ?",
                             arguments: [Int64(start.timeIntervalSince1970), Int64(end.timeIntervalSince1970)]) ?? 0
        }
    }

    /// Consecutive local days with at least one entry, ending today — or yesterday, when
    /// today has none yet (the streak is still alive until midnight).
    ///
    /// - Complexity: one index seek per day of the streak, whatever the number of entries.
    package func streak(_ context: DateContext, cap: Int = 36_500) throws(PLNError) -> Int {
        let calendar = context.calendar
        var dayStart = calendar.startOfDay(for: context.now)
        var dayEnd = calendar.date(byAdding: .day, value: 1, to: dayStart)!
        return try read { db in
            let latest = try db.cachedStatement(sql: "SELECT max(ts) FROM entry WHERE ts < ?")
            guard let newest = try Int64.fetchOne(latest, arguments: [Int64(dayEnd.timeIntervalSince1970)]) else { return 0 }
            let newestDay = calendar.startOfDay(for: Date(timeIntervalSince1970: TimeInterval(newest)))
            let yesterday = calendar.date(byAdding: .day, value: -1, to: dayStart)!
            guard newestDay >= yesterday else { return 0 }
            dayStart = newestDay
            dayEnd = calendar.date(byAdding: .day, value: 1, to: dayStart)!
            var count = 0
            while count < cap {
                guard let ts = try Int64.fetchOne(latest, arguments: [Int64(dayEnd.timeIntervalSince1970)]),
                      ts >= Int64(dayStart.timeIntervalSince1970) else { break }
                count += 1
                dayEnd = dayStart
                dayStart = calendar.date(byAdding: .day, value: -1, to: dayStart)!
            }
            return count
        }
    }
}
