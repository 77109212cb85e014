import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

/// Streaks count the local day each entry was written on, in the offset stored with it.
@Suite("Streaks and day counts")
struct StreakTests {
    let folder = TemporaryFolder()
    let berlin = TimeZone(identifier: "Europe/Berlin")!

    func store() throws -> JournalStore { try JournalStore(path: folder.path + "/j.db") }

    /// Adds an entry at an ISO time with its own offset ("2026-03-29T00:30:00+01:00").
    func add(_ store: JournalStore, _ iso: String, _ text: String = "x") throws {
        let stamp = try #require(Timestamp(iso8601: iso, assumingZone: berlin))
        try store.write { db in _ = try JournalStore.add(EntryDraft(parsing: text, timestamp: stamp), in: db) }
    }

    func context(_ iso: String) throws -> DateContext {
        DateContext(now: try #require(Timestamp(iso8601: iso, assumingZone: berlin)).date, timeZone: berlin)
    }

    @Test func entriesEitherSideOfMidnightAreTwoDays() throws {
        let store = try store()
        try add(store, "2026-11-27T23:59:00+01:00")
        try add(store, "2026-11-28T00:01:00+01:00")
        // Two minutes apart, but two local days: with today (29th) still empty, the streak is alive.
        #expect(try store.streak(context("2026-11-29T14:30:00+01:00")) == 2)
        #expect(try store.entriesToday(context("2026-11-28T23:59:59+01:00")) == 1)
        // Just after midnight on the 30th, the 28th is two days back: the streak is over.
        #expect(try store.streak(context("2026-11-30T00:00:30+01:00")) == 0)
    }

    @Test func aSpringForwardDayCountsOnce() throws {
        let store = try store()
        // Berlin moves to summer time at 02:00 on 29 March 2026: the day has 23 hours.
        try add(store, "2026-03-28T23:30:00+01:00")
        try add(store, "2026-03-29T00:30:00+01:00")
        try add(store, "2026-03-29T23:30:00+02:00")
        try add(store, "2026-03-30T00:15:00+02:00")
        let now = try context("2026-03-30T12:00:00+02:00")
        #expect(try store.streak(now) == 3)
        #expect(try store.entriesToday(now) == 1)
        let longest = try store.read { db in try JournalStore.longestStreak(through: LocalDay("2026-03-30")!, in: db) }
        #expect(longest?.days == 3)
        #expect(longest?.first.description == "2026-03-28")
    }

    @Test func theDayIsTheOneTheWriterLived() throws {
        let store = try store()
        // Written in New York late on the 28th: 05:30 on the 29th in Berlin, but the 28th it was.
        try add(store, "2026-11-28T23:30:00-05:00")
        try add(store, "2026-11-27T10:00:00+01:00")
        let counts = try store.read { db in
            try JournalStore.dayCounts(from: LocalDay("2026-11-27")!, through: LocalDay("2026-11-29")!, in: db)
        }
        #expect(counts == [LocalDay("2026-11-27")!: 1, LocalDay("2026-11-28")!: 1])
        let now = try context("2026-11-29T14:30:00+01:00")
        #expect(try store.entriesToday(now) == 0)
        #expect(try store.streak(now) == 2)
    }

    @Test func theLongestStreakIsTheLatestOfTheLongest() throws {
        let store = try store()
        for day in ["2026-01-01", "2026-01-02", "2026-01-03", "2026-02-10", "2026-02-11", "2026-02-12", "2026-03-01",
                    "2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"] {
            try add(store, day + "T09:00:00+01:00")
        }
        let longest = try store.read { db in try JournalStore.longestStreak(through: LocalDay("2026-11-29")!, in: db) }
        // The December run lies after today (future-dated entries) and does not count.
        #expect(longest == JournalStore.Streak(first: LocalDay("2026-02-10")!, last: LocalDay("2026-02-12")!))
        let none = try JournalStore(path: folder.path + "/empty.db").read { db in
            try JournalStore.longestStreak(through: LocalDay("2026-11-29")!, in: db)
        }
        #expect(none == nil)
    }

    @Test func oneWalkFindsTheCurrentStreakAsTheSeekDoes() throws {
        let store = try store()
        for day in ["2026-11-20", "2026-11-21", "2026-11-25", "2026-11-26", "2026-11-27"] {
            try add(store, day + "T09:00:00+01:00")
        }
        for (today, current) in [("2026-11-27", 3), ("2026-11-28", 3), ("2026-11-29", 0), ("2026-11-21", 2), ("2026-11-23", 0)] {
            let day = try #require(LocalDay(today))
            let (summary, seek) = try store.read { db in
                (try JournalStore.summarizeDays(through: day, in: db), try JournalStore.currentStreak(today: day, in: db))
            }
            #expect(summary.current?.days ?? 0 == current, "as of \(today)")
            #expect(summary.current == seek, "as of \(today)")
        }
        let summary = try store.read { db in try JournalStore.summarizeDays(through: LocalDay("2026-11-29")!, in: db) }
        #expect(summary.days == 5)
        #expect(summary.longest?.first.description == "2026-11-25")
    }

    @Test func streakQueriesUseTheDayIndex() throws {
        let store = try store()
        let plan = try store.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN SELECT count(*) FROM entry WHERE \(JournalStore.daySQL) BETWEEN ? AND ?",
                             arguments: ["2026-01-01", "2026-12-31"]).map { $0["detail"] as String }.joined(separator: "\n")
        }
        #expect(plan.contains("entry_day"))
    }
}
