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

    private var tags: [(entry: Int64, tag: Int64)] = []
    /// Person links with their role, source links with their locator.
    private var people: [Labelled] = []
    private var sources: [Labelled] = []
    /// The full-size statement of each insert, prepared once.
    private var statements: [RecordSQL: Statement] = [:]
    /// Person and source links inserted so far (a link given twice to one entry counts once).
    package private(set) var inserted = 0

    private typealias Labelled = (entry: Int64, id: Int64, label: String)

    package init() {
        tags.reserveCapacity(Self.rowsPerStatement)
        people.reserveCapacity(Self.rowsPerStatement)
        sources.reserveCapacity(Self.rowsPerStatement)
    }

    package func addTag(_ tag: Int64, entry: Int64, in db: Database) throws {
        tags.append((entry, tag))
        if tags.count == Self.rowsPerStatement { try flushTags(in: db) }
    }

    package func addPerson(_ person: Int64, role: String, entry: Int64, in db: Database) throws {
        people.append((entry, person, role))
        if people.count == Self.rowsPerStatement { try flushLabelled(&people, .linkPerson, in: db) }
    }

    package func addSource(_ source: Int64, locator: String, entry: Int64, in db: Database) throws {
        sources.append((entry, source, locator))
        if sources.count == Self.rowsPerStatement { try flushLabelled(&sources, .linkSource, in: db) }
    }

    /// Inserts every row still waiting.
    package func flush(in db: Database) throws {
        try flushTags(in: db)
        try flushLabelled(&people, .linkPerson, in: db)
        try flushLabelled(&sources, .linkSource, in: db)
    }

    /// Forgets waiting rows and statements (after a rollback, or at the end of the import).
    package func reset() {
        tags.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        statements.removeAll()
        inserted = 0
    }

    private func flushTags(in db: Database) throws {
        guard !tags.isEmpty else { return }
        tags.sort { ($0.tag, $0.entry) < ($1.tag, $1.entry) }
        var values: [RawValue] = []
        values.reserveCapacity(2 * tags.count)
        for row in tags {
            values.append(.integer(row.entry))
            values.append(.integer(row.tag))
        }
        let statement = try self.statement(.linkTag, rows: tags.count, in: db)
        tags.removeAll(keepingCapacity: true)
        try statement.runRaw(values)
    }

    /// Inserts person or source rows (entry, id, role or locator), counting what went in.
    private func flushLabelled(_ rows: inout [Labelled], _ sql: RecordSQL, in db: Database) throws {
        guard !rows.isEmpty else { return }
        rows.sort { ($0.id, $0.entry) < ($1.id, $1.entry) }
        var values: [RawValue] = []
        values.reserveCapacity(3 * rows.count)
        for row in rows {
            values.append(.integer(row.entry))
            values.append(.integer(row.id))
            values.append(.text(row.label))
        }
        let statement = try self.statement(sql, rows: rows.count, in: db)
        rows.removeAll(keepingCapacity: true)
        try statement.runRaw(values)
        inserted += db.changesCount
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
