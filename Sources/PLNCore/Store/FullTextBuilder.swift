import Foundation
import GRDB

/// Builds the full-text index of a first import on a second core.
///
/// An import into an empty journal used to index every entry after it had written them all:
/// a sixth of a million-entry import (3 s) on one core while the other one idled. The builder
/// indexes the entries while the import writes them, in a database file of its own beside the
/// journal (`JOURNAL.fulltext-PID`, 0600), through a thread and a connection of its own. When
/// the entries are in, the import copies the index's tables into the journal (0.6 s for a
/// million entries): an FTS5 index is nothing but those tables, and an empty journal's index
/// has nothing in them worth keeping.
///
/// The import attaches the builder's file to its connection only once the thread has
/// committed: a connection that has read an attached file holds its lock until the
/// transaction ends, and the builder could not write meanwhile. It is detached when the
/// import's transaction has ended. `discard()` stops the thread and removes the file whatever
/// happened; a file left by a pln that was killed is removed by the next builder beside the
/// same journal.
package final class FullTextBuilder: @unchecked Sendable {
    /// The schema name the import attaches the builder's file as.
    package static let schemaName = "pln_fulltext"
    /// Entries handed to the thread at a time, and batches that may wait for it. A batch also
    /// goes as soon as its bodies reach `batchBytes`, so that long entries do not pile up
    /// (a 777 MB file of 3,000 entries of 260 KB each: peak memory 749 MB before, 189 MB after).
    static let batchSize = 512
    static let batchBytes = 1 << 20
    static let queueLimit = 8

    package let path: String
    private let database: DatabaseQueue
    /// The shadow tables of the builder's index, copied into the journal's.
    private let tables: [String]

    /// The batch being filled, and the bytes of its bodies (import thread only).
    private var batch: [(id: Int64, body: String)] = []
    private var batchWeight = 0
    /// Batches handed to the thread so far (import thread only).
    private(set) var batchesHanded = 0
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var waiting: [[(id: Int64, body: String)]] = []
    private var noMoreEntries = false
    private var cancelled = false
    private var threadDone = false
    private var threadStarted = false
    private var failure: PLNError?

    /// Creates the builder's file beside `journalPath`, with an index defined as the journal's
    /// (`tableSQL` is the journal's `CREATE VIRTUAL TABLE entry_fts …`), and starts its thread.
    package init(journalPath: String, tableSQL: String) throws(PLNError) {
        Self.removeStale(besides: journalPath)
        path = journalPath + ".fulltext-\(getpid())"
        Self.removeFiles(at: path)
        let created = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard created >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        close(created)
        do {
            var config = Configuration()
            config.label = "pln.fulltext"
            database = try DatabaseQueue(path: path, configuration: config)
            tables = try database.writeWithoutTransaction { db in
                // The file is thrown away unless the whole build succeeds: nothing to journal.
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = OFF")
                try db.execute(sql: "PRAGMA synchronous = OFF")
                try db.execute(sql: "PRAGMA cache_size = -32768")
                try db.execute(sql: tableSQL)
                try db.execute(
                    sql: "INSERT INTO entry_fts(entry_fts, rank) VALUES ('hashsize', ?)",
                    arguments: [JournalStore.bulkIndexBuffer])
                return try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'entry\\_fts\\_%' ESCAPE '\\'
                    AND name <> 'entry_fts_config' ORDER BY name
                    """)
            }
        } catch {
            Self.removeFiles(at: path)
            throw JournalStore.wrap(error)
        }
        let thread = Thread { [self] in run() }
        thread.name = "pln.fulltext"
        condition.lock()
        threadStarted = true
        condition.unlock()
        thread.start()
    }

    deinit { discard() }

    /// Queues an entry the import has just written.
    package func add(id: Int64, body: String) throws(PLNError) {
        batch.append((id, body))
        batchWeight += body.utf8.count
        if batch.count >= Self.batchSize || batchWeight >= Self.batchBytes { try handOff() }
    }

    /// Waits for the thread to index every entry queued; throws what stopped it, if anything.
    package func finish() throws(PLNError) {
        try handOff()
        condition.lock()
        defer { condition.unlock() }
        noMoreEntries = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        if let failure { throw failure }
    }

    /// Replaces the journal's (empty) full-text index with the one built. Call after
    /// `finish()`. Attaches the builder's file as `schemaName`: detach it when the transaction
    /// has ended (SQLite keeps it attached until then).
    package func copy(into db: Database) throws {
        let source = Self.schemaName.quotedDatabaseIdentifier
        try db.execute(sql: "ATTACH DATABASE ? AS \(source)", arguments: [path])
        for table in tables {
            let name = table.quotedDatabaseIdentifier
            try db.execute(sql: "DELETE FROM main.\(name)")
            try db.execute(sql: "INSERT INTO main.\(name) SELECT * FROM \(source).\(name)")
        }
    }

    /// Stops the thread if it still runs and removes the builder's file. Safe to call twice.
    package func discard() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while threadStarted && !threadDone { condition.wait() }
        condition.unlock()
        try? database.close()
        Self.removeFiles(at: path)
    }

    // MARK: Import thread

    private func handOff() throws(PLNError) {
        guard !batch.isEmpty else { return }
        condition.lock()
        defer { condition.unlock() }
        while waiting.count >= Self.queueLimit && failure == nil && !threadDone { condition.wait() }
        if let failure { throw failure }
        waiting.append(batch)
        batchesHanded += 1
        batch = []
        batchWeight = 0
        batch.reserveCapacity(Self.batchSize)
        condition.broadcast()
    }

    // MARK: Builder thread

    private func run() {
        // Ctrl-C is the import thread's to notice.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_BLOCK, &signals, nil)
        var problem: PLNError?
        do {
            try database.writeWithoutTransaction { db in
                try db.inTransaction {
                    let insert = try db.makeStatement(sql: "INSERT INTO entry_fts(rowid, body) VALUES (?, ?)")
                    while let entries = next() {
                        for entry in entries { try insert.runRaw(.integer(entry.id), .text(entry.body)) }
                    }
                    return isCancelled ? .rollback : .commit
                }
            }
        } catch {
            problem = JournalStore.wrap(error)
        }
        condition.lock()
        failure = problem
        threadDone = true
        waiting.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, or nil once the import has finished or given up.
    private func next() -> [(id: Int64, body: String)]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting.isEmpty && !noMoreEntries && !cancelled { condition.wait() }
        guard !cancelled, !waiting.isEmpty else { return nil }
        condition.broadcast()
        return waiting.removeFirst()
    }

    private var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }

    // MARK: Files

    private static func removeFiles(at path: String) {
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(path + suffix) }
    }

    /// Removes the builders' files beside `journalPath` whose process is gone (a pln killed
    /// while it imported).
    package static func removeStale(besides journalPath: String) {
        let url = URL(fileURLWithPath: journalPath)
        let prefix = url.lastPathComponent + ".fulltext-"
        let folder = url.deletingLastPathComponent().path
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for name in names where name.hasPrefix(prefix) {
            let digits = name.dropFirst(prefix.count).prefix(while: \.isNumber)
            guard let pid = pid_t(digits), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + name) }
        }
    }
}
