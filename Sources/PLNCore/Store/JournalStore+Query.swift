import GRDB

/// How selected entries are ordered.
package enum EntryOrder: String, Sendable, CaseIterable {
    /// By date, oldest first (newest last, next to the prompt).
    case date
    /// By full-text relevance, best first; by date when the query has no words to rank.
    case rank
}

extension JournalStore {
    /// Streams the entries matching `query` to `body`, one at a time.
    ///
    /// With a `limit`, the newest (or best ranked) `limit` entries are chosen, then shown in
    /// the requested order; `reverse` flips that order.
    /// - Complexity: memory is O(limit) with a limit and O(1) entries without one.
    package func forEachEntry(
        matching query: EntryQuery, order: EntryOrder = .date, reverse: Bool = false, limit: Int? = nil,
        _ body: (Entry, String?) throws -> Void
    ) throws(PLNError) {
        try read { db in
            if let limit {
                try JournalStore.limited(query, order: order, reverse: reverse, limit: limit, db: db, body)
            } else {
                let compiled = query.compile()
                let ranked = order == .rank && compiled.rank != nil
                let direction = reverse ? "DESC" : "ASC"
                let orderBy = ranked
                    ? "ORDER BY \(compiled.rank!) \(direction), e.ts DESC"
                    : "ORDER BY e.ts \(direction), e.id \(direction)"
                let sql = "SELECT \(JournalStore.entryColumns), \(compiled.snippet ?? "NULL") AS snippet FROM \(compiled.from) "
                    + "WHERE \(compiled.whereClause) \(orderBy)"
                let cursor = try Row.fetchCursor(db, sql: sql, arguments: compiled.arguments)
                while let row = try cursor.next() {
                    try Interrupt.check()
                    try body(JournalStore.decodeEntry(row), row["snippet"])
                }
            }
        }
    }

    /// A limited listing in two steps: choose the ids (newest or best ranked) reading only the
    /// indexes, then load those few entries with their links and snippets.
    ///
    /// One step would compute every matching entry's tags, people, sources and snippet before
    /// sorting; on a common tag of a 1M-entry journal that is 100 000 rows of work for 20.
    private static func limited(
        _ query: EntryQuery, order: EntryOrder, reverse: Bool, limit: Int, db: Database,
        _ body: (Entry, String?) throws -> Void
    ) throws {
        let plain = query.compile()
        let ranked = order == .rank && plain.rank != nil
        let compiled = ranked ? plain : query.compile(isFrequent: try frequency(of: query, db: db))
        let choose = ranked ? "ORDER BY \(compiled.rank!), e.ts DESC, e.id DESC" : "ORDER BY e.ts DESC, e.id DESC"
        let ids: [Int64]
        if ranked, compiled.whereClause == "entry_fts MATCH ?" {
            // Words only: the best `limit` come from the full-text index alone, without reading an
            // entry row (SQLite keeps the best `limit` as it goes).
            ids = try Int64.fetchAll(
                db, sql: "SELECT rowid FROM entry_fts WHERE entry_fts MATCH ? ORDER BY pln_rank(entry_fts) LIMIT ?",
                arguments: compiled.arguments + [limit])
        } else {
            ids = try Int64.fetchAll(
                db, sql: "SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause) \(choose) LIMIT ?",
                arguments: compiled.arguments + [limit])
        }
        guard !ids.isEmpty else { return }
        let list = ids.map(String.init).joined(separator: ",")
        let rows: [Row]
        if let snippet = plain.snippet {
            rows = try Row.fetchAll(
                db, sql: "SELECT \(entryColumns), \(snippet) AS snippet FROM \(plain.from) WHERE \(plain.whereClause) AND entry_fts.rowid IN (\(list))",
                arguments: plain.arguments)
        } else {
            rows = try Row.fetchAll(db, sql: "SELECT \(entryColumns), NULL AS snippet FROM entry e WHERE e.id IN (\(list))")
        }
        var byID: [Int64: Row] = [:]
        for row in rows { byID[row[0]] = row }
        // Date order shows oldest first; rank order shows best first.
        let ordered = ranked ? (reverse ? ids.reversed() : ids) : (reverse ? ids : ids.reversed())
        for id in ordered {
            try Interrupt.check()
            guard let row = byID[id] else { continue }
            try body(decodeEntry(row), row["snippet"])
        }
    }

    /// Which top-level link terms of `query` match at least `threshold` entries.
    ///
    /// - Complexity: at most `threshold` index entries read per term.
    static func frequency(of query: EntryQuery, db: Database, threshold: Int = 2000) throws -> (QueryExpression) -> Bool {
        guard let expression = query.expression else { return { _ in false } }
        let operands: [QueryExpression]
        if case .and(let list) = expression { operands = list } else { operands = [expression] }
        var frequent: [QueryExpression] = []
        for operand in operands {
            guard let (sql, argument) = EntryQuery.linkCount(for: operand, cap: threshold) else { continue }
            if try Int.fetchOne(db, sql: sql, arguments: [argument]) ?? 0 >= threshold { frequent.append(operand) }
        }
        return { expression in frequent.contains(expression) }
    }

    /// The number of entries matching `query`.
    package func count(matching query: EntryQuery) throws(PLNError) -> Int {
        let compiled = query.compile()
        // One tag, person or source alone: count its link table, without touching the entries.
        if let expression = query.expression, let (sql, argument) = EntryQuery.linkCount(for: expression, cap: nil) {
            return try read { db in try Int.fetchOne(db, sql: sql, arguments: [argument]) ?? 0 }
        }
        return try read { db in
            try Int.fetchOne(
                db, sql: "SELECT count(*) FROM \(compiled.from) WHERE \(compiled.whereClause)",
                arguments: compiled.arguments) ?? 0
        }
    }

    /// Tags used by the entries matching `query`, with how many entries use each, most used first.
    package func tags(matching query: EntryQuery) throws(PLNError) -> [(name: String, count: Int)] {
        let compiled = query.compile()
        let sql: String
        if query.expression == nil {
            sql = """
                SELECT t.name, count(*) AS n FROM entry_tag et JOIN tag t ON t.id = et.tag_id
                GROUP BY et.tag_id ORDER BY n DESC, t.name COLLATE NOCASE
                """
        } else {
            sql = """
                SELECT t.name, count(*) AS n FROM entry_tag et JOIN tag t ON t.id = et.tag_id
                WHERE et.entry_id IN (SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause))
                GROUP BY et.tag_id ORDER BY n DESC, t.name COLLATE NOCASE
                """
        }
        return try read { db in
            try Row.fetchAll(db, sql: sql, arguments: compiled.arguments).map { ($0[0], $0[1]) }
        }
    }
}
