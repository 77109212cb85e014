import Foundation
import Testing
@testable import PLNCore

@Suite("Chat schedules")
struct ChatScheduleTests {
    func instant(_ text: String) -> Date {
        Timestamp(iso8601: text, assumingZone: TimeZone(identifier: "UTC")!)!.date
    }

    @Test func sessionsFollowTheHostZoneAcrossDaylightSaving() throws {
        let schedule = try ChatSchedule(parsing: "Tuesday 20:00 America/New_York")
        #expect(schedule.text == "tue 20:00 America/New_York")
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let sessions = schedule.sessions(from: instant("2026-03-01T00:00:00Z"), to: instant("2026-04-05T00:00:00Z"))
        let local = sessions.map { Timestamp(date: $0, timeZone: berlin).localText(in: berlin) }
        // New York moves to summer time on 8 March, Berlin on 29 March: the gap shrinks for three weeks.
        #expect(local == ["2026-03-04 02:00", "2026-03-11 01:00", "2026-03-18 01:00", "2026-03-25 01:00", "2026-04-01 02:00"])
        let host = sessions.map { Timestamp(date: $0, timeZone: schedule.zone).localText(in: schedule.zone) }
        #expect(host.allSatisfy { $0.hasSuffix("20:00") })
    }

    @Test func nextIncludesASessionStartingNow() throws {
        let schedule = try ChatSchedule(parsing: "mon 21:00 Europe/London")
        let start = instant("2026-11-30T21:00:00Z")
        #expect(schedule.next(after: start) == start)
        #expect(schedule.next(after: start.addingTimeInterval(120)) == instant("2026-12-07T21:00:00Z"))
    }

    @Test(arguments: ["tue 20:00", "funday 20:00 UTC", "tue 25:00 UTC", "tue 8pm UTC", "tue 20:00 Mars/Olympus"])
    func badSchedulesAreRefused(text: String) {
        #expect(throws: PLNError.self) { try ChatSchedule(parsing: text) }
    }
}
