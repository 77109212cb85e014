import Foundation
import GRDB
import GRDBSQLite
import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("Journal store")
struct JournalStoreTests {
    let folder = TemporaryFolder()
    let zone = TimeZone(identifier: "Europe/Berlin")!

    func store() throws -> JournalStore { try JournalStore(path: folder.path + "/j/journal.db") }

    func draft(_ body: String, at seconds: Int64 = 1_790_000_000) -> EntryDraft {
        EntryDraft(parsing: body, timestamp: Timestamp(seconds: seconds, utcOffset: 3600))
    }

    /// The confirmation's own query shows what the whole entry's does.
    @Test func savedShowsWhatTheEntryHolds() throws {
        let store = try store()
        let id = try store.write { db -> Int64 in
            let id = try JournalStore.add(draft("Read [[bauer2010, p. 38]] with @jane and @sam #ELL #coaching https://example.org/a"), in: db).id
            _ = try JournalStore.link(id, to: .person("jane"), role: "learned-from", locator: nil, in: db)
            _ = try JournalStore.link(id, to: .source("bauer2010"), role: nil, locator: "ch. 2", in: db)
            return id
        }
        let saved = try store.saved(id: id)
        #expect(saved == Confirmation.Saved(try store.entry(id: id)))
        #expect(saved.people.filter { $0 == "jane" }.count == 2)
        #expect(saved.tags.count == 2)
        #expect(saved.sources.count == 3)
        let style = Style(enabled: true)
        #expect(Confirmation.line(for: saved, style: style, zone: zone) == Confirmation.line(for: try store.entry(id: id), style: style, zone: zone))
        #expect(throws: PLNError.self) { try store.saved(id: id + 1) }
    }

    @Test func sqliteKeepsNoMemoryStatistics() throws {
        // Set as the process started: every allocation SQLite makes would otherwise take a mutex.
        #expect(JournalStore.sqliteConfigured)
        let store = try store()
        try store.write { db in _ = try JournalStore.add(draft("memory #stats"), in: db) }
        #expect(sqlite3_memory_used() == 0)
    }

