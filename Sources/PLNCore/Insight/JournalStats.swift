import Foundation
import GRDB

/// The journal's habits in numbers, for `pln stats`.
///
/// Everything is an SQL aggregate over an index: day counts and streaks over `entry_day`,
/// topics, people and sources over their link tables, sharing over `entry_kind_ts` and
/// `entry_person_role`. Bodies are read only for the lens sample (at most 1,000 entries a
/// topic), so a journal of a million entries is summarised in a fraction of a second.
package struct JournalStats: Sendable {
    /// A name and the number of entries it appears in.
    package struct Count: Sendable, Equatable {
        package var name: String
        package var entries: Int
        package init(name: String, entries: Int) {
            self.name = name
            self.entries = entries
        }
    }

    /// Entries in one ISO week (Monday to Sunday).
    package struct Week: Sendable, Equatable {
        package var monday: LocalDay
        package var entries: Int
    }

    package var today: LocalDay
    package var entries: Int
    package var firstDay: LocalDay?
    /// Days with at least one entry.
    package var activeDays: Int
    /// The streak ending today or yesterday.
    package var currentStreak: JournalStore.Streak?
    package var longestStreak: JournalStore.Streak?
    /// The last twelve weeks, oldest first; the last one is this week so far.
    package var recentWeeks: [Week]
    package var heatmap: Heatmap
    package var topics: [Count]
    package var people: [Count]
    package var sources: [Count]
    /// Entries that give back: kind `share`, or a person linked with the role `shared-with`.
    package var sharing: Int
    /// Every other entry: what the writer took in, tried or thought.
    package var learning: Int { entries - sharing }
    package var lenses: [LensCoverage]

    /// Average entries per week since the first entry (a part week counts as a part).
    package var perWeek: Double {
        guard let firstDay, entries > 0 else { return 0 }
        let days = max(1, Double(today.number - firstDay.number + 1))
        return Double(entries) / (days / 7)
    }

    /// Gathers the statistics as of `today`; `limit` bounds each top list.
    ///
    /// The topic count, the largest aggregate, runs on a second connection alongside the rest.
    package static func build(today: LocalDay, limit: Int = 5, store: JournalStore) throws(PLNError) -> JournalStats {
        var (stats, topics) = try store.read({ db in try build(today: today, limit: limit, withTopics: false, in: db) },
                                             alongside: { db in try topicsAndLenses(limit: limit, in: db) })
        stats.topics = topics.topics
        stats.lenses = topics.lenses
        return stats
    }

    /// The top topics and their lens coverage.
    static func topicsAndLenses(limit: Int, in db: Database) throws -> (topics: [Count], lenses: [LensCoverage]) {
        let rows = try topTopics(limit: limit, in: db)
        let lenses = try rows.map { try LensCoverage.measure(tagID: $0.id, name: $0.count.name, total: $0.count.entries, in: db) }
        return (rows.map(\.count), lenses)
    }

    /// The `limit` tags on most entries, with their ids.
    ///
    /// One counted range of the (tag_id, entry_id) key per tag: half the time of a GROUP BY
    /// over every tag link (1M journal, 1.84M links: 60 ms against 121 ms in sqlite3), which
    /// runs one aggregate step per link. Tags left without entries are not topics.
    static func topTopics(limit: Int, in db: Database) throws -> [(id: Int64, count: Count)] {
        // Tags without entries sort last, so dropping them after the LIMIT keeps the top ones;
        // a `WHERE n > 0` around the query would count every tag twice.
        try Row.fetchAll(db, sql: """
            SELECT t.id AS tag_id, t.name AS name, (SELECT count(*) FROM entry_tag et WHERE et.tag_id = t.id) AS n
            FROM tag t ORDER BY n DESC, t.name COLLATE NOCASE LIMIT ?
            """, arguments: [limit]).filter { ($0["n"] as Int) > 0 }
            .map { (id: $0["tag_id"], count: Count(name: $0["name"], entries: $0["n"])) }
    }

    /// Gathers the statistics on one connection; without `withTopics`, topics and lenses are
    /// left empty for the caller to fill.
    package static func build(today: LocalDay, limit: Int = 5, withTopics: Bool = true, in db: Database) throws -> JournalStats {
        let entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0
        let firstDay = try JournalStore.firstDay(in: db)
        let days = try JournalStore.summarizeDays(through: today, in: db)
        let window = Heatmap.lastYear(endingOn: today)
        let counts = try JournalStore.dayCounts(from: window.first, through: window.last, in: db)
        let heatmap = Heatmap(first: window.first, last: window.last, counts: counts)
        var weeks: [Week] = []
        let thisMonday = today.startOfWeek
        for back in stride(from: 11, through: 0, by: -1) {
            let monday = thisMonday.adding(days: -7 * back)
            let total = (0..<7).reduce(0) { $0 + (counts[monday.adding(days: $1)] ?? 0) }
            weeks.append(Week(monday: monday, entries: total))
        }

        let (topics, lenses) = withTopics ? try topicsAndLenses(limit: limit, in: db) : ([], [])
        let people = try Row.fetchAll(db, sql: """
            SELECT p.handle, c.n FROM (SELECT person_id, count(DISTINCT entry_id) AS n FROM entry_person GROUP BY person_id) c
            JOIN person p ON p.id = c.person_id ORDER BY c.n DESC, p.handle COLLATE NOCASE LIMIT ?
            """, arguments: [limit]).map { Count(name: "@" + ($0[0] as String), entries: $0[1]) }
        let sources = try Row.fetchAll(db, sql: """
            SELECT s.key, c.n FROM (SELECT source_id, count(DISTINCT entry_id) AS n FROM entry_source GROUP BY source_id) c
            JOIN source s ON s.id = c.source_id ORDER BY c.n DESC, s.key COLLATE NOCASE LIMIT ?
            """, arguments: [limit]).map { Count(name: $0[0] as String, entries: $0[1]) }
        let sharing = try Int.fetchOne(db, sql: """
            SELECT (SELECT count(*) FROM entry WHERE kind = 'share')
                 + (SELECT count(DISTINCT ep.entry_id) FROM entry_person ep JOIN entry e ON e.id = ep.entry_id
                    WHERE ep.role = 'shared-with' AND e.kind <> 'share')
            """) ?? 0
        return JournalStats(today: today, entries: entries, firstDay: firstDay, activeDays: days.days,
                            currentStreak: days.current, longestStreak: days.longest, recentWeeks: weeks, heatmap: heatmap,
                            topics: topics, people: people, sources: sources, sharing: sharing, lenses: lenses)
    }
}
