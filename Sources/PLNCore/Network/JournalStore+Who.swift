import Foundation
import GRDB

extension JournalStore {
    /// People and sources ranked by how much, and how recently, they contributed to the
    /// entries `query` selects (for a topic: `#topic OR topic`).
    ///
    /// - Complexity: one pass over the links of the matching entries; memory holds one total
    ///   per person and source.
    package static func contributions(to query: EntryQuery, now: Date, halfLifeDays: Double = 180,
                                      in db: Database) throws -> [Contribution] {
        let compiled = query.compile()
        let matching = "SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause)"
        var totals: [String: ContributionTotal] = [:]
        let nowSeconds = now.timeIntervalSince1970
        func add(_ name: String, person: Bool, entry: Int64, ts: Int64, created: String, weight: Double) {
            var total = totals[name] ?? ContributionTotal(isPerson: person)
            let age = max(0, nowSeconds - Double(ts)) / 86_400
            // One entry counts once per name, with the weight of its strongest link.
            let value = weight * pow(0.5, age / halfLifeDays)
            let previous = total.perEntry[entry] ?? 0
            if value > previous {
                total.score += value - previous
                total.perEntry[entry] = value
            }
            if ts > total.lastTS || (ts == total.lastTS && entry > total.lastID) {
                total.lastTS = ts
                total.lastID = entry
                total.lastCreated = created
            }
            totals[name] = total
        }
        let people = try Row.fetchCursor(db, sql: """
            SELECT p.handle, ep.role, e.id, e.ts, e.created FROM entry_person ep JOIN person p ON p.id = ep.person_id
            JOIN entry e ON e.id = ep.entry_id WHERE ep.entry_id IN (\(matching))
            """, arguments: compiled.arguments)
        while let row = try people.next() {
            let role: String = row[1]
            add("@" + (row[0] as String), person: true, entry: row[2], ts: row[3], created: row[4],
                weight: role == "learned-from" ? 2 : 1)
        }
        let sources = try Row.fetchCursor(db, sql: """
            SELECT s.key, e.id, e.ts, e.created FROM entry_source es JOIN source s ON s.id = es.source_id
            JOIN entry e ON e.id = es.entry_id WHERE es.entry_id IN (\(matching))
            """, arguments: compiled.arguments)
        while let row = try sources.next() {
            add("[[" + (row[0] as String) + "]]", person: false, entry: row[1], ts: row[2], created: row[3], weight: 1)
        }
        var result: [Contribution] = []
        for (name, total) in totals {
            let body = try String.fetchOne(db, sql: "SELECT body FROM entry WHERE id = ?", arguments: [total.lastID]) ?? ""
            let first = body.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
            let last = Timestamp(iso8601: total.lastCreated, assumingZone: TimeZone(identifier: "UTC")!)
                ?? Timestamp(seconds: total.lastTS, utcOffset: 0)
            result.append(Contribution(name: name, isPerson: total.isPerson, score: total.score,
                                       entries: total.perEntry.count, last: last, exampleID: total.lastID, example: first))
        }
        return result.sorted { a, b in
            if a.score != b.score { return a.score > b.score }
            if a.last.seconds != b.last.seconds { return a.last.seconds > b.last.seconds }
            return a.name < b.name
        }
    }
}

/// Running totals for one name while `contributions` reads the links.
struct ContributionTotal {
    var isPerson: Bool
    var score = 0.0
    var perEntry: [Int64: Double] = [:]
    var lastTS: Int64 = .min
    var lastID: Int64 = 0
    var lastCreated = ""
}
