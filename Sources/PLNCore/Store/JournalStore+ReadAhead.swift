import Foundation
import GRDB

extension JournalStore {
    /// Every entry in date order (newest first when `descending`), read by `OrderedEntries`
    /// on another thread from a second read-only connection.
    ///
    /// A Lua loop over a whole journal spends about half its time reading and assembling
    /// entries in SQLite and Swift and the other half making Lua tables and running the loop
    /// body; with the reading on a second core the two halves overlap. The second connection
    /// sees the journal as last committed, so the caller uses this only where that is what its
    /// own connection sees too: inside a write transaction (which no other process can commit
    /// past) that has written nothing yet. Cancel it (waiting) before that transaction ends.
    package func readAheadEntries(descending: Bool) throws(PLNError) -> ReadAhead<Entry> {
        // Not mapped: the loop's resident size stays that of the entries in flight.
        let queue = try readOnlyConnection(label: "pln-read-ahead", mapped: false)
        // Batches also go at 1 MiB of entry text, so that long entries keep the memory bounded.
        return ReadAhead(name: "pln-read-ahead", batchWeight: 1 << 20, weigh: { $0.body.utf8.count }) { yield in
            try queue.read { db in
                let stream = try OrderedEntries(db, order: .date(descending: descending))
                while let entry = try stream.next() {
                    guard yield(consume entry) else { return }
                }
            }
        }
    }
}
