import GRDB

extension JournalStore {
    /// FTS5's in-memory buffer of new terms, while `indexFullText` runs (the default is 1 MiB).
    static let bulkIndexBuffer = 32 << 20
    static let defaultIndexBuffer = 1 << 20

    /// Adds the entries from id `firstID` on to the full-text index, in one statement, and puts
    /// back the trigger that indexes entries as they are added (bulk writes drop it first).
    ///
    /// FTS5 writes its buffer of new terms to disk as a segment each time it fills, and merges
    /// those segments as it goes; a 16 MiB buffer instead of 1 MiB makes a sixteenth of the
    /// segments, and indexing a million entries takes about 5.5 s instead of 8.7 s. 32 MiB
    /// spares a level of merging at a million entries: 22.6G instructions instead of 29.7G
    /// (the `sqlite3` shell indexing those bodies; 64 and 128 MiB: 22.5G and 22.4G). The buffer
    /// is set back to its default afterwards (it is saved in the index's configuration).
    package static func indexFullText(from firstID: Int64, in db: Database) throws {
        try db.execute(sql: "INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', ?)", arguments: [bulkIndexBuffer])
        try db.execute(sql: "INSERT INTO entry_fts(rowid, body) SELECT id, body FROM entry WHERE id >= ?", arguments: [firstID])
        try db.execute(sql: "INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', ?)", arguments: [defaultIndexBuffer])
        try db.execute(sql: Schema.ftsInsertTrigger)
    }

    /// A secondary index a bulk write dropped, with the statement that builds it again.
    package struct DeferredIndex: Sendable {
        package let name: String
        package let sql: String
    }

    /// Drops the non-unique indexes of entries, and with `includingUUIDs` the unique index of
    /// their UUIDs, for a bulk write into an empty journal to build them once from sorted keys
    /// at the end instead of row by row, as dates and UUIDs come in any order. Queries stay
    /// correct without them, only slower; but without the UUID index nothing keeps two
    /// entries from having one UUID: only a writer that can start again when building it fails
    /// drops it (pln's own import of a file). Partial indexes go too: few rows match, but each
    /// insert evaluated their conditions (0.4 s of a million-entry import, for two scans at
    /// the end). Call `restoreIndexes` before the transaction commits; a rollback restores them
    /// anyway.
    ///
    /// The links' indexes stay: their keys are the entry's id (or a role, then the id), which
    /// only grows during an import, so each row goes at the right edge of the index (or of its
    /// role's part), in pages already in the cache. Built at the end they cost a scan and a
    /// sort of every link table: a million-entry import took 1.4-2 s longer that way.
    package static func dropSecondaryIndexes(in db: Database, includingUUIDs: Bool = false) throws -> [DeferredIndex] {
        // The UUID index first, so a repeated UUID stops the rebuilding before the others.
        let indexes = try Row.fetchAll(db, sql: """
            SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = 'entry'
            AND (sql NOT LIKE 'CREATE UNIQUE%' OR (? AND name = ?))
            ORDER BY name = ? DESC, name
            """, arguments: [includingUUIDs, Schema.uuidIndexName, Schema.uuidIndexName]).map { DeferredIndex(name: $0[0], sql: $0[1]) }
        for index in indexes { try db.execute(sql: "DROP INDEX \(index.name.quotedDatabaseIdentifier)") }
        return indexes
    }

    /// Builds again the indexes `dropSecondaryIndexes` dropped.
    ///
    /// SQLite sorts an index's keys in one piece while they fit in the page cache, and sorts
    /// the pieces beyond that on worker threads, but only when it may write them to temporary
    /// files (pln keeps SQLite's temporary data in memory otherwise). With a 4 MiB cache, two
    /// workers and files, the pieces are sorted on the other core while the table is read:
    /// the indexes of a million imported entries took 2.3 s instead of 3.3 s, and 180 MB
    /// instead of 230 MB of memory at their peak, as the keys no longer wait in memory. The
    /// files are SQLite's (in `$SQLITE_TMPDIR`, `$TMPDIR` or /var/tmp), deleted as they are
    /// created; where they cannot be written (a full /var/tmp), the indexes are sorted in
    /// memory as before.
    package static func restoreIndexes(_ indexes: [DeferredIndex], in db: Database) throws {
        guard !indexes.isEmpty else { return }
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize); PRAGMA threads = 0; PRAGMA temp_store = MEMORY") }
        // SQLite refuses to switch inside a transaction that has used its temporary database.
        if (try? db.execute(sql: "PRAGMA temp_store = FILE")) != nil {
            try db.execute(sql: "PRAGMA threads = 2; PRAGMA cache_size = -4096")
            do {
                try db.inSavepoint {
                    for index in indexes { try db.execute(sql: index.sql) }
                    return .commit
                }
                return
            } catch let error as DatabaseError where Self.temporaryFilesFailed(error) {
                try db.execute(sql: "PRAGMA temp_store = MEMORY; PRAGMA threads = 0; PRAGMA cache_size = \(cacheSize)")
            }
        }
        for index in indexes { try db.execute(sql: index.sql) }
    }

    /// Whether building an index failed for want of its temporary files rather than for the
    /// journal's own reasons (a repeated UUID, Ctrl-C), which the caller must hear of.
    static func temporaryFilesFailed(_ error: DatabaseError) -> Bool {
        [.SQLITE_FULL, .SQLITE_IOERR, .SQLITE_CANTOPEN, .SQLITE_NOMEM].contains(error.resultCode)
    }
}
