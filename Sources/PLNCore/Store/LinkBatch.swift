import GRDB
import GRDBSQLite

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
    private var statements: [Kind: Statement] = [:]
    /// Person and source links inserted so far (a link given twice to one entry counts once).
    package private(set) var inserted = 0

    private typealias Labelled = (entry: Int64, id: Int64, label: String)

    private enum Kind: Hashable {
        case tag(rows: Int), person(rows: Int), source(rows: Int)
    }

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
        if people.count == Self.rowsPerStatement { try flushPeople(in: db) }
    }

    package func addSource(_ source: Int64, locator: String, entry: Int64, in db: Database) throws {
        sources.append((entry, source, locator))
        if sources.count == Self.rowsPerStatement { try flushSources(in: db) }
    }

    /// Inserts every row still waiting.
    package func flush(in db: Database) throws {
        try flushTags(in: db)
        try flushPeople(in: db)
        try flushSources(in: db)
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
        let statement = try self.statement(.tag(rows: tags.count), in: db)
        let handle = statement.sqliteStatement
        var index: Int32 = 1
        for row in tags {
            sqlite3_bind_int64(handle, index, row.entry)
            sqlite3_bind_int64(handle, index + 1, row.tag)
            index += 2
        }
        tags.removeAll(keepingCapacity: true)
        try run(statement)
    }

    private func flushPeople(in db: Database) throws {
        try flushLabelled(&people, kind: Kind.person, in: db)
    }

    private func flushSources(in db: Database) throws {
        try flushLabelled(&sources, kind: Kind.source, in: db)
    }

    /// Inserts person or source rows (entry, id, role or locator), counting what went in.
    private func flushLabelled(_ rows: inout [Labelled], kind: (Int) -> Kind, in db: Database) throws {
        guard !rows.isEmpty else { return }
        rows.sort { ($0.id, $0.entry) < ($1.id, $1.entry) }
        let statement = try self.statement(kind(rows.count), in: db)
        let handle = statement.sqliteStatement
        var index: Int32 = 1
        for row in rows {
            sqlite3_bind_int64(handle, index, row.entry)
            sqlite3_bind_int64(handle, index + 1, row.id)
            try Self.bind(row.label, to: handle, at: index + 2, statement: statement)
            index += 3
        }
        rows.removeAll(keepingCapacity: true)
        try run(statement)
        inserted += Int(sqlite3_changes(sqlite3_db_handle(handle)))
    }

    private static func bind(_ text: String, to handle: OpaquePointer, at index: Int32, statement: Statement) throws {
        var text = text
        let code = text.withUTF8 { buffer in
            // An empty buffer may have no address, which SQLite would bind as NULL.
            guard let base = buffer.baseAddress, !buffer.isEmpty else {
                return sqlite3_bind_text(handle, index, "", 0, transient)
            }
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                     Int32(buffer.count), transient)
        }
        guard code == SQLITE_OK else { throw failure(code, statement) }
    }

    private func run(_ statement: Statement) throws {
        let handle = statement.sqliteStatement
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        guard code == SQLITE_DONE else { throw Self.failure(code, statement) }
    }

    /// The statement inserting `rows` rows of a kind: the full size is prepared once and kept,
    /// a smaller last batch gets its own.
    private func statement(_ kind: Kind, in db: Database) throws -> Statement {
        if let statement = statements[kind] { return statement }
        let (head, tuple, rows): (String, String, Int) = switch kind {
        case .tag(let rows): ("INSERT OR IGNORE INTO entry_tag (entry_id, tag_id) VALUES ", "(?, ?)", rows)
        case .person(let rows):
            ("INSERT OR IGNORE INTO entry_person (entry_id, person_id, role) VALUES ", "(?, ?, ?)", rows)
        case .source(let rows):
            ("INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator) VALUES ", "(?, ?, ?)", rows)
        }
        let statement = try db.makeStatement(sql: head + repeatElement(tuple, count: rows).joined(separator: ", "))
        if rows == Self.rowsPerStatement { statements[kind] = statement }
        return statement
    }

    private static func failure(_ code: Int32, _ statement: Statement) -> DatabaseError {
        let message = sqlite3_db_handle(statement.sqliteStatement).map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }

    /// SQLite copies the bytes before `sqlite3_bind_text` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
