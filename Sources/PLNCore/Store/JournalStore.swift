import CSQLiteShim
import Foundation
import GRDB
import GRDBSQLite

/// The journal: one SQLite file in WAL mode, opened, checked and migrated.
///
/// Every write goes through `write`, one transaction: an error, a full disk or Ctrl-C leaves the
/// journal exactly as it was.
package final class JournalStore: @unchecked Sendable {
    package let path: String
    let queue: DatabaseQueue

    /// Opens the journal at `path`, creating it (0600, in a 0700 folder) when it does not exist.
    ///
    /// A file that is not a pln journal, or one written by a newer pln, is refused before
    /// SQLite writes a byte to it.
    package init(path: String) throws(PLNError) {
        self.path = path
        let leftInRollbackMode = try JournalStore.prepareFile(at: path)
        var config = Configuration()
        config.busyMode = .timeout(30)
        config.foreignKeysEnabled = true
        config.label = "pln"
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            try SearchRank.register(on: db)
            // Every command used to create the WAL file and delete it at exit: creating it cost
            // a sync of the new file and of its folder, about 1 ms of a `pln add`. The file is
            // kept, emptied after the checkpoint that still folds every change into the
            // journal file when the last connection closes.
            var persist: Int32 = 1
            _ = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
            try db.execute(sql: "PRAGMA journal_size_limit = 0")
        }
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw PLNError.cannotOpen(path: path, reason: JournalStore.describe(error))
        }
        // A hot rollback journal is rolled back by SQLite as the file is first read.
        if leftInRollbackMode {
            restoreWAL()
            // The full-text index a killed first import was building, if it had one.
            FullTextBuilder.removeStale(besides: path)
        }
        try migrate()
    }

    /// Whether SQLite's process-wide options (`CSQLiteShim_configured`) took effect; reading it
    /// also keeps the shim, which sets them as the process starts, in the binary.
    package static var sqliteConfigured: Bool { CSQLiteShim_configured() == SQLITE_OK }

    /// `$PLN_JOURNAL`, else `$XDG_DATA_HOME/pln/journal.db`, else `~/.local/share/pln/journal.db`.
    package static func defaultPath(environment: [String: String] = ProcessEnvironment.values) -> String {
        if let path = environment["PLN_JOURNAL"], !path.isEmpty { return path }
        if let data = environment["XDG_DATA_HOME"], data.hasPrefix("/") { return data + "/pln/journal.db" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/share/pln/journal.db"
    }

    /// Creates the folder (0700) and an empty file (0600), or checks that an existing file is a
    /// journal this pln can open, reading its header directly so a foreign file is never touched.
    ///
    /// Returns true for a journal left with a rollback journal (a first import that was killed
    /// before it could put the WAL back; see `bulkWrite`).
    @discardableResult
    static func prepareFile(at path: String) throws(PLNError) -> Bool {
        let manager = FileManager.default
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty, !manager.fileExists(atPath: folder) {
            do {
                try manager.createDirectory(
                    atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            } catch {
                throw .cannotOpen(path: path, reason: "cannot create folder \(folder)")
            }
        }
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            guard errno == ENOENT else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            let created = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
            guard created >= 0 else { throw .cannotOpen(path: path, reason: String(cString: strerror(errno))) }
            close(created)
            return false
        }
        defer { close(fd) }
        var header = [UInt8](repeating: 0, count: 100)
        let count = Foundation.read(fd, &header, 100)
        if count == 0 { return false }  // an empty file: a new journal
        let magic = Array("SQLite format 3\0".utf8)
        guard count == 100, Array(header[0..<16]) == magic else { throw .notAJournal(path: path) }
        func int32(at offset: Int) -> Int32 {
            Int32(bitPattern: UInt32(header[offset]) << 24 | UInt32(header[offset + 1]) << 16
                | UInt32(header[offset + 2]) << 8 | UInt32(header[offset + 3]))
        }
        let applicationID = int32(at: 68)
        // A journal created a moment ago may still hold its id in the WAL file; the check inside
        // SQLite (in `migrate`) decides then.
        if applicationID == 0, access(path + "-wal", F_OK) == 0 { return false }
        guard applicationID == Schema.applicationID else { throw .notAJournal(path: path) }
        let version = Int(int32(at: 60))
        if version > Schema.version { throw .journalTooNew(path: path, version: version, known: Schema.version) }
        // Bytes 18 and 19 are the file format's write and read versions: 2 in WAL mode.
        return header[18] != 2
    }

    private func migrate() throws(PLNError) {
        do {
            let (applicationID, version) = try queue.read { db in
                (try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0,
                 try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0)
            }
            if version > Schema.version {
                throw PLNError.journalTooNew(path: path, version: version, known: Schema.version)
            }
            if version > 0, applicationID != Schema.applicationID { throw PLNError.notAJournal(path: path) }
            if version == 0 {
                let tables = try queue.read { db in
                    try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") ?? 0
                }
                if tables > 0 { throw PLNError.notAJournal(path: path) }
                try queue.writeWithoutTransaction { db in
                    _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                }
            }
            guard version < Schema.version else { return }
            try queue.inTransaction(.exclusive) { db in
                // Re-read under the lock: another pln may have migrated meanwhile.
                let current = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                for index in current..<Schema.version {
                    try db.execute(sql: Schema.migrations[index])
                    try db.execute(sql: "PRAGMA user_version = \(index + 1)")
                }
                // Version 4 edits the schema table itself, which SQLite does not count as a
                // change of schema: the cookie moves so other connections read it again. The
                // entries' UUIDs must still be unique, through the new index or the old one.
                let cookie = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
                try db.execute(sql: "PRAGMA schema_version = \(cookie + 1)")
                db.clearSchemaCache()
                guard try Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM pragma_index_list('entry') WHERE name = 'entry_uuid' AND "unique")
                        <> EXISTS (SELECT 1 FROM pragma_index_list('entry') WHERE origin = 'u')
                    """) == true else {
                    throw PLNError.cannotOpen(path: path, reason: "the entries' UUID index could not be upgraded")
                }
                try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
                return .commit
            }
            // Put the id and version into the main file's header, where the next open checks them.
            try queue.writeWithoutTransaction { db in
                _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        } catch let error as PLNError {
            throw error
        } catch {
            throw PLNError.cannotOpen(path: path, reason: JournalStore.describe(error))
        }
    }

    /// Runs `body` in one transaction; any error rolls back everything it wrote.
    package func write<T>(_ body: (Database) throws -> T) throws(PLNError) -> T {
        do {
            return try queue.write(body)
        } catch {
            throw JournalStore.wrap(error)
        }
    }

    /// Runs `body` as one transaction like `write`, for a bulk write such as an import.
    ///
    /// Into a journal that holds no entry yet (a first import), the transaction runs with a
    /// rollback journal instead of the WAL: SQLite then writes the new pages once, into the
    /// journal file, where through the WAL every page was written twice (into the WAL, then by
    /// the checkpoint into the journal) and pages spilled from the cache were read back from
    /// the WAL. Pages past the file's old end need no copy in the rollback journal, so a first
    /// import journals almost nothing: a million entries imported 17% faster, with half the
    /// system time. The switch needs every other connection closed (SQLite refuses it at once
    /// otherwise, and the write goes through the WAL as usual); while it lasts, other
    /// processes wait for the import instead of reading the empty journal beside it. The WAL
    /// comes back when the transaction ends, and at the next open if pln was killed meanwhile
    /// (see `prepareFile`).
    ///
    /// `checkingForeignKeys: false` is for writers that make every reference from ids they have
    /// just read or inserted, and delete nothing (pln's own JSONL import): SQLite then skips the
    /// two or three parent lookups of every link row, half the cost of writing a link. A delete
    /// would not cascade meanwhile, so user code (a Lua importer) never runs this way. The check
    /// is back on when the transaction ends.
    ///
    /// `detaching` names a database `body` may attach: SQLite detaches no file a transaction
    /// has read until the transaction ends. It is detached before the journal mode changes
    /// back, so that change is the journal's alone.
    package func bulkWrite<T>(
        checkingForeignKeys: Bool = true, detaching attached: String? = nil, _ body: (Database) throws -> T
    ) throws(PLNError) -> T {
        let rollbackJournal = (try? queue.writeWithoutTransaction { db -> Bool in
            if !checkingForeignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
            guard try Bool.fetchOne(db, sql: "SELECT NOT EXISTS (SELECT 1 FROM entry)") == true else { return false }
            return try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") == "delete"
        }) ?? false
        defer {
            if let attached {
                _ = try? queue.writeWithoutTransaction { db in
                    let attachedNow = try String.fetchAll(db, sql: "SELECT name FROM pragma_database_list")
                    if attachedNow.contains(attached) {
                        try db.execute(sql: "DETACH DATABASE \(attached.quotedDatabaseIdentifier)")
                    }
                }
            }
            if rollbackJournal { restoreWAL() }
            if !checkingForeignKeys {
                _ = try? queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
            }
        }
        return try write(body)
    }

    /// Puts the journal back into WAL mode; when another process holds it open, the next open
    /// does it instead.
    private func restoreWAL() {
        _ = try? queue.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
    }

    /// Runs `body` with a consistent read-only view of the journal.
    package func read<T>(_ body: (Database) throws -> T) throws(PLNError) -> T {
        do {
            return try queue.read(body)
        } catch {
            throw JournalStore.wrap(error)
        }
    }

    static func wrap(_ error: any Error) -> PLNError {
        if let error = error as? PLNError { return error }
        return .database(describe(error))
    }

    /// A one-line description of a database error without SQL or arguments.
    static func describe(_ error: any Error) -> String {
        if let error = error as? DatabaseError {
            switch error.resultCode {
            case .SQLITE_FULL: return "the disk is full"
            case .SQLITE_BUSY, .SQLITE_LOCKED: return "the journal is busy in another process; try again"
            case .SQLITE_NOTADB: return "not a pln journal"
            case .SQLITE_READONLY: return "the journal is read-only"
            case .SQLITE_INTERRUPT: return "interrupted"
            default: return error.message ?? "SQLite error \(error.resultCode.rawValue)"
            }
        }
        return String(describing: error)
    }
}

extension JournalStore {
    /// The version of the SQLite library pln runs on.
    package static var sqliteVersion: String {
        (try? DatabaseQueue().read { db in try String.fetchOne(db, sql: "SELECT sqlite_version()") }) ?? "unknown"
    }
}
