import GRDB

/// The tag, person and source links of an import's entries, inserted many rows to a statement.
///
/// With one `INSERT` a link, in the order the entries came, the 2.6 million links of a
/// million-entry import took as long as the entries themselves: each row went to a different
/// place in its table (the tables are keyed by tag, person or source first), so at that size the
/// time went in fetching and writing back pages rather than in instructions. Rows wait here until
/// `rowsPerStatement` of a kind are in, then go in with one statement, sorted by the table's key
/// so that neighbouring rows land on the same pages (and each statement's set-up is paid once).
///
/// Rows are only written by `add…` once enough have gathered, and by `flush`: whoever reads the
/// link tables during the import, and the import itself before it ends, calls `flush` first.
package final class LinkBatch {
    package static let rowsPerStatement = 256

    /// Rows by table: (entry, tag) for tags, with the role or locator for people and sources.
    private var tags: [Link] = []
    private var people: [Link] = []
    private var sources: [Link] = []
    /// The full-size statement of each insert, prepared once.
    private var statements: [RecordSQL: Statement] = [:]
    /// Person and source links inserted so far (a link given twice to one entry counts once).
    package private(set) var inserted = 0

    private typealias Link = (entry: Int64, id: Int64, label: String)

    package init() {
        tags.reserveCapacity(Self.rowsPerStatement)
        people.reserveCapacity(Self.rowsPerStatement)
        sources.reserveCapacity(Self.rowsPerStatement)
    }

    package func addTag(_ tag: Int64, entry: Int64, in db: Database) throws {
        tags.append((entry, tag, ""))
        if tags.count == Self.rowsPerStatement { try flush(&tags, .linkTag, in: db) }
    }

    package func addPerson(_ person: Int64, role: String, entry: Int64, in db: Database) throws {
        people.append((entry, person, role))
        if people.count == Self.rowsPerStatement { try flush(&people, .linkPerson, in: db) }
    }

    package func addSource(_ source: Int64, locator: String, entry: Int64, in db: Database) throws {
        sources.append((entry, source, locator))
        if sources.count == Self.rowsPerStatement { try flush(&sources, .linkSource, in: db) }
    }

    /// Inserts every row still waiting.
    package func flush(in db: Database) throws {
        try flush(&tags, .linkTag, in: db)
        try flush(&people, .linkPerson, in: db)
        try flush(&sources, .linkSource, in: db)
    }

    /// Forgets waiting rows and statements (after a rollback, or at the end of the import).
    package func reset() {
        tags.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        statements.removeAll()
        inserted = 0
    }

    /// Inserts `rows` with `sql`, sorted by the table's key; person and source rows count in
    /// `inserted`.
    private func flush(_ rows: inout [Link], _ sql: RecordSQL, in db: Database) throws {
        guard !rows.isEmpty else { return }
        rows.sort { ($0.id, $0.entry) < ($1.id, $1.entry) }
        let labelled = sql != .linkTag
        var values: [RawValue] = []
        values.reserveCapacity((labelled ? 3 : 2) * rows.count)
        for row in rows {
            values.append(.integer(row.entry))
            values.append(.integer(row.id))
            if labelled { values.append(.text(row.label)) }
        }
        let statement = try self.statement(sql, rows: rows.count, in: db)
        rows.removeAll(keepingCapacity: true)
        try statement.runRaw(values)
        if labelled { inserted += db.changesCount }
    }

    /// The statement inserting `rows` rows: the full size is prepared once and kept, a smaller
    /// last batch gets its own.
    private func statement(_ sql: RecordSQL, rows: Int, in db: Database) throws -> Statement {
        if rows == Self.rowsPerStatement, let statement = statements[sql] { return statement }
        let statement = try db.makeStatement(sql: sql.text(rows: rows))
        if rows == Self.rowsPerStatement { statements[sql] = statement }
        return statement
    }
}
