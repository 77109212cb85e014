import ArgumentParser
import Foundation
import PLNCore

struct FollowupsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "followups", _superCommandName: "pln",
        abstract: "List the follow-ups of reflections that are due; answer one to close it.",
        discussion: """
            A reflection's action stage (Gibbs' action plan, Kolb's experimentation, Driscoll's \
            now what, Schön's reframe) can carry a follow-up: pln reflect --follow-up 2w, or \
            pln followups set ID 2w. 'pln followups answer ID' records what happened as a new \
            entry linked to the reflection (role outcome), and the follow-up is no longer due.
            """,
        subcommands: [FollowupsListCommand.self, FollowupsAnswerCommand.self, FollowupsSetCommand.self],
        defaultSubcommand: FollowupsListCommand.self)
}

struct FollowupsListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The open follow-ups due today or earlier (--all: every open one).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: .long, help: "Every open follow-up, due or not.")
    var all = false

    @Flag(name: .long, help: "Answered follow-ups too.")
    var closed = false

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let today = FollowUpDue.localDay(runtime.context.now, runtime.context.calendar)
        var records: [ReflectRows.Record] = []
        try store.forEachFollowUp(dueBy: all || closed ? nil : today, includeClosed: closed) { item in
            let status = item.outcomeID != nil ? "done" : item.due < today ? "overdue" : item.due == today ? "due" : "open"
            let plan = format == .text
                ? String(item.plan.split(separator: "\n", omittingEmptySubsequences: true).first ?? "")
                : item.plan
            records.append([
                ("id", .number(Double(item.entryID))), ("due", .string(item.due)), ("status", .string(status)),
                ("framework", item.framework.map { .string($0) } ?? .null), ("stage", .string(item.stage)),
                ("outcome", item.outcomeID.map { .number(Double($0)) } ?? .null),
                ("written", .string(item.created.localText(in: runtime.context.timeZone))), ("plan", .string(plan)),
            ])
        }
        if format == .text, records.isEmpty {
            runtime.note(all || closed ? "no follow-ups" : "no follow-up is due (pln followups --all lists the open ones)")
            return
        }
        let columns = format == .text ? ["id", "due", "status", "framework", "stage", "plan"]
                                      : ["id", "due", "status", "framework", "stage", "outcome", "written", "plan"]
        try runtime.paged {
            ReflectRows.write(records, columns: columns, format: format, runtime: runtime,
                              paint: ["id": .yellow, "due": .blue])
        }
    }
}

struct FollowupsAnswerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answer",
        abstract: "Record the outcome of a follow-up as a new entry linked to the reflection.",
        discussion: "The text, '-' for stdin, or --edit (the default on a terminal without text).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The action stage, when the reflection has several follow-ups.", valueName: "stage"))
    var stage: String?

    @Option(name: .long, help: ArgumentHelp("When it happened (see DATES in pln(1)).", valueName: "date"))
    var date: String?

    @Flag(name: [.short, .long], help: "Write the outcome in $VISUAL or $EDITOR.")
    var edit = false

    @Flag(name: [.short, .long], help: "Print only the new entry's id.")
    var quiet = false

    @Argument(help: ArgumentHelp("The reflection's entry id.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("What happened, or '-' to read it from stdin.", valueName: "text"))
    var text: [String] = []

    func validate() throws {
        if edit, !text.isEmpty { throw ValidationError("give the text or --edit, not both") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let entryID = try Self.entryIDs([id])[0]
        let store = try runtime.openStore()
        // Check before the editor opens, so no one writes an outcome for nothing.
        let followUp = try store.read { db in try JournalStore.openFollowUp(entryID: entryID, stage: stage, in: db) }
        let input = try NewEntry.text(text, edit: edit).text
        guard !Capture.trimmed(input).isEmpty else {
            runtime.note("empty outcome; nothing saved")
            return
        }
        let (draft, warnings) = try Capture.draft(from: input, date: date, context: runtime.context)
        for warning in warnings { runtime.warn(warning) }
        let report = try store.write { db in
            try JournalStore.answerFollowUp(entryID: entryID, stage: followUp.stage, outcome: draft, in: db)
        }
        try NewEntry.announce(report, store: store, runtime: runtime, quiet: quiet, format: nil,
                              detail: "  (outcome of \(entryID): follow-up on \(followUp.stage) closed)")
    }
}

struct FollowupsSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set", abstract: "Set or move the follow-up of a reflection's action stage.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The action stage (default: the first answered one).", valueName: "stage"))
    var stage: String?

    @Argument(help: ArgumentHelp("The reflection's entry id.", valueName: "id"))
    var id: String

    @Argument(help: ArgumentHelp("When: 3d, 2w, 1m or a date.", valueName: "when"))
    var when: String

    func run() throws {
        let runtime = Runtime(global)
        let entryID = try Self.entryIDs([id])[0]
        let store = try runtime.openStore()
        let entry = try store.entry(id: entryID)
        guard let name = entry.framework else {
            throw PLNError.invalidArgument("entry \(entryID) is not a structured reflection (pln reflect writes those)")
        }
        let framework = try ReflectFrameworks(runtime: runtime, store: store).named(name)
        let chosen: Framework.Stage
        if let stage {
            guard let match = framework.stages.first(where: { $0.name == stage }), match.action else {
                let names = framework.actionStages.map(\.name).joined(separator: ", ")
                throw ValidationError("'\(stage)' is not an action stage of \(name) (action stages: \(names.isEmpty ? "none" : names))")
            }
            chosen = match
        } else {
            guard let first = ReflectionDraft.followUpStage(of: framework, answers: entry.stages) else {
                throw PLNError.invalidArgument("entry \(entryID) has no answered action stage to follow up")
            }
            chosen = first
        }
        let due = try FollowUpDue.day(when, context: runtime.context)
        try store.write { db in try JournalStore.setFollowUp(entryID: entryID, stage: chosen.name, due: due, in: db) }
        runtime.stdout.line("follow-up on \(chosen.name) of \(entryID) due \(due)")
        runtime.stdout.flush()
    }
}
