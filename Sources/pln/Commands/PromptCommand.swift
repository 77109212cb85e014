import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct PromptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prompt", _superCommandName: "pln",
        abstract: "Show today's reflective prompt; --answer writes an entry answering it.",
        discussion: """
            The prompt comes from a pool (pln ships one for teachers; add your own with \
            pln.prompts{} in Lua, see pln-lua(7)). It is the same all day, and no prompt comes \
            again before the whole pool has been shown. --answer opens the prompt in $VISUAL or \
            $EDITOR on a terminal, or reads the answer from stdin otherwise (or takes it as TEXT); \
            the entry is a reflection that quotes the prompt.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The prompt of another day (see DATES in pln(1)).", valueName: "date"))
    var date: String?

    @Flag(name: .long, help: "The prompt of the week (Monday to Sunday) instead of the day.")
    var week = false

    @Flag(name: .long, help: "List the whole pool.")
    var list = false

    @Flag(name: .long, help: "Write an entry answering the prompt.")
    var answer = false

    @Flag(name: [.short, .long], help: "With --answer: write it in $VISUAL or $EDITOR.")
    var edit = false

    @Flag(name: [.short, .long], help: "With --answer: print only the new entry's id.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("With --answer: the answer, or '-' to read it from stdin.", valueName: "text"))
    var text: [String] = []

    func validate() throws {
        if !answer, edit || quiet || !text.isEmpty { throw ValidationError("TEXT, --edit and --quiet go with --answer") }
        if answer, list { throw ValidationError("give --answer or --list, not both") }
        if edit, !text.isEmpty { throw ValidationError("give the text or --edit, not both") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let host = try ScriptSupport.host(runtime, store: store)
        let pool = host.registry.promptPool
        guard !pool.isEmpty else {
            throw PLNError.invalidArgument("the prompt pool is empty; add prompts with pln.prompts{ \"…\" } (see pln-lua(7))")
        }
        if list {
            let records: [ReflectRows.Record] = pool.enumerated().map { [("n", .number(Double($0.offset + 1))), ("prompt", .string($0.element))] }
            ReflectRows.write(records, columns: ["n", "prompt"], format: format, runtime: runtime, paint: ["n": .yellow])
            return
        }
        var day = runtime.context.now
        if let date {
            guard let parsed = try DateParser.parse(date, in: runtime.context) else {
                throw ValidationError("invalid --date '\(date)': not a date pln understands (see DATES in pln(1))")
            }
            day = parsed.date
        }
        let zone = runtime.context.timeZone
        let prompt = (week ? host.prompt(forWeekOf: day, timeZone: zone) : host.prompt(on: day, timeZone: zone))!
        let dayText = FollowUpDue.localDay(day, runtime.context.calendar)
        guard answer else {
            if format == .text {
                runtime.stdout.line(TerminalText.sanitize(prompt, keepNewlines: false))
                runtime.stdout.flush()
            } else {
                ReflectRows.write([[("date", .string(dayText)), ("prompt", .string(prompt))]], columns: ["date", "prompt"],
                                  format: format, runtime: runtime)
            }
            return
        }
        let quoted = prompt.split(separator: "\n").map { "> " + $0 }.joined(separator: "\n")
        let (input, edited) = try NewEntry.text(text, edit: edit, template: quoted + "\n\n")
        let written = edited ? Self.withoutQuote(input, quoted: quoted) : input
        let answerText = Capture.trimmed(written)
        guard !answerText.isEmpty else {
            runtime.note("empty answer; nothing saved")
            return
        }
        let timestamp = date == nil ? Timestamp(date: runtime.context.now, timeZone: zone)
                                    : Timestamp(date: day, timeZone: zone)
        var draft = EntryDraft(parsing: quoted + "\n\n" + answerText, timestamp: timestamp, kind: "reflection")
        draft.fields = JSONValue.object([("prompt", .string(prompt))]).serialized
        let report = try store.write { db in try JournalStore.add(draft, in: db) }
        try NewEntry.announce(report, store: store, runtime: runtime, quiet: quiet, format: format)
    }

    /// What the user wrote under the quoted prompt the editor opened with.
    static func withoutQuote(_ edited: String, quoted: String) -> String {
        let trimmed = edited.drop(while: \.isWhitespace)
        return trimmed.hasPrefix(quoted) ? String(trimmed.dropFirst(quoted.count)) : edited
    }
}