    @Test func createsSchemaInWALModeWithVersionAndApplicationID() throws {
        let store = try store()
        let (mode, version, appID) = try store.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode")!,
             try Int.fetchOne(db, sql: "PRAGMA user_version")!,
             try Int32.fetchOne(db, sql: "PRAGMA application_id")!)
        }
        #expect(mode == "wal")
        #expect(version == Schema.version)
        #expect(appID == Schema.applicationID)
        // Opening again migrates nothing and keeps the data.
        try store.write { db in _ = try JournalStore.add(draft("kept"), in: db) }
        let reopened = try self.store()
        #expect(try reopened.count(matching: EntryQuery("", context: .init(now: Date(), timeZone: zone))) == 1)
    }

    @Test func upgradesAVersion1JournalKeepingItsEntries() throws {
        let path = folder.path + "/old.db"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: Schema.v1)
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = 1")
            try db.execute(sql: "INSERT INTO entry(uuid, created, ts, body) VALUES ('u1', '2026-01-01T10:00:00+01:00', 1767258000, 'kept')")
        }
        try queue.close()
        let store = try JournalStore(path: path)
        let (version, tables, body) = try store.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA user_version")!,
             try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE name IN ('entry_stage', 'followup', 'entry_origin') ORDER BY name"),
             try String.fetchOne(db, sql: "SELECT body FROM entry"))
        }
        #expect(version == Schema.version)
        #expect(tables == ["entry_origin", "entry_stage", "followup"])
        #expect(body == "kept")
    }

    /// Version 4 turns the UUID constraint's automatic index into a named one without touching
    /// its pages: the journal passes SQLite's integrity check, and the index still finds
    /// entries by UUID and refuses one twice.
    @Test func version4NamesTheUUIDIndexAndKeepsItsPages() throws {
        let path = folder.path + "/v3.db"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            for migration in Schema.migrations.prefix(3) { try db.execute(sql: migration) }
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = 3")
            for i in 0..<2000 {
                try db.execute(sql: "INSERT INTO entry(uuid, created, ts, body) VALUES (?, '2026-01-01T10:00:00+01:00', 1767258000, ?)",
                               arguments: [UUID().uuidString.lowercased(), "entry \(i)"])
            }
            try db.execute(sql: "INSERT INTO entry(uuid, created, ts, body) VALUES ('u1', '2026-01-01T10:00:00+01:00', 1767258000, 'kept')")
        }
        let cookieBefore = try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA schema_version")! }
        try queue.close()
        let store = try JournalStore(path: path)
        try store.read { db in
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == Schema.version)
            #expect(try Int.fetchOne(db, sql: "PRAGMA schema_version")! > cookieBefore)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            let indexes = try Row.fetchAll(db, sql: "SELECT name, \"unique\" || '', origin FROM pragma_index_list('entry') WHERE \"unique\"")
            #expect(indexes.map { [$0[0], $0[1], $0[2]] as [String] } == [[Schema.uuidIndexName, "1", "c"]])
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [Schema.uuidIndexName]) == "CREATE UNIQUE INDEX entry_uuid ON entry(uuid)")
            #expect(try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entry'")?.contains("UNIQUE") == false)
            let plan = try String.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT id FROM entry WHERE uuid = 'u1'", adapter: SuffixRowAdapter(fromIndex: 3))
            #expect(plan.joined().contains(Schema.uuidIndexName))
        }
        #expect(throws: PLNError.self) {
            try store.write { db in
                try db.execute(sql: "INSERT INTO entry(uuid, created, ts, body) VALUES ('u1', '2026-01-02T10:00:00+01:00', 1767344400, 'twice')")
            }
        }
        let kept = try store.write { db in
            try JournalStore.statement(.insertEntryUnlessKnown, in: db, cache: nil).insertRaw(
                .text("u1"), .text("2026-01-02T10:00:00+01:00"), .integer(1_767_344_400), .text("again"),
                .text("note"), .null, .integer(0), .null)
        }
        #expect(kept == nil)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry WHERE uuid = 'u1'") } == ["kept"])
    }

    /// A journal whose entry table is not as version 1 wrote it keeps its UUID constraint
    /// through version 4, and an import into it checks each UUID as before.
    @Test func version4LeavesAnUnexpectedEntryTableAsItIs() throws {
        let path = folder.path + "/other.db"
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            // The entry table comes first: its uuid column spelt otherwise.
            var v1 = Schema.v1
            let column = try #require(v1.range(of: "uuid      TEXT NOT NULL UNIQUE,"))
            v1.replaceSubrange(column, with: "uuid TEXT NOT NULL UNIQUE,")
            try db.execute(sql: v1)
            try db.execute(sql: Schema.v2)
            try db.execute(sql: Schema.v3)
            try db.execute(sql: "PRAGMA application_id = \(Schema.applicationID)")
            try db.execute(sql: "PRAGMA user_version = 3")
        }
        try queue.close()
        let store = try JournalStore(path: path)
        try store.read { (db: Database) throws in
            #expect(try Int.fetchOne(db, sql: "PRAGMA user_version") == Schema.version)
            #expect(try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('entry') WHERE \"unique\"") == ["sqlite_autoindex_entry_1"])
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
        }
        let file = folder.path + "/twice.jsonl"
        try """
            {"uuid": "0a1b2c3d-0000-4000-8000-00000000000f", "date": "2026-11-02T10:00:00+01:00", "body": "first"}
            {"uuid": "0a1b2c3d-0000-4000-8000-00000000000f", "date": "2026-11-02T11:00:00+01:00", "body": "again"}

            """.write(toFile: file, atomically: true, encoding: .utf8)
        let context = DateContext(now: Date(timeIntervalSince1970: 1_790_000_000), timeZone: zone)
        let summary = try Importer(store: store, context: context).importFile(file)
        #expect(summary.entries == 1 && summary.duplicates == 1)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry") } == ["first"])
    }

    /// Deferred indexes are sorted in pieces in SQLite's temporary files; where those cannot
    /// be created (here /proc, which only root may try: SQLite passes over a folder its user
    /// cannot write), they are sorted in memory instead of failing the import.
    @Test(.enabled(if: getuid() == 0, "only root gets past SQLite's check of the folder"))
    func deferredIndexesAreSortedInMemoryWhereNoTemporaryFileCanBeMade() throws {
        let store = try store()
        let (before, after) = try store.write { db in
            // Keys beyond the 4 MiB the sort keeps in one piece.
            try db.execute(sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 150000)
                INSERT INTO entry(uuid, created, ts, body) SELECT lower(hex(randomblob(16))), '2026-01-01T10:00:00+01:00', abs(random() % 1000000000), 'e' FROM n
                """)
            let dropped = try JournalStore.dropSecondaryIndexes(in: db, includingUUIDs: true)
            let before = try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('entry') ORDER BY name")
            // SQLite's folder for temporary files, for the whole process (the other tests
            // that build indexes meanwhile sort them in memory too); none is set otherwise.
            try db.execute(sql: "PRAGMA temp_store_directory = '/proc'")
            defer { try? db.execute(sql: "PRAGMA temp_store_directory = ''") }
            try JournalStore.restoreIndexes(dropped, in: db)
            #expect(try Int.fetchOne(db, sql: "PRAGMA temp_store") == 2)
            #expect(try Int.fetchOne(db, sql: "PRAGMA threads") == 0)
            return (before, try String.fetchAll(db, sql: "SELECT name FROM pragma_index_list('entry') ORDER BY name"))
        }
        #expect(before.isEmpty)
        #expect(after == ["entry_day", "entry_framework_ts", "entry_kind_ts", "entry_starred_ts", "entry_ts", Schema.uuidIndexName])
        #expect(try store.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test(arguments: [
        ("https://edutopia.org/article/think-pair-share", "edutopia.org/think-pair-share"),
        ("https://example.com/", "example.com"),
        ("https://www.youtube.com/watch?v=abc/def", "www.youtube.com/watch"),
        ("https://example.com/a/b#frag", "example.com/b"),
        ("example.com/path", "example.com/path"),
        ("https://", "web"),
        ("https://example.com//double//slash/", "example.com/slash"),
        ("https://exämple.org/été-✓/", "exämple.org/été-✓"),
        ("https://example.com/" + String(repeating: "x", count: 30) + String(repeating: "é", count: 30),
         "example.com/" + String(repeating: "x", count: 30) + String(repeating: "é", count: 10)),
        ("https://example.com/👩‍👩‍👧‍👦x", "example.com/👩‍👩‍👧‍👦x"),
        ("https://example.com/" + String(repeating: "ab", count: 30), "example.com/" + String(repeating: "ab", count: 20)),
        ("https://example.com/" + String(repeating: "a", count: 38) + "\r\nbc", "example.com/" + String(repeating: "a", count: 38) + "\r\nb"),
    ])
    func webSourceKeysAreHostAndLastSegment(url: String, key: String) {
        #expect(JournalStore.webSourceKey(for: url) == key)
    }

    @Test func webSourcesWhoseAddressesEndAlikeGetNumberedKeys() throws {
        let store = try store()
        let keys = try store.write { db in
            try (1...4).map { n in try JournalStore.webSourceID(url: "https://example.org/t\(n)/watch", in: db).createdKey }
        }
        #expect(keys == ["example.org/watch", "example.org/watch-2", "example.org/watch-3", "example.org/watch-4"])
        // A key someone chose that merely starts alike does not confuse the numbering.
        try store.write { db in
            try db.execute(sql: "UPDATE source SET key = 'example.org/watch-10' WHERE key = 'example.org/watch-4'")
            try db.execute(sql: "INSERT INTO source (uuid, key, created) VALUES ('x', 'example.org/watch-later', '2026-01-01')")
        }
        let next = try store.write { db in try JournalStore.webSourceID(url: "https://example.org/t5/watch", in: db).createdKey }
        #expect(next == "example.org/watch-11")
        // An address seen before reuses its source.
        let again = try store.write { db in try JournalStore.webSourceID(url: "https://example.org/t2/watch", in: db) }
        #expect(again.createdKey == nil)
    }

    @Test func numberedKeysCountOnFromTheCacheAndSkipKeysTakenMeanwhile() throws {
        let store = try store()
        let cache = SaveCache()
        let keys = try store.write { db in
            var keys = try (1...3).map { n in
                try JournalStore.webSourceID(url: "https://example.org/c\(n)/watch", in: db, cache: cache).createdKey
            }
            // A script names a source with the key the counter would hand out next.
            try db.execute(sql: "INSERT INTO source (uuid, key, created) VALUES ('y', 'example.org/watch-4', '2026-01-01')")
            keys += try (4...5).map { n in
                try JournalStore.webSourceID(url: "https://example.org/c\(n)/watch", in: db, cache: cache).createdKey
            }
            return keys
        }
        #expect(keys == ["example.org/watch", "example.org/watch-2", "example.org/watch-3",
                         "example.org/watch-5", "example.org/watch-6"])
        // After a reset the cache reads the keys again.
        cache.reset()
        let next = try store.write { db in
            try JournalStore.webSourceID(url: "https://example.org/c6/watch", in: db, cache: cache).createdKey
        }
        #expect(next == "example.org/watch-7")
    }

    @Test func refusesForeignFiles() throws {
        let path = folder.write("foreign.db", "SQLite format 3\0 but truncated")
        #expect(throws: PLNError.notAJournal(path: path)) { try JournalStore(path: path) }
        // An empty SQLite database of another program (tables, no application id).
        let other = folder.path + "/other.db"
        let queue = try DatabaseQueue(path: other)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t(x)") }
        try queue.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect(throws: PLNError.notAJournal(path: other)) { try JournalStore(path: other) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    @Test func fullTextIndexFollowsInsertUpdateAndDelete() throws {
        let store = try store()
        let context = DateContext(now: Date(), timeZone: zone)
        let id = try store.write { db in try JournalStore.add(draft("Socratic seminar went well"), in: db).id }
        #expect(try store.count(matching: EntryQuery("socratic", context: context)) == 1)
        _ = try store.write { db in try JournalStore.update(id: id, with: draft("Fishbowl discussion instead"), in: db) }
        #expect(try store.count(matching: EntryQuery("socratic", context: context)) == 0)
        #expect(try store.count(matching: EntryQuery("fishbowl", context: context)) == 1)
        try store.write { db in try JournalStore.delete(ids: [id], in: db) }
        #expect(try store.count(matching: EntryQuery("fishbowl", context: context)) == 0)
        // FTS5's own check compares the index with the entry table; it throws when they differ.
        try store.write { db in
            try db.execute(sql: "INSERT INTO entry_fts(entry_fts, rank) VALUES ('integrity-check', 1)")
        }
    }

    @Test func linksReuseExistingPeopleAndSourcesAndReportCreations() throws {
        let store = try store()
        let first = try store.write { db in
            try JournalStore.add(draft("#ell with @jane from [[bauer2010, p. 38]] https://www.example.com/a/"), in: db)
        }
        #expect(first.createdPeople == ["jane"])
        #expect(first.createdSources == ["bauer2010", "example.com/a"])
        let second = try store.write { db in
            try JournalStore.add(draft("#ELL again with @Jane, [[Bauer2010]] http://example.com/a"), in: db)
        }
        #expect(second.createdPeople.isEmpty)
        #expect(second.createdSources.isEmpty)
        let entry = try store.entry(id: second.id)
        #expect(entry.tags == ["ell"])
        #expect(entry.people == [PersonLink(handle: "jane")])
        #expect(Set(entry.sources.map(\.key)) == ["bauer2010", "example.com/a"])
        let counts = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM person")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM source")!)
        }
        #expect(counts == (1, 2))
    }

    @Test func updateKeepsRolesThatDidNotComeFromTheText() throws {
        let store = try store()
        let id = try store.write { db -> Int64 in
            let report = try JournalStore.add(draft("talked to @sam"), in: db)
            let sam = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE handle = 'sam'")!
            try db.execute(sql: "INSERT INTO entry_person VALUES (?, ?, 'learned-from')", arguments: [report.id, sam])
            return report.id
        }
        _ = try store.write { db in try JournalStore.update(id: id, with: draft("talked to nobody #solo"), in: db) }
        let entry = try store.entry(id: id)
        #expect(entry.people == [PersonLink(handle: "sam", role: "learned-from")])
        #expect(entry.tags == ["solo"])
    }

    @Test func failedWriteLeavesTheJournalAsItWas() throws {
        let store = try store()
        try store.write { db in _ = try JournalStore.add(draft("before"), in: db) }
        #expect(throws: PLNError.self) {
            try store.write { db in
                _ = try JournalStore.add(draft("half-done #partial @ghost"), in: db)
                throw PLNError.interrupted
            }
        }
        let (entries, tags, people) = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM entry")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM tag")!,
             try Int.fetchOne(db, sql: "SELECT count(*) FROM person")!)
        }
        #expect(entries == 1 && tags == 0 && people == 0)
    }

    @Test func unknownIDs() throws {
        let store = try store()
        #expect(throws: PLNError.noSuchEntry(7)) { try store.entry(id: 7) }
        #expect(throws: PLNError.noSuchEntry(7)) { try store.write { db in try JournalStore.setStarred(true, ids: [7], in: db) } }
    }

    @Test func defaultPathFollowsEnvironment() {
        #expect(JournalStore.defaultPath(environment: ["PLN_JOURNAL": "/x/j.db", "XDG_DATA_HOME": "/d"]) == "/x/j.db")
        #expect(JournalStore.defaultPath(environment: ["XDG_DATA_HOME": "/d", "HOME": "/h"]) == "/d/pln/journal.db")
        #expect(JournalStore.defaultPath(environment: ["XDG_DATA_HOME": "relative", "HOME": "/h"]) == "/h/.local/share/pln/journal.db")
        #expect(JournalStore.defaultPath(environment: ["HOME": "/h"]) == "/h/.local/share/pln/journal.db")
    }
}
