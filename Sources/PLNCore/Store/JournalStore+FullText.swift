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
    package static func restoreIndexes(_ indexes: [DeferredIndex], in db: Database) throws {
        for index in indexes { try db.execute(sql: index.sql) }
    }
}
