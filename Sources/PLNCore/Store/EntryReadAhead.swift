import Foundation
import GRDB

/// Every entry in date order, read ahead on another thread from a second read-only connection
/// and handed over in batches: `DateOrderedEntries` for a consumer that has work of its own.
///
/// A Lua loop over a whole journal spends about half its time reading and assembling entries
/// in SQLite and Swift and the other half making Lua tables and running the loop body. With
/// the reading on a second core the two halves overlap. The second connection sees the
/// journal as last committed, so the caller uses this only where that is what its own
/// connection sees too: inside a write transaction (which no other process can commit past)
/// that has written nothing yet. Entries in flight are bounded (`batchSize` × `batchLimit`),
/// so memory stays flat however large the journal is.
package final class EntryReadAhead: @unchecked Sendable {
    private static let batchSize = 256
    private static let batchLimit = 8

    // Shared between the threads, guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Entry]] = []
    /// Batches the consumer is done with, freed by the producer: memory goes back to the
    /// allocator arena of the thread that made it, without the two threads contending for it.
    private var spent: [[Entry]] = []
    private var finished = false
    private var failure: PLNError?
    private var cancelled = false
    private var producing = true

    // The consumer's own.
    private var current: [Entry] = []
    private var index = 0

    /// Starts reading the journal at `path` in date order (newest first when `descending`).
    package init(path: String, descending: Bool) throws(PLNError) {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        config.label = "pln-read-ahead"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw JournalStore.wrap(error)
        }
        let thread = Thread { [self] in produce(queue, descending: descending) }
        thread.name = "pln-read-ahead"
        thread.start()
    }

    deinit {
        cancel()
    }

    /// The next entry, or nil after the last; throws what stopped the reading.
    package func next() throws(PLNError) -> Entry? {
        if index < current.count {
            index += 1
            return current[index - 1]
        }
        condition.lock()
        while batches.isEmpty, !finished { condition.wait() }
        guard !batches.isEmpty else {
            let failure = failure
            condition.unlock()
            if let failure { throw failure }
            return nil
        }
        spent.append(current)
        current = batches.removeFirst()
        condition.broadcast()  // room for the producer again
        condition.unlock()
        index = 1
        return current[0]
    }

    /// Stops the reading and waits until the other thread has let go of its connection.
    package func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        while producing { condition.wait() }
        condition.unlock()
    }

    private func produce(_ queue: DatabaseQueue, descending: Bool) {
        var failure: PLNError?
        do {
            try queue.read { db in
                let stream = try DateOrderedEntries(db, descending: descending)
                var batch: [Entry] = []
                batch.reserveCapacity(Self.batchSize)
                while let entry = try stream.next() {
                    batch.append(entry)
                    guard batch.count == Self.batchSize else { continue }
                    guard hand(batch) else { return }
                    batch = []
                    batch.reserveCapacity(Self.batchSize)
                }
                _ = hand(batch)
            }
        } catch {
            failure = JournalStore.wrap(error)
        }
        condition.lock()
        finished = true
        self.failure = failure
        producing = false
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the consumer is `batchLimit` batches behind; false once cancelled.
    private func hand(_ batch: [Entry]) -> Bool {
        var freed: [[Entry]] = []
        defer { freed.removeAll() }  // after the unlock, on this thread
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= Self.batchLimit, !cancelled { condition.wait() }
        swap(&freed, &spent)
        guard !cancelled else { return false }
        if !batch.isEmpty {
            batches.append(batch)
            condition.broadcast()
        }
        return true
    }
}
