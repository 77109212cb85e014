import Dispatch
import Foundation
import GRDB

extension JournalStore {
    /// Runs `side` on a second read-only connection, on another thread, while `main` runs on
    /// this one; returns both results.
    ///
    /// For reports made of independent aggregates: `pln stats` counts topics over every tag link
    /// (the largest scan it makes) while the main connection walks days, people and sources, so
    /// two cores finish in about the time of the slowest part. The two connections read two
    /// snapshots; a write landing between them can make one count newer than another, which a
    /// report of totals can bear.
    package func read<Main, Side: Sendable>(_ main: (Database) throws -> Main,
                                            alongside side: @escaping @Sendable (Database) throws -> Side) throws(PLNError) -> (Main, Side) {
        // Large scans read pages straight from the mapped file instead of a read() each.
        let sideQueue = try readOnlyConnection(label: "pln-side", mapped: true)
        let outcome = SideOutcome<Side>()
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global(qos: .userInitiated).async {
            outcome.value = Result { try sideQueue.read(side) }
            done.signal()
        }
        let first: Result<Main, PLNError> = Result { () throws(PLNError) -> Main in try read(main) }
        done.wait()
        let mainValue = try first.get()
        do {
            return (mainValue, try outcome.value!.get())
        } catch {
            throw JournalStore.wrap(error)
        }
    }
}

extension JournalStore {
    /// A second, read-only connection to the journal, for reading on another thread. `mapped`
    /// reads pages from a memory map (faster for large scans, but the mapped pages count in
    /// the process's resident size).
    package func readOnlyConnection(label: String, mapped: Bool) throws(PLNError) -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(30)
        config.label = label
        config.prepareDatabase { db in
            if mapped { try db.execute(sql: "PRAGMA mmap_size = 268435456") }
            try SearchRank.register(on: db)
        }
        do {
            return try DatabaseQueue(path: path, configuration: config)
        } catch {
            throw JournalStore.wrap(error)
        }
    }
}

/// The side thread's result, handed over after the semaphore (which orders the accesses).
private final class SideOutcome<Value>: @unchecked Sendable {
    var value: Result<Value, Error>?
}
