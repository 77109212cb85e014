import Foundation
import Testing
@testable import PLNCore

@Suite("LocalDay")
struct LocalDayTests {
    @Test func readsAndWritesDays() throws {
        let day = try #require(LocalDay("2026-11-29"))
        #expect(day.description == "2026-11-29")
        #expect(day.isoWeekday == 7)
        #expect(day.short == "Sun 29 Nov")
        #expect(day.startOfWeek.description == "2026-11-23")
        #expect(day.isoWeek == (2026, 48))
        #expect(try #require(LocalDay("2027-01-01")).isoWeek == (2026, 53))
        #expect(LocalDay("2019-02-29") == nil)
        #expect(LocalDay("2026-11-29T10:00") == nil)
        #expect(LocalDay("2026-1-29") == nil)
    }

    @Test func theLocalDayOfAnInstantIsTheZonesDay() throws {
        let zone = try #require(TimeZone(identifier: "Europe/Berlin"))
        // 23:30 UTC on 28 November is 00:30 on the 29th in Berlin.
        let instant = Date(timeIntervalSince1970: TimeInterval(LocalDay(year: 2026, month: 11, day: 28).number * 86_400 + 23 * 3600 + 1800))
        #expect(LocalDay(instant, in: zone).description == "2026-11-29")
        #expect(LocalDay(instant, in: TimeZone(identifier: "UTC")!).description == "2026-11-28")
    }

    @Test func leapDaysMoveToTheLastOfFebruary() throws {
        let leap = try #require(LocalDay("2024-02-29"))
        #expect(leap.adding(years: 1).description == "2025-02-28")
        #expect(leap.adding(years: 4).description == "2028-02-29")
        #expect(leap.adding(years: -100).description == "1924-02-29")
        #expect(LocalDay("2100-02-28")?.isInLeapYear == false)
        #expect(LocalDay("2000-02-28")?.isInLeapYear == true)
    }
}
