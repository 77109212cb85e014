import Foundation
import Testing
@testable import PLNCore

@Suite("Prompt rotation")
struct PromptRotationTests {
    @Test(arguments: [1, 2, 3, 7, 30])
    func everyPromptComesOnceACycleAndNeverTwoDaysRunning(count: Int) {
        var previous: Int?
        for cycle in -2..<6 {
            var seen = Set<Int>()
            for position in 0..<count {
                let index = PromptRotation.index(step: cycle * count + position, count: count, salt: 0)
                #expect((0..<count).contains(index))
                seen.insert(index)
                if count > 1, let previous { #expect(index != previous) }
                previous = index
            }
            #expect(seen.count == count, "cycle \(cycle) repeats a prompt")
        }
    }

    @Test func theSameDayGivesTheSamePromptAllDayAndTheNextDayAnother() {
        let pool = (1...10).map { "prompt \($0)" }
        let zone = TimeZone(identifier: "Europe/Berlin")!
        // 2026-11-29 00:10 and 23:50 Berlin time.
        let morning = Date(timeIntervalSince1970: 1_795_907_400)
        let night = morning.addingTimeInterval(23 * 3600 + 40 * 60)
        #expect(PromptRotation.dayNumber(of: morning, timeZone: zone) == PromptRotation.dayNumber(of: night, timeZone: zone))
        #expect(PromptRotation.prompt(on: morning, pool: pool, timeZone: zone) == PromptRotation.prompt(on: night, pool: pool, timeZone: zone))
        #expect(PromptRotation.prompt(on: night.addingTimeInterval(3600), pool: pool, timeZone: zone)
                != PromptRotation.prompt(on: night, pool: pool, timeZone: zone))
        #expect(PromptRotation.prompt(on: morning, pool: [], timeZone: zone) == nil)
    }

    @Test func weeksRunMondayToSunday() {
        let pool = (1...10).map { "prompt \($0)" }
        let utc = TimeZone(identifier: "UTC")!
        let monday = Date(timeIntervalSince1970: 1_795_392_000)  // 2026-11-23, a Monday
        let sunday = monday.addingTimeInterval(6 * 86_400 + 3_600)
        let nextMonday = monday.addingTimeInterval(7 * 86_400)
        let week = PromptRotation.prompt(forWeekOf: monday, pool: pool, timeZone: utc)
        #expect(week == PromptRotation.prompt(forWeekOf: sunday, pool: pool, timeZone: utc))
        #expect(week != PromptRotation.prompt(forWeekOf: nextMonday, pool: pool, timeZone: utc))
    }

    @Test func civilDayNumbersMatchTheCalendar() {
        #expect(PromptRotation.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(PromptRotation.daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(PromptRotation.daysFromCivil(year: 1969, month: 12, day: 31) == -1)
    }
}
