import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

/// `JournalStore.bulkWrite`: a first import runs with a rollback journal, and the WAL always
/// comes back.
@Suite("Bulk writes")
struct BulkWriteTests {
    let folder = TemporaryFolder()
    var path: String { folder.path + "/journal.db" }

    func draft(_ body: String) -> EntryDraft {
        EntryDraft(parsing: body, timestamp: Timestamp(seconds: 1_790_000_000, utcOffset: 3600))
    }

    /// Bytes 18 and 19 of the file header: 2 and 2 in WAL mode, 1 and 1 with a rollback journal.
    func headerModes() -> [UInt8] {
        let data = FileManager.default.contents(atPath: path) ?? Data()
        return data.count >= 20 ? Array(data[18..<20]) : []
    }

    func mode(_ db: Database) throws -> String? { try String.fetchOne(db, sql: "PRAGMA journal_mode") }

    @Test func firstImportRunsWithARollbackJournalAndLeavesTheWAL() throws {
        let store = try JournalStore(path: path)
        try store.write { db in
            try db.execute(sql: "INSERT INTO tag(name) VALUES ('before')")
        }
        let inside = try store.bulkWrite { db -> String? in
            _ = try JournalStore.add(draft("first #bulk"), in: db)
            return try mode(db)
        }
        #expect(inside == "delete")
        #expect(try store.read(mode) == "wal")
        #expect(headerModes() == [2, 2])
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry") } == ["first #bulk"])
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test func laterImportsKeepTheWAL() throws {
        let store = try JournalStore(path: path)
        try store.write { db in _ = try JournalStore.add(draft("already here"), in: db) }
        let inside = try store.bulkWrite { db in try mode(db) }
        #expect(inside == "wal")
        #expect(try store.read(mode) == "wal")
    }

    @Test func anotherConnectionKeepsTheWAL() throws {
        let store = try JournalStore(path: path)
        // A shell or a reader elsewhere with the journal open: SQLite refuses the switch at
        // once, and the import goes through the WAL.
        let other = try DatabaseQueue(path: path)
        #expect(try other.read(mode) == "wal")
        let inside = try store.bulkWrite { db -> String? in
            _ = try JournalStore.add(draft("beside a reader"), in: db)
            return try mode(db)
        }
        #expect(inside == "wal")
        #expect(try other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") } == 1)
        try other.close()
    }

    @Test func failedFirstImportSavesNothingAndLeavesTheWAL() throws {
        struct Failure: Error {}
        let store = try JournalStore(path: path)
        #expect(throws: PLNError.self) {
            try store.bulkWrite { db in
                // A tiny page cache spills new pages into the file before the transaction ends.
                try db.execute(sql: "PRAGMA cache_size = 10")
                for index in 0..<2_000 { _ = try JournalStore.add(draft("entry \(index) #lost"), in: db) }
                throw Failure()
            }
        }
        let (entries, tags) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM entry"), try Int.fetchOne(db, sql: "SELECT count(*) FROM tag"))
        }
        #expect(entries == 0)
        #expect(tags == 0)
        #expect(try store.read(mode) == "wal")
        #expect(headerModes() == [2, 2])
    }

    @Test func journalLeftWithARollbackJournalGetsTheWALBackWhenOpened() throws {
        do {
            let store = try JournalStore(path: path)
            try store.write { db in _ = try JournalStore.add(draft("kept"), in: db) }
        }
        // What a first import killed before its end leaves behind.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
        try queue.close()
        #expect(headerModes() == [1, 1])

        let store = try JournalStore(path: path)
        #expect(headerModes() == [2, 2])
        #expect(try store.read(mode) == "wal")
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry") } == ["kept"])
    }
}
