import GRDB
import GRDBSQLite

/// A value for `Statement.runRaw`.
package enum RawValue {
    case integer(Int64)
    case text(String)
    case null

    /// Text, or NULL for nil.
    package static func text(_ value: String?) -> RawValue { value.map { .text($0) } ?? .null }
}

extension Statement {
    /// Runs this statement (one that writes and returns no rows) with `values` bound to its
    /// parameters in order, through SQLite's own calls.
    ///
    /// For the inserts an import runs for every record: GRDB's `execute(arguments:)` boxes each
    /// value as an existential (copied several times on its way to the binding) and checks and
    /// resets the statement around the run, about 4k instructions a run, a tenth of an
    /// imported entry. Errors are GRDB's `DatabaseError`, as `execute` would throw them.
    package func runRaw(_ values: RawValue...) throws {
        _ = try stepRaw(values)
    }

    /// `runRaw` with the values in an array.
    package func runRaw(_ values: [RawValue]) throws {
        _ = try stepRaw(values)
    }

    /// Runs this insert as `runRaw` does: the new row's id, or nil when it inserted nothing
    /// (`ON CONFLICT … DO NOTHING`, `OR IGNORE`).
    ///
    /// Read from SQLite directly: GRDB's `changesCount` and `lastInsertedRowID` check the
    /// calling thread first, about 450 instructions each, twice a record in an import.
    package func insertRaw(_ values: RawValue...) throws -> Int64? {
        _ = try stepRaw(values)
        return insertedRowID
    }

    /// `insertRaw` with the values in an array.
    package func insertRaw(_ values: [RawValue]) throws -> Int64? {
        _ = try stepRaw(values)
        return insertedRowID
    }

    private var insertedRowID: Int64? {
        guard let connection = sqlite3_db_handle(sqliteStatement), sqlite3_changes(connection) > 0 else { return nil }
        return sqlite3_last_insert_rowid(connection)
    }

    /// Whether this query, with `values` bound as `runRaw` binds them, returns a row.
    package func hasRowRaw(_ values: RawValue...) throws -> Bool {
        try stepRaw(values) == SQLITE_ROW
    }

    /// The first row of this query with `values` bound as `runRaw` binds them, as `read` makes
    /// it from the columns, or nil when there is none. `read` must not keep the `RawRow`.
    package func firstRowRaw<T>(_ values: RawValue..., read: (RawRow) -> T) throws -> T? {
        var result: T?
        _ = try stepRaw(values) { result = read(RawRow(statement: $0)) }
        return result
    }

    /// Binds `values`, steps once (giving a row to `row`) and resets: SQLITE_ROW or SQLITE_DONE.
    private func stepRaw(_ values: [RawValue], row: (OpaquePointer) -> Void = { _ in }) throws -> Int32 {
        let handle = sqliteStatement
        sqlite3_reset(handle)
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .integer(let number):
                code = sqlite3_bind_int64(handle, index, number)
            case .null:
                code = sqlite3_bind_null(handle, index)
            case .text(var text):
                code = text.withUTF8 { buffer in
                    // An empty buffer may have no address, which SQLite would bind as NULL.
                    let bytes = buffer.baseAddress.map { UnsafeRawPointer($0) } ?? UnsafeRawPointer(Self.empty.utf8Start)
                    return sqlite3_bind_text(handle, index, bytes.assumingMemoryBound(to: CChar.self),
                                             Int32(buffer.count), Self.transient)
                }
            }
            guard code == SQLITE_OK else { throw failure(code) }
        }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { row(handle) }
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw failure(code) }
        return code
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let message = sqlite3_db_handle(sqliteStatement).map { String(cString: sqlite3_errmsg($0)) }
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: sql)
    }

    /// SQLite copies the bytes before `sqlite3_bind_text` returns.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
    private static let empty: StaticString = ""
}
