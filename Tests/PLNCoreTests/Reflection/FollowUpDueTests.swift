import Foundation
import Testing
@testable import PLNCore

@Suite("Follow-up due dates")
struct FollowUpDueTests {
    /// Sunday 2026-11-29 14:30 in Berlin.
    static let context = DateContext(now: Date(timeIntervalSince1970: 1_795_959_000),
                                     timeZone: TimeZone(identifier: "Europe/Berlin")!)

    @Test(arguments: [
        ("3d", "2026-12-02"), ("2w", "2026-12-13"), ("1m", "2026-12-29"), ("1y", "2027-11-29"),
        ("2 weeks", "2026-12-13"), ("in 3 days", "2026-12-02"), ("a week", "2026-12-06"), ("0d", "2026-11-29"),
        ("today", "2026-11-29"), ("tomorrow", "2026-11-30"), ("2026-12-24", "2026-12-24"),
    ])
    func spansAndDatesCountFromToday(text: String, day: String) throws {
        let today = FollowUpDue.localDay(Self.context.now, Self.context.calendar)
        #expect(today == "2026-11-29")
        #expect(try FollowUpDue.day(text, context: Self.context) == day)
    }

    @Test func pastDaysAndNonsenseAreRefused() {
        #expect(throws: PLNError.invalidArgument("the follow-up date 2026-11-28 is in the past")) {
            try FollowUpDue.day("yesterday", context: Self.context)
        }
        #expect(throws: PLNError.self) { try FollowUpDue.day("soonish", context: Self.context) }
        #expect(throws: PLNError.self) { try FollowUpDue.day("2x", context: Self.context) }
    }
}
