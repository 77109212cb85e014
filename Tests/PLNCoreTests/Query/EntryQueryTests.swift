import Foundation
import GRDB
import Testing
@testable import PLNCore

/// Compiled queries run against a small real journal schema and return the right entries,
/// whatever the user types.
@Suite("Entry query SQL")
struct EntryQueryTests {
    /// Sunday 2026-11-29 14:30 UTC, in UTC.
    static let context = DateContext(now: Date(timeIntervalSince1970: 1_795_962_600), timeZone: TimeZone(identifier: "UTC")!)

    /// Six entries covering every kind of term. Timestamps are UTC:
    /// 1 2026-11-02 09:00, 2 2026-11-02 15:42, 3 2026-11-26 16:00 (3 days ago, after 14:30),
    /// 4 2026-11-28 20:00 (yesterday), 5 2026-11-29 08:00 (today), 6 2025-01-01 12:00.
    static func journal() throws -> DatabaseQueue {
        var config = Configuration()
        config.prepareDatabase { db in try SearchRank.register(on: db) }
        let queue = try DatabaseQueue(configuration: config)
        try queue.write { db in
            for migration in Schema.migrations { try db.execute(sql: migration) }
            try db.execute(sql: """
                INSERT INTO entry (id, uuid, created, ts, body, kind, framework, starred, fields) VALUES
                  (1, 'u1', '2026-11-02T09:00:00Z', 1793610000,
                   'Think pair share worked well in the seminar', 'note', NULL, 1, NULL),
                  (2, 'u2', '2026-11-02T15:42:00Z', 1793634120,
                   'Pedagogy reading: share, think, pair', 'reflection', 'gibbs', 0, NULL),
                  (3, 'u3', '2026-11-26T16:00:00Z', 1795708800,
                   'Chat with Bob about pedagogical content knowledge', 'chat', NULL, 0, NULL),
                  (4, 'u4', '2026-11-28T20:00:00Z', 1795896000,
                   'Quarterly planning: http://example.com OR "NEAR" (stuff)', 'note', NULL, 0, NULL),
                  (5, 'u5', '2026-11-29T08:00:00Z', 1795939200,
                   'Café notes, e-mail to the dean', 'note', NULL, 1, NULL),
                  (6, 'u6', '2025-01-01T12:00:00Z', 1735732800,
                   'Unrelated grocery list', 'share', NULL, 0, NULL);
                INSERT INTO entry_stage (entry_id, stage, position, body) VALUES (2, 'description', 1, 'what happened');
                INSERT INTO tag (id, name) VALUES (1, 'teaching'), (2, 'Reading'), (3, 'planning');
                INSERT INTO entry_tag (entry_id, tag_id) VALUES (1, 1), (4, 1), (2, 2), (4, 3);
                INSERT INTO person (id, uuid, handle, created) VALUES
                  (1, 'p1', 'alice', '2026-01-01'), (2, 'p2', 'bob', '2026-01-01');
                INSERT INTO entry_person (entry_id, person_id, role) VALUES
                  (1, 1, 'mentioned'), (3, 1, 'author'), (3, 1, 'mentioned'), (3, 2, 'with');
                INSERT INTO source (id, uuid, key, created) VALUES
                  (1, 's1', 'smith2020', '2026-01-01'), (2, 's2', 'Jones-2021', '2026-01-01');
                INSERT INTO entry_source (entry_id, source_id, locator) VALUES
                  (1, 1, ''), (1, 1, 'p. 4'), (4, 2, '');
                """)
        }
        return queue
    }

