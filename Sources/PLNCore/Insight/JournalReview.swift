import Foundation
import GRDB

/// A look back over a week, month or year, for `pln review`: what was written, grouped by topic;
/// who and what it drew on; follow-ups now due; and this day in earlier years.
package struct JournalReview: Sendable {
    /// One entry as a review lists it.
    package struct Line: Sendable, Equatable {
        package var id: Int64
        /// The ISO 8601 time with the offset it was written in.
        package var created: String
        package var kind: String
        package var starred: Bool
        /// The first line of the body (raw; sanitise before printing).
        package var summary: String
        /// Whether the body goes on after `summary`.
        package var more: Bool

        /// "2026-11-29 09:00", the time as it was written.
        package var localTime: String {
            String(created.prefix(16)).replacingOccurrences(of: "T", with: " ")
        }
    }

    /// A topic (nil for entries without one), its entry count and the entries shown.
    package struct Topic: Sendable {
        package var name: String?
        package var entries: Int
        package var lines: [Line]
    }

    /// A person or source and how many of the period's entries link it.
    package struct Involved: Sendable, Equatable {
        package var name: String
        /// The person's name or the source's title.
        package var label: String?
        package var entries: Int
    }

    /// An open follow-up whose day has come.
    package struct FollowUp: Sendable {
        package var line: Line
        package var stage: String
        package var due: LocalDay
    }

    /// Entries of one earlier year on this day.
    package struct Year: Sendable {
        package var year: Int
        package var lines: [Line]
    }

    package var period: ReviewPeriod
    package var today: LocalDay
    package var entries: Int
    package var days: Int
    package var topics: [Topic]
    package var people: [Involved]
    package var peopleTotal: Int
    package var sources: [Involved]
    package var sourcesTotal: Int
    package var followUps: [FollowUp]
    package var onThisDay: [Year]
    /// The reflection prompt for the period, when one is known.
    package var prompt: String?

    /// Gathers the review of `period`; `perTopic` bounds the entries listed for each topic and
    /// each earlier year (0 lists all), `top` the people and sources. `onlyOnThisDay` gathers
    /// nothing but this day in earlier years.
    ///
    /// - Complexity: a range scan of `entry_day` over the period and one seek per link; bodies
    ///   are read only for the entries listed.
    package static func build(period: ReviewPeriod, today: LocalDay, perTopic: Int = 8, top: Int = 10,
                              onlyOnThisDay: Bool = false, in db: Database) throws -> JournalReview {
        if onlyOnThisDay {
            return JournalReview(period: period, today: today, entries: 0, days: 0, topics: [], people: [], peopleTotal: 0,
                                 sources: [], sourcesTotal: 0, followUps: [],
                                 onThisDay: try onThisDay(today: today, perYear: perTopic, in: db), prompt: nil)
        }
        let range: StatementArguments = [period.first.description, period.last.description]
        let day = JournalStore.daySQL
        let totals = try Row.fetchOne(db, sql: """
            SELECT count(*), count(DISTINCT \(day)) FROM entry WHERE \(day) BETWEEN ? AND ?
            """, arguments: range)
        // Phase 1: which entries belong to which topic, as numbers only.
        var byTag: [Int64: [(ts: Int64, id: Int64)]] = [:]
        let pairs = try Row.fetchCursor(db, sql: """
            SELECT et.tag_id, e.id, e.ts FROM entry e JOIN entry_tag et ON et.entry_id = e.id
            WHERE substr(e.created, 1, 10) BETWEEN ? AND ?
            """, arguments: range)
        while let row = try pairs.next() {
            byTag[row[0], default: []].append((row[2], row[1]))
        }
        let untagged = try Row.fetchAll(db, sql: """
            SELECT e.ts, e.id FROM entry e WHERE substr(e.created, 1, 10) BETWEEN ? AND ?
              AND NOT EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id)
            """, arguments: range).map { (ts: $0[0] as Int64, id: $0[1] as Int64) }
        var names: [Int64: String] = [:]
        if !byTag.isEmpty {
            let ids = Array(byTag.keys)
            for chunk in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[chunk..<min(ids.count, chunk + 500)])
                let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: "SELECT id, name FROM tag WHERE id IN (\(marks))", arguments: StatementArguments(part)) {
                    names[row[0]] = row[1]
                }
            }
        }
        func chosen(_ list: [(ts: Int64, id: Int64)]) -> [Int64] {
            let sorted = list.sorted { ($0.ts, $0.id) < ($1.ts, $1.id) }
            return (perTopic > 0 ? Array(sorted.suffix(perTopic)) : sorted).map(\.id)
        }
        var groups: [(name: String?, count: Int, ids: [Int64])] = byTag.map { (names[$0.key] ?? "?", $0.value.count, chosen($0.value)) }
        groups.sort { ($0.count, ($1.name ?? "").lowercased()) > ($1.count, ($0.name ?? "").lowercased()) }
        if !untagged.isEmpty { groups.append((nil, untagged.count, chosen(untagged))) }

        // Phase 2: the listed entries' text.
        let lines = try fetchLines(Set(groups.flatMap(\.ids)), in: db)
        let topics = groups.map { Topic(name: $0.name, entries: $0.count, lines: $0.ids.compactMap { lines[$0] }) }

        let people = try Row.fetchAll(db, sql: """
            SELECT p.handle, p.name, count(DISTINCT e.id) AS n FROM entry e
            JOIN entry_person ep ON ep.entry_id = e.id JOIN person p ON p.id = ep.person_id
            WHERE substr(e.created, 1, 10) BETWEEN ? AND ? GROUP BY p.id ORDER BY n DESC, p.handle COLLATE NOCASE
            """, arguments: range).map { Involved(name: "@" + ($0[0] as String), label: $0[1], entries: $0[2]) }
        let sources = try Row.fetchAll(db, sql: """
            SELECT s.key, s.title, count(DISTINCT e.id) AS n FROM entry e
            JOIN entry_source es ON es.entry_id = e.id JOIN source s ON s.id = es.source_id
            WHERE substr(e.created, 1, 10) BETWEEN ? AND ? GROUP BY s.id ORDER BY n DESC, s.key COLLATE NOCASE
            """, arguments: range).map { Involved(name: $0[0] as String, label: $0[1], entries: $0[2]) }

        return JournalReview(
            period: period, today: today, entries: totals?[0] ?? 0, days: totals?[1] ?? 0, topics: topics,
            people: Array(people.prefix(top)), peopleTotal: people.count,
            sources: Array(sources.prefix(top)), sourcesTotal: sources.count,
            followUps: try followUpsDue(today: today, in: db),
            onThisDay: try onThisDay(today: today, perYear: perTopic, in: db), prompt: nil)
    }

    /// Open follow-ups due on or before `today`, the longest overdue first.
    package static func followUpsDue(today: LocalDay, in db: Database) throws -> [FollowUp] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT entry_id, stage, due FROM followup WHERE outcome_id IS NULL AND due <= ? ORDER BY due, entry_id
            """, arguments: [today.description])
        let lines = try fetchLines(Set(rows.map { $0[0] as Int64 }), in: db)
        return rows.compactMap { row in
            guard let line = lines[row[0]], let due = LocalDay(row[2] as String) else { return nil }
            return FollowUp(line: line, stage: row[1], due: due)
        }
    }

    /// The days of earlier years that count as "this day" for `today`.
    ///
    /// The same month and day in every earlier year since `firstYear`. 29 February has no
    /// twin in a common year, so its entries come back on 28 February there: on 28 February of
    /// a common year the review shows 28 and 29 February of earlier years; on 29 February, only
    /// earlier 29 Februaries; 1 March shows only 1 March. Every entry thus returns exactly once
    /// a year.
    package static func onThisDayKeys(today: LocalDay, firstYear: Int) -> [LocalDay] {
        var keys: [LocalDay] = []
        let month = today.month, day = today.day
        let lastOfFebruary = month == 2 && day == 28 && !today.isInLeapYear
        guard firstYear < today.year else { return [] }
        for year in stride(from: today.year - 1, through: firstYear, by: -1) {
            let leap = Timestamp.isLeapYear(Int64(year))
            if month == 2, day == 29 {
                if leap { keys.append(LocalDay(year: year, month: 2, day: 29)) }
                continue
            }
            keys.append(LocalDay(year: year, month: month, day: day))
            if lastOfFebruary, leap { keys.append(LocalDay(year: year, month: 2, day: 29)) }
        }
        return keys
    }

    /// Entries from this day in earlier years, the most recent year first; `perYear` bounds
    /// each year's list (0 lists all), taking the year's earliest entries.
    package static func onThisDay(today: LocalDay, perYear: Int, in db: Database) throws -> [Year] {
        guard let first = try JournalStore.firstDay(in: db) else { return [] }
        let statement = try db.cachedStatement(sql: """
            SELECT id FROM entry WHERE \(JournalStore.daySQL) = ? ORDER BY ts, id LIMIT ?
            """)
        var years: [(year: Int, ids: [Int64])] = []
        for key in onThisDayKeys(today: today, firstYear: first.year) {
            let ids = try Int64.fetchAll(statement, arguments: [key.description, perYear > 0 ? perYear : -1])
            guard !ids.isEmpty else { continue }
            if let index = years.firstIndex(where: { $0.year == key.year }) {
                years[index].ids += ids
            } else {
                years.append((key.year, ids))
            }
        }
        let lines = try fetchLines(Set(years.flatMap(\.ids)), in: db)
        return years.map { year in
            Year(year: year.year, lines: year.ids.compactMap { lines[$0] }.sorted { $0.created < $1.created })
        }
    }

    /// The listed entries' first lines, by id.
    static func fetchLines(_ ids: Set<Int64>, in db: Database) throws -> [Int64: Line] {
        var lines: [Int64: Line] = [:]
        let all = Array(ids)
        for chunk in stride(from: 0, to: all.count, by: 500) {
            let part = Array(all[chunk..<min(all.count, chunk + 500)])
            let marks = Array(repeating: "?", count: part.count).joined(separator: ",")
            let rows = try Row.fetchCursor(db, sql: """
                SELECT id, created, kind, starred, substr(body, 1, 400) FROM entry WHERE id IN (\(marks))
                """, arguments: StatementArguments(part))
            while let row = try rows.next() {
                let body: String = row[4]
                let parts = body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
                let first = String(parts.first ?? "")
                lines[row[0]] = Line(id: row[0], created: row[1], kind: row[2], starred: row[3],
                                     summary: first, more: parts.count > 1)
            }
        }
        return lines
    }
}
