import Foundation

/// Values made on another thread and handed over in bounded batches: one side of a two-core
/// pipeline (a journal's entries read on a second connection while a Lua loop runs).
///
/// At most `batchSize` × `batchLimit` values are in flight (and with `weigh`, batches of at
/// most about `batchWeight`), so memory stays flat however long the stream. Batches the
/// consumer is done with go back to the producer thread to be freed: memory returns to the allocator arena of the thread that made it, without the two threads
/// contending for that arena's lock (which cost a Lua loop over 1M entries about 15%).
/// The producer thread blocks the signals, so Ctrl-C reaches the thread that acts on it.
package final class ReadAhead<Element>: @unchecked Sendable {
    private let batchSize: Int
    private let batchLimit: Int
    /// A batch is also handed over once its values weigh this much (see `init`).
    private let batchWeight: Int
    private let weigh: (@Sendable (borrowing Element) -> Int)?
    /// Run by the consumer every 50 ms while it waits for the producer (see `init`).
    private let whileWaiting: (() throws -> Void)?

    // Shared between the threads, guarded by `condition`.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var spent: [[Element]] = []
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false
    private var producing = true

    // The consumer's own.
    private var current: [Element] = []
    private var index = 0

    /// Starts `produce` on a new thread. It hands each value to its argument, which returns
    /// false once the consumer has cancelled (the producer should then return); what it throws
    /// comes out of `next()` after the values handed before it. `whileWaiting` is run on the
    /// consumer's thread while it waits for a batch, and what it throws comes out of `next()`:
    /// `Interrupt.check` there stops an import whose producer waits on a pipe. With `weigh`
    /// (a value's size in bytes, say), a batch is handed over as soon as its values weigh
    /// `batchWeight`, so that large values (an import's long lines) keep memory bounded too.
    package init(name: String, batchSize: Int = 256, batchLimit: Int = 8,
                 batchWeight: Int = .max, weigh: (@Sendable (borrowing Element) -> Int)? = nil,
                 whileWaiting: (() throws -> Void)? = nil,
                 produce: @escaping @Sendable (_ yield: (consuming Element) -> Bool) throws -> Void) {
        self.batchSize = batchSize
        self.batchLimit = batchLimit
        self.batchWeight = batchWeight
        self.weigh = weigh
        self.whileWaiting = whileWaiting
        let thread = Thread { [self] in
            var signals = sigset_t()
            sigfillset(&signals)
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            run(produce)
        }
        thread.name = name
        thread.start()
    }

    deinit {
        cancel(waiting: false)
    }

    /// The next value, or nil after the last; throws what stopped the producer.
    package func next() throws -> Element? {
        try advance() ? current[index - 1] : nil
    }

    /// Moves to the next value, which `withCurrent` then lends out; false after the last.
    /// Throws what stopped the producer.
    package func advance() throws -> Bool {
        if index < current.count {
            index += 1
            return true
        }
        condition.lock()
        while batches.isEmpty, !finished {
            guard let whileWaiting else {
                condition.wait()
                continue
            }
            if !condition.wait(until: Date(timeIntervalSinceNow: 0.05)) {
                condition.unlock()
                try whileWaiting()
                condition.lock()
            }
        }
        guard !batches.isEmpty else {
            let failure = failure
            condition.unlock()
            if let failure { throw failure }
            return false
        }
        spent.append(current)
        current = batches.removeFirst()
        condition.broadcast()  // room for the producer again
        condition.unlock()
        index = 1
        return true
    }

    /// Lends `body` the value the last `advance` moved to, where it lies in its batch (which
    /// the producer's thread frees). Only between a successful `advance` and the next one.
    package func withCurrent<R>(_ body: (borrowing Element) throws -> R) rethrows -> R {
        precondition(index > 0 && index <= current.count, "ReadAhead: no current value before advance")
        return try body(current[index - 1])
    }

    /// Stops the producer at its next value. With `waiting`, returns only once it has stopped
    /// and let go of whatever it reads from.
    package func cancel(waiting: Bool) {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        while waiting, producing { condition.wait() }
        condition.unlock()
    }

    private func run(_ produce: (_ yield: (consuming Element) -> Bool) throws -> Void) {
        var failure: (any Error)?
        var batch: [Element] = []
        batch.reserveCapacity(batchSize)
        var open = true
        var weight = 0
        do {
            try produce { value in
                guard open else { return false }
                if let weigh { weight += weigh(value) }
                batch.append(consume value)
                if batch.count == batchSize || weight >= batchWeight {
                    open = hand(batch)
                    batch = []
                    batch.reserveCapacity(batchSize)
                    weight = 0
                }
                return open
            }
        } catch {
            failure = error
        }
        // The values made before a failure come out before it.
        if open { _ = hand(batch) }
        condition.lock()
        finished = true
        self.failure = failure
        producing = false
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the consumer is `batchLimit` batches behind; false once cancelled.
    private func hand(_ batch: [Element]) -> Bool {
        var freed: [[Element]] = []
        defer { freed.removeAll() }  // after the unlock, on this thread
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= batchLimit, !cancelled { condition.wait() }
        swap(&freed, &spent)
        guard !cancelled else { return false }
        if !batch.isEmpty {
            batches.append(batch)
            condition.broadcast()
        }
        return true
    }
}
