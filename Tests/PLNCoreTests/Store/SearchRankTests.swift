import Foundation
import GRDB
import Testing
@testable import PLNCore

/// `pln_rank` orders matches exactly as FTS5's `bm25()` does: for a single phrase it leaves out
/// a weight that is the same for every match; for several phrases it is bm25 itself.
@Suite("Search rank")
struct SearchRankTests {
    /// Entries whose term counts and lengths differ, so bm25's order is not the order of ids.
    static func journal() throws -> DatabaseQueue {
        var config = Configuration()
        config.prepareDatabase { db in try SearchRank.register(on: db) }
        let queue = try DatabaseQueue(configuration: config)
        let bodies = [
            "Formative assessment in a long seminar about many other things, questioning, wait time and exit tickets",
            "Formative assessment",
            "Assessment for learning: formative assessment, formative feedback, formative assessment again",
            "Peer feedback on drafts worked; feedback needs a rubric",
            "Summative assessment week",
            "Feedback",
            "A note with none of the words",
            "formative formative formative",
            "Assessment assessment feedback formative assessment",
        ]
        try queue.write { db in
            for migration in Schema.migrations { try db.execute(sql: migration) }
            for (index, body) in bodies.enumerated() {
                try db.execute(sql: """
                    INSERT INTO entry (uuid, created, ts, body, kind, starred) VALUES (?, '2026-11-02T09:00:00Z', ?, ?, 'note', 0)
                    """, arguments: ["u\(index)", 1_793_610_000 + index, body])
            }
        }
        return queue
    }

    @Test(arguments: [("assessment", 1), ("\"formative assessment\"", 1), ("feedback", 1), ("formative assessment", 2),
                      ("feedback OR formative", 2), ("assessment NOT summative", 2), ("\"formative assessment\" feedback", 2)])
    func ordersAsBM25(query: String, phrases: Int) throws {
        let queue = try Self.journal()
        let rows = try queue.read { db in
            try Row.fetchAll(db, sql: """
                SELECT rowid, pln_rank(entry_fts) AS ours, bm25(entry_fts) AS theirs FROM entry_fts WHERE entry_fts MATCH ?
                """, arguments: [query])
        }
        #expect(rows.count >= 2)
        let ours = rows.sorted { ($0["ours"] as Double, $0["rowid"] as Int64) < ($1["ours"] as Double, $1["rowid"] as Int64) }
        let theirs = rows.sorted { ($0["theirs"] as Double, $0["rowid"] as Int64) < ($1["theirs"] as Double, $1["rowid"] as Int64) }
        #expect(ours.map { $0["rowid"] as Int64 } == theirs.map { $0["rowid"] as Int64 })
        let ratios = rows.map { ($0["theirs"] as Double) / ($0["ours"] as Double) }
        for ratio in ratios {
            // One phrase: bm25 is ours times the phrase's weight, the same for every row.
            // Several: bm25 itself.
            #expect(abs(ratio - (phrases == 1 ? ratios[0] : 1)) < 1e-9, "\(query): \(ratios)")
        }
    }

    @Test func aWordRepeatedInAShortEntryComesFirst() throws {
        let queue = try Self.journal()
        let ids = try queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'formative' ORDER BY pln_rank(entry_fts) LIMIT 3")
        }
        // The entry that is nothing but the word, three times.
        #expect(ids.first == 8)
    }
}
