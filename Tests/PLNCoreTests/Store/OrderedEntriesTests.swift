import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

/// `OrderedEntries`, the whole-journal scan of the Lua loop and of `pln export`, gives every
/// entry as `JournalStore.entry(id:)` reads it.
@Suite("Ordered entries")
struct OrderedEntriesTests {
    let folder = TemporaryFolder()

    @Test func timestampsKeepTheirOffsetsInBothOrders() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        // Offsets the scan reads from the end of `created`, and one with seconds (a local mean
        // time, written "+00:19:32") that it leaves to the full parser.
        let offsets = [3600, -19800, 0, 20700, -43200, 50400, 1172, -3600]
        let ids = try store.write { db in
            try offsets.enumerated().map { index, offset in
                let draft = EntryDraft(parsing: "entry \(index) #t\(index % 3)",
                                       timestamp: Timestamp(seconds: 1_790_000_000 - Int64(index) * 86_400, utcOffset: offset))
                return try JournalStore.add(draft, in: db).id
            }
        }
        try store.read { db in
            let expected = try ids.map { try JournalStore.entry(id: $0, in: db)! }
            #expect(expected.map(\.timestamp.utcOffset) == offsets)
            for order in [OrderedEntries.Order.id, .date(descending: false), .date(descending: true)] {
                let stream = try OrderedEntries(db, order: order)
                var read: [Entry] = []
                while let entry = try stream.next() { read.append(entry) }
                #expect(read.sorted { $0.id < $1.id } == expected, "\(order)")
            }
        }
    }

    /// A journal whose ids do not follow its dates: entries written in date order (or against
    /// it, as from an archive that lists the newest first), then back-dated ones in between (as
    /// after importing an old archive), each with several tags, people, sources and links, some
    /// without any.
    func scrambledJournal(reversedIDs: Bool) throws -> JournalStore {
        let store = try JournalStore(path: folder.path + "/scrambled-\(reversedIDs).db")
        var days = Array(stride(from: 0, to: 60, by: 2)) + Array(stride(from: 59, to: 0, by: -2)) + [30, 30]
        if reversedIDs { days = days.map { 60 - $0 } }
        try store.write { db in
            var uuids: [String] = []
            for (n, day) in days.enumerated() {
                var text = "entry \(n) on day \(day)"
                if n % 5 != 0 { text += " #t\(n % 7) #u\(n % 3) @p\(n % 4) @q\(n % 6) [[s\(n % 5), p. \(n)]] [[r\(n % 2)]]" }
                var draft = EntryDraft(parsing: text, timestamp: Timestamp(seconds: 1_790_000_000 + Int64(day) * 86_400, utcOffset: 3600))
                if n % 4 == 1, let target = uuids.last { draft.links = [(target, "follows-up")] }
                if n % 9 == 2, uuids.count > 3 { draft.links.append((uuids[uuids.count - 3], "answers")) }
                uuids.append(draft.uuid)
                _ = try JournalStore.add(draft, in: db)
            }
        }
        return store
    }

    @Test(arguments: [20_000, 1, 3], [false, true])
    func entriesInDateOrderWhenIdsDoNotFollowDates(asideLimit: Int, reversedIDs: Bool) throws {
        let store = try scrambledJournal(reversedIDs: reversedIDs)
        try store.read { db in
            for descending in [false, true] {
                let direction = descending ? "DESC" : "ASC"
                let ids = try Int64.fetchAll(db, sql: "SELECT id FROM entry ORDER BY ts \(direction), id \(direction)")
                let expected = try ids.map { try JournalStore.entry(id: $0, in: db)! }
                #expect(expected.contains { $0.tags.count == 2 && $0.people.count == 2 && $0.sources.count == 2 })
                #expect(expected.contains { !$0.links.isEmpty })
                // The ids follow the dates neither way.
                #expect(ids != ids.sorted(by: <) && ids != ids.sorted(by: >))
                let stream = try OrderedEntries(db, order: .date(descending: descending), asideLimit: asideLimit)
                var read: [Entry] = []
                while let entry = try stream.next() { read.append(entry) }
                #expect(read == expected, "descending: \(descending)")
            }
        }
    }

    /// Tag, person and source names are cached by id, in an array for small ids and a
    /// dictionary beyond: both give the right names.
    @Test func namesOfSmallAndLargeIDs() throws {
        let store = try JournalStore(path: folder.path + "/ids.db")
        let id = try store.write { db in
            try db.execute(sql: "INSERT INTO tag (id, name) VALUES (300000, 'far'), (7, 'near')")
            try db.execute(sql: """
                INSERT INTO person (id, uuid, handle, created) VALUES (1000000000, 'p-far', 'farperson', '2026-11-02T10:00:00+01:00')
                """)
            let id = try JournalStore.add(EntryDraft(parsing: "two tags and a person",
                                                     timestamp: Timestamp(seconds: 1_790_000_000, utcOffset: 3600)), in: db).id
            try db.execute(sql: "INSERT INTO entry_tag (entry_id, tag_id) VALUES (?, 300000), (?, 7)", arguments: [id, id])
            try db.execute(sql: "INSERT INTO entry_person (entry_id, person_id, role) VALUES (?, 1000000000, 'mentioned')", arguments: [id])
            return id
        }
        try store.read { db in
            let expected = try JournalStore.entry(id: id, in: db)!
            #expect(Set(expected.tags) == ["far", "near"])
            #expect(expected.people.map(\.handle) == ["farperson"])
            for order in [OrderedEntries.Order.id, .date(descending: false), .date(descending: true)] {
                let stream = try OrderedEntries(db, order: order)
                #expect(try stream.next() == expected, "\(order)")
                #expect(try stream.next() == nil)
            }
        }
    }
}

