import GRDBSQLite

/// The current row of a statement stepped through SQLite's own calls (`firstRowRaw`): its
/// columns read by index, without GRDB's `Row` and its copies.
package struct RawRow {
    let statement: OpaquePointer

    /// The column as text (SQLite converts a number), or nil for NULL.
    package func text(_ index: Int32) -> String? {
        guard let bytes = sqlite3_column_text(statement, index) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, index))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// The column as an integer, or nil for NULL.
    package func integer(_ index: Int32) -> Int64? {
        sqlite3_column_type(statement, index) == SQLITE_NULL ? nil : sqlite3_column_int64(statement, index)
    }
}
