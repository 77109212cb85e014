import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct ReviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review", _superCommandName: "pln",
        abstract: "Look back over the week: entries by topic, the people and sources involved, follow-ups due, this day in earlier years.",
        discussion: """
            Reviews the calendar week (Monday to Sunday) that holds today, or with --month or \
            --year the month or year. --date reviews the period that holds another day.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Review the month instead of the week.")
    var month = false

    @Flag(name: .long, help: "Review the year instead of the week.")
    var year = false

    @Flag(name: .long, help: "Show only the entries from this day in earlier years.")
    var onThisDay = false

    @Option(name: .long, help: ArgumentHelp("Review the period that holds this day instead of today (a date such as 2026-10-05 or 'last friday').", valueName: "day"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("List at most this many entries per topic and per earlier year (default 8; 0 lists all).", valueName: "n"))
    var limit: Int = 8

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("review writes text or json") }
        if month, year { throw ValidationError("choose --month or --year, not both") }
        if limit < 0 { throw ValidationError("--limit takes 0 or a positive number") }
    }

    func run() throws {
        let runtime = Runtime(global)
        var instant = runtime.context.now
        if let date {
            guard let parsed = try DateParser.parse(date, in: runtime.context) else {
                throw ValidationError("'\(date)' is not a date (try 2026-10-05, yesterday or 'last friday')")
            }
            instant = parsed.date
        }
        let day = LocalDay(instant, in: runtime.context.timeZone)
        let period = ReviewPeriod(month ? .month : year ? .year : .week, containing: day)
        let store = try runtime.openStore()
        let part: ReviewReport.Part = onThisDay ? .onThisDay : .all
        var review = try store.read { db in
            try JournalReview.build(period: period, today: day, perTopic: limit, onlyOnThisDay: onThisDay, in: db)
        }
        if !onThisDay {
            // The week's prompt, from the same pool and rotation as pln prompt --week.
            let pool = try ScriptSupport.host(runtime, store: store).registry.promptPool
            review.prompt = PromptRotation.prompt(forWeekOf: instant, pool: pool, timeZone: runtime.context.timeZone)
        }
        if format == .json {
            runtime.stdout.line(ReviewReport.json(review, part: part))
            runtime.stdout.flush()
            return
        }
        try runtime.paged {
            for line in ReviewReport.text(review, part: part, style: runtime.style, width: runtime.terminalWidth) {
                runtime.stdout.line(line)
            }
        }
    }
}
