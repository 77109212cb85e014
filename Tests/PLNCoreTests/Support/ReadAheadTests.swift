import Foundation
import Testing
@testable import PLNCore

@Suite("Read-ahead")
struct ReadAheadTests {
    struct Stop: Error, Equatable {}

    /// Counts what a producer made, across threads.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    @Test func valuesArriveInOrderAcrossBatches() throws {
        let ahead = ReadAhead<Int>(name: "test", batchSize: 7, batchLimit: 2) { yield in
            for n in 0..<1000 { guard yield(n) else { return } }
        }
        var seen: [Int] = []
        while let n = try ahead.next() { seen.append(n) }
        #expect(seen == Array(0..<1000))
        #expect(try ahead.next() == nil)
    }

    @Test func aFailureComesAfterTheValuesMadeBeforeIt() throws {
        let ahead = ReadAhead<Int>(name: "test", batchSize: 4, batchLimit: 2) { yield in
            for n in 0..<10 { _ = yield(n) }
            throw Stop()
        }
        var seen: [Int] = []
        #expect(throws: Stop()) {
            while let n = try ahead.next() { seen.append(n) }
        }
        #expect(seen == Array(0..<10))
    }

    @Test func cancellingStopsTheProducerWithinTheBound() throws {
        let made = Counter()
        let ahead = ReadAhead<Int>(name: "test", batchSize: 10, batchLimit: 3) { yield in
            var n = 0
            while yield(n) {
                made.add()
                n += 1
            }
        }
        #expect(try ahead.next() == 0)
        ahead.cancel(waiting: true)
        // One batch taken, three queued, one being filled when the producer stopped.
        #expect(made.count <= 10 * 5)
        let after = made.count
        Thread.sleep(forTimeInterval: 0.05)
        #expect(made.count == after)
    }

    /// Heavy values go over in smaller batches: with a weight limit of 10 and values of weight
    /// 4, a batch holds 3 values however large `batchSize`, and the producer stays within
    /// the bound that sets.
    @Test func heavyValuesGoOverInSmallerBatches() throws {
        let made = Counter()
        let ahead = ReadAhead<Int>(name: "test", batchSize: 1000, batchLimit: 2, batchWeight: 10, weigh: { _ in 4 }) { yield in
            var n = 0
            while yield(n) {
                made.add()
                n += 1
            }
        }
        #expect(try ahead.next() == 0)
        Thread.sleep(forTimeInterval: 0.05)
        // One batch taken, two queued, one being filled: 4 batches of 3 values.
        #expect(made.count <= 3 * 4)
        ahead.cancel(waiting: true)
    }

    /// A consumer waiting on a producer that makes nothing (an import reading a silent pipe)
    /// still runs its check, and stops with what the check throws.
    @Test func theConsumerChecksWhileItWaits() throws {
        let release = DispatchSemaphore(value: 0)
        let stalled = Counter()
        let checks = Counter()
        let ahead = ReadAhead<Int>(name: "test", batchSize: 2, whileWaiting: {
            checks.add()
            if stalled.count > 0 { throw Stop() }
        }) { yield in
            guard yield(1), yield(2) else { return }
            stalled.add()
            release.wait()
            _ = yield(3)
        }
        #expect(try ahead.next() == 1)
        #expect(try ahead.next() == 2)
        #expect(throws: Stop()) { _ = try ahead.next() }
        #expect(checks.count >= 1)
        release.signal()
        ahead.cancel(waiting: true)
    }
}
