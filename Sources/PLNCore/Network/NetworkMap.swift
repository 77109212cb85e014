import Foundation
import GRDB

/// The network around the user, summarised for `pln map`.
package struct NetworkMap: Sendable {
    /// A strong tie: a person, their score and the topics they cover most.
    package struct Tie: Sendable {
        package var contribution: Contribution
        package var topics: [String]
    }

    /// Someone often in the journal, not lately.
    package struct QuietTie: Sendable {
        package var handle: String
        package var entries: Int
        package var last: Timestamp
    }

    /// A topic whose entries name only one person.
    package struct SingleVoice: Sendable {
        package var topic: String
        package var entries: Int
        package var handle: String
    }

    package var strongest: [Tie]
    package var quiet: [QuietTie]
    package var singleVoices: [SingleVoice]
    /// Entries that record learning (a learned-from link or a cited source).
    package var learning: Int
    /// Entries that record sharing (kind share, or a shared-with link).
    package var sharing: Int

    /// Builds the map; `quietAfterDays` is how long without an entry makes a tie quiet.
    package static func build(now: Date, quietAfterDays: Int = 90, limit: Int = 8, in db: Database) throws -> NetworkMap {
        let all = try EntryQuery("", context: DateContext(now: now, timeZone: TimeZone(identifier: "UTC")!))
        let people = try JournalStore.contributions(to: all, now: now, in: db).filter(\.isPerson)
        var strongest: [Tie] = []
        for contribution in people.prefix(limit) {
            let handle = String(contribution.name.dropFirst())
            let topics = try String.fetchAll(db, sql: """
                SELECT t.name FROM entry_person ep JOIN person p ON p.id = ep.person_id JOIN entry_tag et ON et.entry_id = ep.entry_id
                JOIN tag t ON t.id = et.tag_id WHERE p.handle = ? GROUP BY t.id ORDER BY count(*) DESC, t.name LIMIT 3
                """, arguments: [handle])
            strongest.append(Tie(contribution: contribution, topics: topics))
        }
        let cutoff = Int64(now.timeIntervalSince1970) - Int64(quietAfterDays) * 86_400
        let quiet = try Row.fetchAll(db, sql: """
            SELECT p.handle, count(DISTINCT e.id) AS n, max(e.ts) AS last_ts,
                   (SELECT e2.created FROM entry_person ep2 JOIN entry e2 ON e2.id = ep2.entry_id WHERE ep2.person_id = p.id
                     ORDER BY e2.ts DESC LIMIT 1) AS last
            FROM person p JOIN entry_person ep ON ep.person_id = p.id JOIN entry e ON e.id = ep.entry_id
            GROUP BY p.id HAVING n >= 3 AND last_ts < ? ORDER BY n DESC, p.handle LIMIT ?
            """, arguments: [cutoff, limit]).map { row in
            QuietTie(handle: row["handle"], entries: row["n"],
                     last: Timestamp(iso8601: row["last"], assumingZone: TimeZone(identifier: "UTC")!) ?? Timestamp(seconds: row["last_ts"], utcOffset: 0))
        }
        let singleVoices = try Row.fetchAll(db, sql: """
            SELECT t.name, count(DISTINCT et.entry_id) AS n, min(p.handle) AS handle
            FROM entry_tag et JOIN tag t ON t.id = et.tag_id
            JOIN entry_person ep ON ep.entry_id = et.entry_id JOIN person p ON p.id = ep.person_id
            GROUP BY t.id HAVING count(DISTINCT ep.person_id) = 1 AND n >= 3 ORDER BY n DESC, t.name LIMIT ?
            """, arguments: [limit]).map { SingleVoice(topic: $0["name"], entries: $0["n"], handle: $0["handle"]) }
        let learning = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM entry e WHERE EXISTS (SELECT 1 FROM entry_person WHERE entry_id = e.id AND role = 'learned-from')
              OR EXISTS (SELECT 1 FROM entry_source WHERE entry_id = e.id)
            """) ?? 0
        let sharing = try Int.fetchOne(db, sql: """
            SELECT count(*) FROM entry e WHERE e.kind = 'share'
              OR EXISTS (SELECT 1 FROM entry_person WHERE entry_id = e.id AND role = 'shared-with')
            """) ?? 0
        return NetworkMap(strongest: strongest, quiet: quiet, singleVoices: singleVoices, learning: learning, sharing: sharing)
    }
}
