import Foundation
import Testing
@testable import PLNCore

/// "On this day" around 29 February: each entry comes back once a year.
@Suite("On this day")
struct OnThisDayTests {
    func keys(_ today: String, since firstYear: Int) -> [String] {
        JournalReview.onThisDayKeys(today: LocalDay(today)!, firstYear: firstYear).map(\.description)
    }

    @Test func anOrdinaryDayLooksAtEveryEarlierYear() {
        #expect(keys("2026-11-29", since: 2023) == ["2025-11-29", "2024-11-29", "2023-11-29"])
        #expect(keys("2026-11-29", since: 2026).isEmpty)
    }

    @Test func theLeapDayShowsEarlierLeapDaysOnly() {
        #expect(keys("2028-02-29", since: 2019) == ["2024-02-29", "2020-02-29"])
    }

    @Test func theLastOfFebruaryInACommonYearAlsoShowsLeapDays() {
        #expect(keys("2027-02-28", since: 2023) == ["2026-02-28", "2025-02-28", "2024-02-28", "2024-02-29", "2023-02-28"])
        // In a leap year the 28th is an ordinary day: the 29th follows tomorrow.
        #expect(keys("2028-02-28", since: 2026) == ["2027-02-28", "2026-02-28"])
    }

    @Test func theFirstOfMarchShowsOnlyTheFirstOfMarch() {
        #expect(keys("2027-03-01", since: 2024) == ["2026-03-01", "2025-03-01", "2024-03-01"])
    }
}
