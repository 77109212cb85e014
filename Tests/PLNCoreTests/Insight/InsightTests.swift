import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

/// `JournalStats` and `JournalReview` on a small journal whose every number is known.
@Suite("Stats and review")
struct InsightTests {
    let folder = TemporaryFolder()
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    let today = LocalDay("2026-11-29")!

    @discardableResult
    func add(_ store: JournalStore, _ iso: String, _ text: String, kind: String = "note") throws -> Int64 {
        let stamp = try #require(Timestamp(iso8601: iso, assumingZone: berlin))
        return try store.write { db in try JournalStore.add(EntryDraft(parsing: text, timestamp: stamp, kind: kind), in: db).id }
    }

    func journal() throws -> JournalStore {
        let store = try JournalStore(path: folder.path + "/j.db")
        try add(store, "2026-11-23T10:00:00+01:00", "Tried exit tickets with 9B #assessment @jane [[wiliam2011]]")
        try add(store, "2026-11-24T10:00:00+01:00", "I asked them what helped #assessment #studentvoice")
        try add(store, "2026-11-25T10:00:00+01:00", "Hinge questions #assessment [[blog1]]")
        let shared = try add(store, "2026-11-26T10:00:00+01:00", "Sent the rubric to @omar #assessment")
        try add(store, "2026-11-27T10:00:00+01:00", "Slides on the department drive #ell", kind: "share")
        try add(store, "2026-11-28T10:00:00+01:00", "Reading about newcomers #ell", kind: "reflection")
        try add(store, "2026-11-29T08:00:00+01:00", "No topic today")
        try add(store, "2025-11-29T09:00:00+01:00", "A year ago #ell @omar")
        let plan = try add(store, "2026-11-10T09:00:00+01:00", "Action plan #assessment", kind: "reflection")
        try store.write { db in
            _ = try JournalStore.link(shared, to: .person("omar"), role: "shared-with", locator: nil, in: db)
            try db.execute(sql: "UPDATE source SET type = 'book' WHERE key = 'wiliam2011'")
            try db.execute(sql: "UPDATE source SET type = 'post' WHERE key = 'blog1'")
            try db.execute(sql: "INSERT INTO entry_stage (entry_id, stage, position, body) VALUES (?, 'learners', 2, 'They liked it')",
                           arguments: [plan])
            try db.execute(sql: "INSERT INTO followup (entry_id, stage, due) VALUES (?, 'action-plan', '2026-11-20')", arguments: [plan])
            try db.execute(sql: "INSERT INTO followup (entry_id, stage, due) VALUES (?, 'now-what', '2026-12-20')", arguments: [shared])
        }
        return store
    }

    @Test func statsCountEverySection() throws {
        let store = try journal()
        let stats = try store.read { db in try JournalStats.build(today: today, limit: 2, in: db) }
        #expect(stats.entries == 9)
        #expect(stats.activeDays == 9)
        #expect(stats.firstDay?.description == "2025-11-29")
        #expect(stats.currentStreak?.days == 7)
        #expect(stats.longestStreak == JournalStore.Streak(first: LocalDay("2026-11-23")!, last: today))
        #expect(stats.recentWeeks.last == JournalStats.Week(monday: LocalDay("2026-11-23")!, entries: 7))
        #expect(stats.recentWeeks.dropLast().last?.entries == 0)
        #expect(stats.heatmap.total == 8)  // the year-old entry lies just outside the last 12 months
        #expect(stats.topics == [.init(name: "assessment", entries: 5), .init(name: "ell", entries: 3)])
        #expect(stats.people == [.init(name: "@omar", entries: 2), .init(name: "@jane", entries: 1)])
        #expect(stats.sources.map(\.entries) == [1, 1])
        // Sharing: the share entry and the one sent to @omar (linked shared-with).
        #expect(stats.sharing == 2)
        #expect(stats.learning == 7)
        let assessment = try #require(stats.lenses.first)
        #expect(assessment.topic == "assessment")
        #expect(assessment.entries == 5)
        #expect(assessment.selfLens == 2)     // "I asked…" and the reflection
        #expect(assessment.learners == 2)     // #studentvoice and the learners stage
        #expect(assessment.colleagues == 2)   // @jane, @omar
        #expect(assessment.literature == 1)   // the book, not the blog post
        #expect(stats.lenses[1].missing == ["learners", "literature"])
        // The same numbers when the topics are counted on a second connection alongside.
        let parallel = try JournalStats.build(today: today, limit: 2, store: store)
        #expect(parallel.topics == stats.topics && parallel.lenses == stats.lenses && parallel.people == stats.people)
        #expect(parallel.entries == stats.entries && parallel.longestStreak == stats.longestStreak)
    }

    @Test func tagsWithoutEntriesAreNotTopics() throws {
        let store = try journal()
        // A tag whose entries were all deleted stays in the tag table with no links.
        try store.write { db in try db.execute(sql: "INSERT INTO tag (name) VALUES ('orphan'), ('aaa-orphan')") }
        let all = try store.read { db in try JournalStats.build(today: today, limit: 50, in: db) }
        #expect(!all.topics.contains { $0.name == "orphan" || $0.name == "aaa-orphan" })
        #expect(all.topics.allSatisfy { $0.entries > 0 })
        #expect(all.topics.first == .init(name: "assessment", entries: 5))
        #expect(all.topics.map(\.entries) == all.topics.map(\.entries).sorted(by: >))
    }