    /// The ids `query` selects, in id order.
    static func ids(_ query: String, in queue: DatabaseQueue) throws -> [Int64] {
        let compiled = try EntryQuery(query, context: context).compile()
        return try queue.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause) ORDER BY e.id",
                arguments: compiled.arguments
            )
        }
    }

    static let cases: [(String, [Int64])] = [
        ("", [1, 2, 3, 4, 5, 6]),
        ("  ", [1, 2, 3, 4, 5, 6]),
        // Words, phrases, prefixes.
        ("think", [1, 2]),
        ("THINK", [1, 2]),
        ("think pair share", [1, 2]),
        ("\"think pair share\"", [1]),
        ("share think", [1, 2]),
        ("\"share think\"", [2]),
        ("think AND seminar", [1]),
        ("pedag*", [2, 3]),
        ("pedag", []),
        ("cafe", [5]),
        ("Café", [5]),
        ("e-mail", [5]),
        ("\"e-mail\"", [5]),
        ("or", [4]),
        ("think or chat", []),
        ("\"OR\"", [4]),
        // Tags, people, sources: case-insensitive, any role, no duplicates.
        ("#teaching", [1, 4]),
        ("#TEACHING", [1, 4]),
        ("#reading", [2]),
        ("#nonexistent", []),
        ("@alice", [1, 3]),
        ("@ALICE", [1, 3]),
        ("@bob", [3]),
        ("source:smith2020", [1]),
        ("source:jones-2021", [4]),
        ("source:nobody", []),
        // Fields.
        ("kind:chat", [3]),
        ("kind:note", [1, 4, 5]),
        ("kind:poem", []),
        ("is:starred", [1, 5]),
        ("-is:starred", [2, 3, 4, 6]),
        ("framework:gibbs", [2]),
        ("stage:description", [2]),
        ("stage:feelings", []),
        ("stage:analysis", []),
        // Dates (now is 2026-11-29 14:30 UTC).
        ("since:2026-11-26", [3, 4, 5]),
        ("until:2026-11-02", [1, 2, 6]),
        ("until:2026-11-01", [6]),
        ("on:2026-11-02", [1, 2]),
        ("since:\"2026-11-02 15:42\"", [2, 3, 4, 5]),
        ("until:\"2026-11-02 15:42\"", [1, 2, 6]),
        ("until:\"2026-11-02 15:41\"", [1, 6]),
        ("on:today", [5]),
        ("on:yesterday", [4]),
        ("since:today", [5]),
        ("since:yesterday until:today", [4, 5]),
        ("since:\"3 days ago\"", [3, 4, 5]),
        ("-on:2026-11-02", [3, 4, 5, 6]),
        // OR and precedence.
        ("#teaching OR kind:chat", [1, 3, 4]),
        ("think OR chat", [1, 2, 3]),
        ("pedag* OR #planning", [2, 3, 4]),
        ("kind:chat OR think seminar", [1, 3]),
        ("(kind:chat OR think) seminar", [1]),
        ("kind:note (think OR planning)", [1, 4]),
        ("think (seminar OR reading)", [1, 2]),
        // Negation.
        ("think -seminar", [2]),
        ("think NOT seminar", [2]),
        ("-think", [3, 4, 5, 6]),
        ("NOT #teaching", [2, 3, 5, 6]),
        ("-(#teaching OR kind:chat)", [2, 5, 6]),
        ("-\"think pair share\"", [2, 3, 4, 5, 6]),
        ("--think", [1, 2]),
        ("-pedag* kind:reflection", []),
        ("-@alice kind:chat", []),
        ("-source:smith2020 #teaching", [4]),
        // Text combined with filters.
        ("think #teaching", [1]),
        ("share is:starred", [1]),
        ("pedag* since:2026-11-20", [3]),
        ("think pair -#teaching", [2]),
        // FTS5 syntax typed by a user is searched for, never obeyed.
        ("NEAR(", [4]),
        ("near", [4]),
        ("body:think", []),
        ("^think", [1, 2]),
        ("think *", [1, 2]),
        ("*", []),
        ("&", []),
        ("\"\"", []),
        ("think \"\"", [1, 2]),
        ("a\"", []),
        ("http://example.com", [4]),
        ("(stuff)", [4]),
        ("f(x)", []),
        ("think OR NEAR(", [1, 2, 4]),
        ("-NEAR(", [1, 2, 3, 5, 6]),
        ("pair\u{0}share", [1]),
        ("note:\"e-mail to\"", []),
        ("dean:\"e-mail to\"", []),
        ("notes:\"e-mail to\"", [5]),
    ]

    @Test("each query selects the right entries", arguments: cases)
    func selects(query: String, expected: [Int64]) throws {
        let queue = try Self.journal()
        #expect(try Self.ids(query, in: queue) == expected)
    }

    static let hostile: [String] = [
        "\"a\" OR", "\"a\" OR b", "NEAR(a b, 2)", "NEAR(a b)", "NEAR/3", "a:b:c", "'", "\"",
        "'; DROP TABLE entry; --", "#robert'); DROP TABLE tag;--", "{body} : x", "col:\"x\"", "+", "a + b",
        "#\"x\"", "@'", "stage:a.b", "stage:a[", "stage:$", "kind:'", "source:\"x'y\"", "a*b", "**", "-*",
        "(((", ")))", "^", "a AND", "NOT", "x -\"y\" OR (z)", "*x", "\u{0}", "a\u{0}b", "#a\u{0}b", "think\u{1}pair",
        "framework:\"a'b\"", "AND OR NOT", "since:\"'\"", "\"a\"\"b\"", "a\" OR \"b",
    ]

    @Test("hostile input is a syntax error or a working query, never an SQL or FTS5 error", arguments: hostile)
    func hostileInput(query: String) throws {
        let queue = try Self.journal()
        let compiled: CompiledQuery
        do {
            compiled = try EntryQuery(query, context: Self.context).compile()
        } catch {
            switch error {
            case .querySyntax(let text, _, _): #expect(text == query)
            case .invalidDate: break
            default: Issue.record("unexpected error \(error)")
            }
            return
        }
        #expect(!compiled.whereClause.contains("DROP"))
        #expect(!compiled.whereClause.contains("'x"))
        _ = try queue.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause) ORDER BY e.id",
                arguments: compiled.arguments
            )
        }
        let tables = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('entry', 'tag')")
        }
        #expect(tables.sorted() == ["entry", "tag"])
    }

    // MARK: - Shape of the compiled SQL

    @Test("an empty query selects all entries without the FTS table")
    func emptyShape() throws {
        let compiled = try EntryQuery("", context: Self.context).compile()
        #expect(compiled.from == "entry e")
        #expect(compiled.whereClause == "1")
        #expect(compiled.arguments.isEmpty)
        #expect(compiled.rank == nil)
        #expect(compiled.snippet == nil)
    }

    @Test("top-level free text becomes one MATCH over the joined FTS table")
    func topLevelText() throws {
        let compiled = try EntryQuery("think #teaching pedag* \"pair share\" kind:note", context: Self.context).compile()
        #expect(compiled.from == "entry_fts JOIN entry e ON e.id = entry_fts.rowid")
        #expect(compiled.rank == "pln_rank(entry_fts)")
        #expect(compiled.snippet == "snippet(entry_fts, 0, char(1), char(2), '…', 12)")
        #expect(compiled.whereClause.components(separatedBy: "MATCH").count == 2)
        #expect(compiled.whereClause.hasPrefix("entry_fts MATCH ?"))
        #expect(compiled.arguments == ["\"think\" \"pedag\" * \"pair share\"", "teaching", "note"])
    }

    @Test("free text only under OR or NOT does not join the FTS table", arguments: ["a OR b", "-a", "#x OR a", "NOT (a b)"])
    func nestedText(query: String) throws {
        let compiled = try EntryQuery(query, context: Self.context).compile()
        #expect(compiled.from == "entry e")
        #expect(compiled.rank == nil)
        #expect(compiled.snippet == nil)
        #expect(compiled.whereClause.contains("e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)"))
    }

    @Test("dates are bound as Unix seconds")
    func dateArguments() throws {
        let compiled = try EntryQuery("on:2026-11-02", context: Self.context).compile()
        #expect(compiled.whereClause == "e.ts >= ? AND e.ts < ?")
        #expect(compiled.arguments == [Int64(1_793_577_600), Int64(1_793_664_000)])
    }

    @Test("rank orders matches and snippet marks them")
    func rankAndSnippet() throws {
        let queue = try Self.journal()
        let compiled = try EntryQuery("think", context: Self.context).compile()
        let rank = try #require(compiled.rank)
        let snippet = try #require(compiled.snippet)
        let rows = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT e.id, \(snippet) AS snippet FROM \(compiled.from) WHERE \(compiled.whereClause) ORDER BY \(rank)",
                arguments: compiled.arguments
            )
        }
        #expect(Set(rows.map { $0["id"] as Int64 }) == [1, 2])
        for row in rows {
            let text: String = row["snippet"]
            #expect(text.contains("\u{1}") && text.contains("\u{2}"))
            #expect(text.lowercased().contains("\u{1}think\u{2}"))
        }
    }

    @Test("the where clause can be parenthesised and combined with more conditions", arguments: [
        "kind:chat OR think seminar", "think", "-#teaching", "",
    ])
    func combinable(query: String) throws {
        let queue = try Self.journal()
        let compiled = try EntryQuery(query, context: Self.context).compile()
        let all = try Self.ids(query, in: queue)
        let notes = try queue.read { db in
            try Int64.fetchAll(
                db,
                sql: "SELECT e.id FROM \(compiled.from) WHERE (\(compiled.whereClause)) AND e.kind = 'note' ORDER BY e.id",
                arguments: compiled.arguments
            )
        }
        #expect(notes == all.filter { [1, 4, 5].contains($0) })
    }

    @Test("selective terms use an index instead of scanning every entry", arguments: [
        "think", "#teaching", "@alice", "source:smith2020", "is:starred", "since:today",
        "kind:chat", "think #teaching since:yesterday", "pedag* kind:reflection",
    ])
    func usesIndex(query: String) throws {
        let queue = try Self.journal()
        let compiled = try EntryQuery(query, context: Self.context).compile()
        let details = try queue.read { db in
            try Row.fetchAll(
                db,
                sql: "EXPLAIN QUERY PLAN SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause)",
                arguments: compiled.arguments
            ).map { $0["detail"] as String }
        }
        let plan = details.joined(separator: "\n")
        let fullScans = details.filter { $0 == "SCAN e" || $0 == "SCAN entry" }
        #expect(fullScans.isEmpty, "plan:\n\(plan)")
    }
}
