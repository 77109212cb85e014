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
        let compiled = query.compile()
        let ranked = order == .rank && compiled.rank != nil
        let snippet = compiled.snippet ?? "NULL"
        let select = "SELECT \(JournalStore.entryColumns), \(snippet) AS snippet FROM \(compiled.from) WHERE \(compiled.whereClause)"
        try read { db in
            if let limit {
                // Choose the newest / best `limit`, then present them in order.
                let choose = ranked ? "ORDER BY \(compiled.rank!), e.ts DESC, e.id DESC" : "ORDER BY e.ts DESC, e.id DESC"
                let rows = try Row.fetchAll(db, sql: "\(select) \(choose) LIMIT ?", arguments: compiled.arguments + [limit])
                // Date order shows oldest first; rank order shows best first.
                let ordered = ranked ? (reverse ? rows.reversed() : rows) : (reverse ? rows : rows.reversed())
                for row in ordered {
                    try Interrupt.check()
                    try body(JournalStore.decodeEntry(row), row["snippet"])
                }
            } else {
                let direction = reverse ? "DESC" : "ASC"
                let orderBy = ranked
                    ? "ORDER BY \(compiled.rank!) \(reverse ? "DESC" : "ASC"), e.ts DESC"
                    : "ORDER BY e.ts \(direction), e.id \(direction)"
                let cursor = try Row.fetchCursor(db, sql: "\(select) \(orderBy)", arguments: compiled.arguments)
                while let row = try cursor.next() {
                    try Interrupt.check()
                    try body(JournalStore.decodeEntry(row), row["snippet"])
                }
            }
        }
    }

    /// The number of entries matching `query`.
    package func count(matching query: EntryQuery) throws(PLNError) -> Int {
        let compiled = query.compile()
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