    @Test(arguments: [("I tried it", true), ("Tried it, then i’ve changed it", true), ("made me think", true),
                      ("My class", true), ("Note to myself", true), ("all mine", true), ("I'm done", true),
                      ("Tried it with 9B", false), ("time enemy Imam mime", false), ("", false), ("Ií", false), ("éme", false), ("I’ve", true), ("9I", true)])
    func firstPersonWords(text: String, expected: Bool) {
        #expect(LensCoverage.isFirstPerson(text) == expected)
    }

    @Test func theTextReportNamesTheGaps() throws {
        let store = try journal()
        let stats = try store.read { db in try JournalStats.build(today: today, in: db) }
        let text = StatsReport.text(stats, style: Style(enabled: false)).joined(separator: "\n")
        #expect(text.contains("Entries   9 on 9 days since 2025-11-29"))
        #expect(text.contains("current 7 days (Mon 23 Nov 2026 – Sun 29 Nov 2026)"))
        #expect(text.contains("Top topics   #assessment 5  #ell 3"))
        #expect(text.contains("learning 7  "))
        #expect(text.contains("  #ell has no entry through the learners, literature lenses"))
        let json = try JSONParser.parse(StatsReport.json(stats))
        #expect(json["sharing"] == .number(2))
        #expect(json["heatmap"]?["days"]?["2026-11-29"] == .number(1))
        #expect(json["lenses"]?.arrayValue?.first?["learners"] == .number(2))
        let empty = try JournalStore(path: folder.path + "/empty.db").read { db in try JournalStats.build(today: today, in: db) }
        #expect(StatsReport.text(empty, style: Style(enabled: false)).first?.hasPrefix("No entries yet") == true)
    }

    @Test func theWeekIsGroupedByTopic() throws {
        let store = try journal()
        let review = try store.read { db in
            try JournalReview.build(period: ReviewPeriod(.week, containing: today), today: today, perTopic: 2, in: db)
        }
        #expect(review.period.title == "Week 48 of 2026, Mon 23 Nov – Sun 29 Nov 2026")
        #expect(review.entries == 7)
        #expect(review.days == 7)
        #expect(review.topics.map(\.name) == ["assessment", "ell", "studentvoice", nil])
        #expect(review.topics.map(\.entries) == [4, 2, 1, 1])
        // The latest two of the four, oldest first.
        #expect(review.topics[0].lines.map(\.summary) == ["Hinge questions #assessment [[blog1]]", "Sent the rubric to @omar #assessment"])
        #expect(review.people.map(\.name) == ["@jane", "@omar"])
        #expect(review.sources.count == 2)
        #expect(review.followUps.map(\.stage) == ["action-plan"])  // the December one is not due yet
        #expect(review.followUps.first?.due.description == "2026-11-20")
        #expect(review.onThisDay.map(\.year) == [2025])
        let text = ReviewReport.text(review, style: Style(enabled: false)).joined(separator: "\n")
        #expect(text.contains("#assessment (4)\n"))
        #expect(text.contains("  … 2 more"))
        #expect(text.contains("Follow-ups due (1)\n  action-plan due 2026-11-20, 9 days ago"))
        #expect(text.contains("On this day (Sun 29 Nov)\n  2025 (1 year ago)"))
    }

    @Test func monthsAndYearsCoverTheirDays() throws {
        let store = try journal()
        let month = try store.read { db in
            try JournalReview.build(period: ReviewPeriod(.month, containing: today), today: today, perTopic: 0, in: db)
        }
        #expect(month.period.first.description == "2026-11-01" && month.period.last.description == "2026-11-30")
        #expect(month.entries == 8)
        #expect(month.topics.first?.lines.count == 5)
        let leapFebruary = ReviewPeriod(.month, containing: LocalDay("2028-02-10")!)
        #expect(leapFebruary.last.description == "2028-02-29")
        let year = ReviewPeriod(.year, containing: today)
        #expect(year.first.description == "2026-01-01" && year.last.description == "2026-12-31" && year.title == "2026")
        let onlyPast = try store.read { db in
            try JournalReview.build(period: year, today: today, onlyOnThisDay: true, in: db)
        }
        #expect(onlyPast.entries == 0 && onlyPast.topics.isEmpty)
        #expect(onlyPast.onThisDay.first?.lines.first?.summary == "A year ago #ell @omar")
    }

    @Test func aLeapDayEntryReturnsOnTheLastOfFebruary() throws {
        let store = try JournalStore(path: folder.path + "/leap.db")
        try add(store, "2024-02-29T09:00:00+01:00", "Leap day #ell")
        try add(store, "2024-02-28T09:00:00+01:00", "The day before")
        try add(store, "2024-03-01T09:00:00+01:00", "The day after")
        func shown(_ day: String) throws -> [String] {
            try store.read { db in try JournalReview.onThisDay(today: LocalDay(day)!, perYear: 0, in: db) }
                .flatMap(\.lines).map(\.summary)
        }
        #expect(try shown("2027-02-28") == ["The day before", "Leap day #ell"])
        #expect(try shown("2027-03-01") == ["The day after"])
        #expect(try shown("2028-02-29") == ["Leap day #ell"])
        #expect(try shown("2028-02-28") == ["The day before"])
    }
}
