import Foundation
import GRDB
import Synchronization
import PLNTestSupport
import Testing
@testable import PLNCore

/// A first import builds its full-text index on a second thread (`FullTextBuilder`) and copies
/// it into the journal: the index must answer as one built entry by entry would, and the
/// builder's file must never outlive the import.
@Suite("Full-text index built beside an import")
struct FullTextBuilderTests {
    let folder = TemporaryFolder()
    let context = DateContext(now: Date(timeIntervalSince1970: 1_790_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)
    static let words = ["reading", "feedback", "rubric", "exit", "ticket", "Über", "café", "naïve", "peer", "observation",
                        "lesson", "plan", "student", "voice", "inquiry"]

    /// Entries with words in many combinations, more than several of the builder's batches.
    func writeEntries(_ name: String, count: Int, from start: Int = 0, brokenLast: Bool = false) -> String {
        var lines: [String] = []
        for i in start..<(start + count) {
            let body = (0..<6).map { Self.words[(i * ($0 + 3) + $0) % Self.words.count] }.joined(separator: " ") + " n\(i)"
            let uuid = String(format: "00000000-0000-4000-8000-%012d", i)
            lines.append(#"{"uuid": "\#(uuid)", "date": "2026-11-02T10:00:00+01:00", "body": "\#(body)", "tags": ["t\#(i % 9)"]}"#)
        }
        if brokenLast { lines.append(#"{"date": "2026-11-02T10:00:00+01:00", "body": "#) }
        return folder.write(name, lines.joined(separator: "\n") + "\n")
    }

    /// What full-text queries find, with their ranks, in the order SQLite gives rowids.
    func answers(_ store: JournalStore) throws -> [String] {
        let queries = ["reading", "feed*", "\"peer observation\"", "uber", "cafe NOT naive", "NEAR(student voice, 2)", "n1234"]
        return try store.read { db in
            try queries.map { query in
                try Row.fetchAll(db, sql: """
                    SELECT rowid, round(bm25(entry_fts), 6) FROM entry_fts WHERE entry_fts MATCH ? ORDER BY rowid
                    """, arguments: [query]).map { "\($0[0] as Int64):\($0[1] as Double)" }.joined(separator: ",")
            }
        }
    }

    func integrityCheck(_ store: JournalStore) throws {
        try store.write { db in try db.execute(sql: "INSERT INTO entry_fts(entry_fts) VALUES ('integrity-check')") }
    }

    func leftovers() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".fulltext-") }
    }

    @Test func indexAnswersAsOneBuiltEntryByEntry() throws {
        let file = writeEntries("entries.jsonl", count: 3_000)
        let parallel = try JournalStore(path: folder.path + "/parallel.db")
        let serial = try JournalStore(path: folder.path + "/serial.db")
        let summary = try Importer(store: parallel, context: context, parallelIndexMinimum: 0).importFile(file)
        _ = try Importer(store: serial, context: context, parallelIndexMinimum: .max).importFile(file)
        #expect(summary.entries == 3_000)

        try integrityCheck(parallel)
        let found = try answers(parallel)
        #expect(found == (try answers(serial)))
        #expect(found[0].split(separator: ",").count > 100)
        #expect(try leftovers().isEmpty)
        #expect(try parallel.read { db in try Int.fetchOne(db, sql: "PRAGMA foreign_keys") } == 1)
        let attached = try parallel.read { db in try String.fetchAll(db, sql: "SELECT name FROM pragma_database_list") }
        #expect(attached == ["main"])

        // Entries added afterwards are indexed as they are written, as before.
        try parallel.write { db in
            _ = try JournalStore.add(EntryDraft(parsing: "zeitgeist after the import", timestamp: Timestamp(seconds: 1_790_000_000, utcOffset: 0)), in: db)
        }
        let later = try parallel.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'zeitgeist'") }
        #expect(later == 1)
        try integrityCheck(parallel)
    }

    /// pln's JSON document (an array of entries) goes through the builder too.
    @Test func aJSONDocumentIsIndexedTheSame() throws {
        let lines = try String(contentsOfFile: writeEntries("entries.jsonl", count: 2_000), encoding: .utf8)
            .split(separator: "\n")
        let document = folder.write("entries.json", "[\n" + lines.joined(separator: ",\n") + "\n]\n")
        let parallel = try JournalStore(path: folder.path + "/parallel.db")
        let serial = try JournalStore(path: folder.path + "/serial.db")
        #expect(try Importer(store: parallel, context: context, parallelIndexMinimum: 0).importFile(document).entries == 2_000)
        _ = try Importer(store: serial, context: context, parallelIndexMinimum: .max).importFile(document)
        try integrityCheck(parallel)
        #expect(try answers(parallel) == (try answers(serial)))
        #expect(try leftovers().isEmpty)
    }

    @Test func aFailedImportLeavesTheJournalAndNoFile() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let file = writeEntries("broken.jsonl", count: 2_000, brokenLast: true)
        #expect(throws: PLNError.self) {
            try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(file)
        }
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") } == 0)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts_docsize") } == 0)
        #expect(try leftovers().isEmpty)

        // The same journal then imports and indexes as usual.
        let good = writeEntries("good.jsonl", count: 1_500)
        #expect(try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(good).entries == 1_500)
        try integrityCheck(store)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'n1234'") } == 1)
        #expect(try leftovers().isEmpty)
    }

    /// Into a journal that has entries the index is added to, not replaced.
    @Test func aJournalWithEntriesKeepsItsIndex() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        _ = try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(writeEntries("one.jsonl", count: 1_000))
        _ = try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(writeEntries("two.jsonl", count: 1_000, from: 1_000))
        try integrityCheck(store)
        let found = try store.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM entry_fts WHERE entry_fts MATCH 'n999 OR n1999' ORDER BY rowid")
        }
        #expect(found == [1_000, 2_000])
        #expect(try leftovers().isEmpty)
    }

    /// A builder that cannot make its file leaves the indexing to the import's own thread.
    @Test func withoutItsFileTheImportIndexesAsBefore() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let blocked = folder.path + "/journal.db.fulltext-\(getpid())"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: false)
        let summary = try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(writeEntries("e.jsonl", count: 1_200))
        #expect(summary.entries == 1_200)
        try integrityCheck(store)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'n1111'") } == 1)
        var isFolder: ObjCBool = false
        #expect(FileManager.default.fileExists(atPath: blocked, isDirectory: &isFolder) && isFolder.boolValue)
    }

    /// A builder whose index cannot be copied in (its file was removed while it worked, so
    /// attaching the path finds an empty database) leaves the indexing to the import's thread.
    @Test func aFailedCopyFallsBackToIndexingHere() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let file = writeEntries("e.jsonl", count: 3_000)
        let builderPath = folder.path + "/journal.db.fulltext-\(getpid())"
        let removed = Mutex(false)
        let watcher = Thread {
            for _ in 0..<5_000 {
                var info = stat()
                if stat(builderPath, &info) == 0, info.st_size > 0 {
                    unlink(builderPath)
                    removed.withLock { $0 = true }
                    return
                }
                usleep(200)
            }
        }
        watcher.start()
        let summary = try Importer(store: store, context: context, parallelIndexMinimum: 0).importFile(file)
        #expect(removed.withLock { $0 })
        #expect(summary.entries == 3_000)
        try integrityCheck(store)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'n2345'") } == 1)
        #expect(try store.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_fts_docsize") } == 3_000)
        #expect(try leftovers().isEmpty)
    }

    @Test func filesOfProcessesThatAreGoneAreRemoved() throws {
        let journal = folder.path + "/journal.db"
        // pid_max is at most 2^22: no process has this id.
        let stale = folder.write("journal.db.fulltext-99999999", "left by a pln that was killed")
        let staleJournal = folder.write("journal.db.fulltext-99999999-journal", "")
        let own = folder.write("journal.db.fulltext-1", "pid 1 is alive")
        let other = folder.write("other.db.fulltext-99999999", "another journal's")
        FullTextBuilder.removeStale(besides: journal)
        #expect(!FileManager.default.fileExists(atPath: stale))
        #expect(!FileManager.default.fileExists(atPath: staleJournal))
        #expect(FileManager.default.fileExists(atPath: own))
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test func builderFileIsPrivate() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let tableSQL = try store.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entry_fts'") }
        let builder = try FullTextBuilder(journalPath: store.path, tableSQL: try #require(tableSQL))
        let mode = try FileManager.default.attributesOfItem(atPath: builder.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        try builder.add(id: 1, body: "one")
        builder.discard()
        #expect(!FileManager.default.fileExists(atPath: builder.path))
    }

    /// Long entries go to the thread a few at a time, not 512 to a batch.
    @Test func longEntriesGoOverInSmallerBatches() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let tableSQL = try store.read { db in try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entry_fts'") }
        let builder = try FullTextBuilder(journalPath: store.path, tableSQL: try #require(tableSQL))
        defer { builder.discard() }
        let long = String(repeating: "reading feedback ", count: 40_000)  // 680 KB
        try builder.add(id: 1, body: long)
        #expect(builder.batchesHanded == 0)
        try builder.add(id: 2, body: long)
        #expect(builder.batchesHanded == 1)
        for id in 3...10 { try builder.add(id: Int64(id), body: "short") }
        #expect(builder.batchesHanded == 1)
        try builder.finish()
        #expect(builder.batchesHanded == 2)
    }
}
