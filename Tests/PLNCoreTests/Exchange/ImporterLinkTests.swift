import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

/// The JSONL import writes links many rows to a statement (`LinkBatch`) with the foreign-key
/// check off: every link must still be there, once, pointing at rows that exist.
@Suite("Import links")
struct ImporterLinkTests {
    let folder = TemporaryFolder()
    let context = DateContext(now: Date(timeIntervalSince1970: 1_790_000_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)

    /// Entry `i`'s links: tags, people (with roles) and sources (with locators), some given
    /// twice; more rows of each kind than one statement takes, and a remainder.
    func line(_ i: Int, uuid: String? = nil) -> String {
        let tags = ["t\(i % 7)", "T\(i % 7)", "u\(i % 300)"]
        let people = [#"{"handle": "@p\#(i % 5)", "role": "author"}"#, #""@p\#(i % 5)""#, #""@q\#(i % 3)""#]
        let sources = [#"{"key": "s\#(i % 4)", "locator": "p. \#(i)"}"#, #""s\#(i % 4)""#, #""s\#(i % 4)""#]
        let id = uuid ?? String(format: "00000000-0000-4000-8000-%012d", i)
        return #"{"uuid": "\#(id)", "date": "2026-11-02T10:00:00+01:00", "body": "entry \#(i)", "#
            + #""tags": [\#(tags.map { "\"\($0)\"" }.joined(separator: ", "))], "#
            + #""people": [\#(people.joined(separator: ", "))], "sources": [\#(sources.joined(separator: ", "))]}"#
    }

    func count(_ sql: String, _ store: JournalStore) throws -> Int {
        try store.read { db in try Int.fetchOne(db, sql: sql) ?? -1 }
    }

    @Test(arguments: [0, 1])
    func everyLinkOnceAndEveryReferenceValid(entriesBefore: Int) throws {
        let store = try JournalStore(path: folder.path + "/journal-\(entriesBefore).db")
        let entries = 700
        if entriesBefore > 0 {
            try store.write { db in
                _ = try JournalStore.add(EntryDraft(parsing: "before #t1 @p1", timestamp: Timestamp(seconds: 1_780_000_000, utcOffset: 0)), in: db)
            }
        }
        var lines = (0..<entries).map { line($0) }
        lines.append(line(3))  // the same UUID again: adds nothing
        let file = folder.path + "/links-\(entriesBefore).jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)

        let summary = try Importer(store: store, context: context).importFile(file)
        #expect(summary.entries == entries)
        #expect(summary.duplicates == 1)
        // Per entry: two tags (t and T are one), "@p" as author and as mentioned, "@q"
        // mentioned; "s" with a locator and without (given twice).
        let imported = "entry_id IN (SELECT id FROM entry WHERE body LIKE 'entry %')"
        #expect(try count("SELECT count(*) FROM entry_tag WHERE \(imported)", store) == 2 * entries)
        #expect(try count("SELECT count(*) FROM entry_person WHERE \(imported)", store) == 3 * entries)
        #expect(try count("SELECT count(*) FROM entry_source WHERE \(imported)", store) == 2 * entries)
        #expect(summary.links == 5 * entries)
        // Entry 523's own links, by name.
        let tags = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT t.name FROM entry_tag et JOIN tag t ON t.id = et.tag_id JOIN entry e ON e.id = et.entry_id
                WHERE e.body = 'entry 523' ORDER BY t.name
                """)
        }
        #expect(tags == ["t5", "u223"])
        let people = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT p.handle || ':' || ep.role FROM entry_person ep JOIN person p ON p.id = ep.person_id
                JOIN entry e ON e.id = ep.entry_id WHERE e.body = 'entry 523' ORDER BY 1
                """)
        }
        #expect(people == ["p3:author", "p3:mentioned", "q1:mentioned"])
        let sources = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT s.key || ':' || es.locator FROM entry_source es JOIN source s ON s.id = es.source_id
                JOIN entry e ON e.id = es.entry_id WHERE e.body = 'entry 523' ORDER BY 1
                """)
        }
        #expect(sources == ["s3:", "s3:p. 523"])
        let violations = try store.read { db in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") }
        #expect(violations.isEmpty)
        #expect(try count("PRAGMA foreign_keys", store) == 1)
    }

    /// A file into an empty journal is written before its UUIDs are checked (the index is
    /// built at the end); one that has a UUID twice is imported again checking each entry, and
    /// comes out as any import: the first entry kept, nothing of the second, not even the
    /// people and tags only it names.
    @Test func aUUIDTwiceInAFileKeepsTheFirstAndNothingOfTheSecond() throws {
        let store = try JournalStore(path: folder.path + "/twice.db")
        let twice = "00000000-0000-4000-8000-000000000002"
        let lines = (0..<5).map { line($0) } + [
            #"{"uuid": "\#(twice)", "date": "2026-11-03T10:00:00+01:00", "body": "again #onlyhere @onlyhere"}"#,
            line(5),
        ]
        let file = folder.path + "/twice.jsonl"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let summary = try Importer(store: store, context: context).importFile(file)
        #expect(summary.entries == 6)
        #expect(summary.duplicates == 1)
        #expect(summary.links == 5 * 6)
        #expect(try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry ORDER BY id") }
                == (0..<6).map { "entry \($0)" })
        #expect(try count("SELECT count(*) FROM person WHERE handle = 'onlyhere'", store) == 0)
        #expect(try count("SELECT count(*) FROM tag WHERE name = 'onlyhere'", store) == 0)
        #expect(try count("SELECT count(*) FROM entry_fts WHERE entry_fts MATCH 'again'", store) == 0)
        // The index is back, unique: the same file again adds nothing.
        let again = try Importer(store: store, context: context).importFile(file)
        #expect(again.entries == 0)
        #expect(again.duplicates == 7)
        #expect(try store.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") } == ["ok"])
    }

    @Test func aFailedImportLeavesTheForeignKeyCheckOn() throws {
        let store = try JournalStore(path: folder.path + "/failed.db")
        let file = folder.path + "/bad.jsonl"
        try (line(1) + "\n{\"uuid\": \n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: PLNError.self) { try Importer(store: store, context: context).importFile(file) }
        #expect(try count("SELECT count(*) FROM entry", store) == 0)
        #expect(try count("PRAGMA foreign_keys", store) == 1)
    }

    /// Names match as the journal compares them (NOCASE folds ASCII letters only), as `pln add`
    /// matches them: "ELL" is "ell", but "Äpfel" is not "äpfel", nor "@Émile" "@émile".
    @Test func namesMatchAsTheJournalComparesThem() throws {
        let store = try JournalStore(path: folder.path + "/case.db")
        let file = folder.path + "/case.jsonl"
        let lines = [
            #"{"date": "2026-11-02T10:00:00+01:00", "body": "a", "tags": ["Äpfel", "ELL"], "people": ["@Émile", "@Ann"], "sources": ["Smith2020"]}"#,
            #"{"date": "2026-11-02T11:00:00+01:00", "body": "b", "tags": ["äpfel", "ell"], "people": ["@émile", "@ann"], "sources": ["smith2020"]}"#,
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try Importer(store: store, context: context).importFile(file)
        let names = try store.read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM tag ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT handle FROM person ORDER BY id"),
             try String.fetchAll(db, sql: "SELECT key FROM source ORDER BY id"))
        }
        #expect(names.0 == ["Äpfel", "ELL", "äpfel"])
        #expect(names.1 == ["Émile", "Ann", "émile"])
        #expect(names.2 == ["Smith2020"])
        let second = try store.read { db in
            try String.fetchAll(db, sql: """
                SELECT t.name FROM entry_tag et JOIN tag t ON t.id = et.tag_id JOIN entry e ON e.id = et.entry_id
                WHERE e.body = 'b' ORDER BY t.name
                """)
        }
        #expect(second == ["ELL", "äpfel"])
    }
}

