import ArgumentParser
import Foundation
import PLNCore

struct ChatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "chats", _superCommandName: "pln",
        abstract: "Upcoming sessions of your recurring hashtag chats, in your local time.",
        discussion: """
            A chat is a source with a weekly schedule in its host's zone: pln source add ellchat \
            --hashtag ellchat --platform twitter --every "tue 20:00 America/New_York". Sessions follow \
            the host's daylight-saving changes.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Only sessions that fall on your local today.")
    var today = false

    @Option(name: .long, help: ArgumentHelp("Show sessions in the next N days (default 7).", valueName: "days"))
    var days: Int = 7

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("chats writes text or json") }
        if days < 1 { throw ValidationError("--days takes a positive number") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let chats = try store.read { db in try JournalStore.chats(in: db) }
        let context = runtime.context, zone = context.timeZone
        let calendar = context.calendar
        let start: Date, end: Date
        if today {
            start = calendar.startOfDay(for: context.now)
            end = calendar.date(byAdding: .day, value: 1, to: start)!
        } else {
            start = context.now
            end = calendar.date(byAdding: .day, value: days, to: start)!
        }
        var sessions: [(Date, String, String?, String?, ChatSchedule)] = []
        for chat in chats {
            for date in chat.schedule.sessions(from: start, to: end) {
                sessions.append((date, chat.key, chat.hashtag, chat.platform, chat.schedule))
            }
        }
        sessions.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        let out = runtime.stdout
        if format == .json {
            out.line(JSONValue.array(sessions.map { date, key, hashtag, platform, schedule in
                let members: [(String, JSONValue)] = [
                    ("source", .string(key)), ("hashtag", hashtag.map { .string("#" + $0) } ?? .null),
                    ("platform", platform.map { .string($0) } ?? .null),
                    ("start", .string(Timestamp(date: date, timeZone: zone).iso8601)),
                    ("host_time", .string(Timestamp(date: date, timeZone: schedule.zone).iso8601)),
                    ("host_zone", .string(schedule.zone.identifier)),
                ]
                return JSONValue.object(members)
            }).serialized)
            out.flush()
            return
        }
        if sessions.isEmpty {
            runtime.note(chats.isEmpty ? "no chats yet (pln source add KEY --hashtag TAG --every \"tue 20:00 Zone\")"
                                       : "no sessions " + (today ? "today" : "in the next \(days) days"))
            return
        }
        let style = runtime.style
        for (date, key, hashtag, platform, schedule) in sessions {
            let local = Timestamp(date: date, timeZone: zone)
            var line = style.paint(weekday(date, zone) + " " + local.localText(in: zone), .blue)
            line += "  " + style.paint(hashtag.map { "#" + $0 } ?? "[[\(key)]]", .cyan)
            if let platform { line += " on " + TerminalText.sanitize(platform, keepNewlines: false) }
            if schedule.zone.identifier != zone.identifier {
                let host = Timestamp(date: date, timeZone: schedule.zone)
                line += style.paint("  (" + host.localText(in: schedule.zone).suffix(5) + " " + schedule.zone.identifier + ")", .dim)
            }
            out.line(line)
        }
        out.flush()
    }

    private func weekday(_ date: Date, _ zone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][calendar.component(.weekday, from: date) - 1]
    }
}
