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
}
