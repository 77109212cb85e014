import Foundation
import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("Activity: today and streak")
struct ActivityTests {
    let folder = TemporaryFolder()
    let zone = TimeZone(identifier: "America/New_York")!

    func add(_ store: JournalStore, _ iso: String) throws {
        let stamp = try #require(Timestamp(iso8601: iso, assumingZone: zone))
        try store.write { db in _ = try JournalStore.add(EntryDraft(parsing: "x", timestamp: stamp), in: db) }
    }

    @Test func countsConsecutiveLocalDaysAcrossDST() throws {
        let store = try JournalStore(path: folder.path + "/j.db")
        let now = try #require(Timestamp(iso8601: "2026-03-09T10:00:00", assumingZone: zone)).date
        let context = DateContext(now: now, timeZone: zone)
        #expect(try store.streak(context) == 0)
        // 2026-03-08 is the 23-hour day when New York moves to summer time.
        for day in ["2026-03-05T23:30:00", "2026-03-07T00:10:00", "2026-03-08T12:00:00", "2026-03-08T23:59:00"] {
            try add(store, day)
        }
        // Yesterday had an entry, today none yet: the streak is still alive.
        #expect(try store.streak(context) == 2)
        #expect(try store.entriesToday(context) == 0)
        try add(store, "2026-03-09T08:00:00")
        #expect(try store.streak(context) == 3)
        #expect(try store.entriesToday(context) == 1)
        try add(store, "2026-03-06T12:00:00")
        #expect(try store.streak(context) == 5)
        let later = DateContext(now: now.addingTimeInterval(3 * 86_400), timeZone: zone)
        #expect(try store.streak(later) == 0)
    }
}
