import ArgumentParser
import Foundation
import PLNCore
import PLNScripting
import PLNShell

struct ReflectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reflect", _superCommandName: "pln",
        abstract: "Write a structured reflection, stage by stage (Gibbs, Kolb, Driscoll…).",
        discussion: """
            On a terminal each stage of the framework is asked in turn with its guiding \
            questions; an empty line ends an answer, and /skip, /back, /done and /abort (or \
            Ctrl-C, which saves nothing) move through the stages. --answers reads the answers \
            from a file or stdin instead: JSON {"stage": "answer", …} or Markdown with one \
            '## Stage' section per stage. Without a framework, lists the frameworks. \
            The reflection is one entry of kind reflection: #tags, @people and [[sources]] in \
            answers are linked as in any entry.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Read the answers from FILE, or stdin with '-' (JSON or Markdown).", valueName: "file"))
    var answers: String?

    @Option(name: .long, help: ArgumentHelp("Follow up on the action stage: 3d, 2w, 1m or a date.", valueName: "when"))
    var followUp: String?

    @Option(name: .long, help: ArgumentHelp("When it happened (see DATES in pln(1)).", valueName: "date"))
    var date: String?

    @Flag(name: [.short, .long], help: "Print only the new entry's id.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Output format of the saved entry, or of the list of frameworks.", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The framework: gibbs, kolb, driscoll, schon, brookfield, seek-sense-share, or your own.",
                                 valueName: "framework"))
    var framework: String?

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let frameworks = try ReflectFrameworks(runtime: runtime, store: store)
        guard let name = framework else {
            if answers != nil || followUp != nil { throw ValidationError("name the framework to reflect with") }
            try frameworks.list(format: format, runtime: runtime)
            return
        }
        let chosen = try frameworks.named(name)
        var timestamp = Timestamp(date: runtime.context.now, timeZone: runtime.context.timeZone)
        if let date {
            guard let parsed = try DateParser.parse(date, in: runtime.context) else {
                throw ValidationError("invalid --date '\(date)': not a date pln understands (see DATES in pln(1))")
            }
            timestamp = Timestamp(date: parsed.date, timeZone: runtime.context.timeZone)
        }
        if let followUp {
            guard !chosen.actionStages.isEmpty else {
                throw ValidationError("\(chosen.name) has no action stage to follow up")
            }
            _ = try FollowUpDue.day(followUp, context: runtime.context)
        }
        let given: [StageAnswer]
        var followUpText = followUp
        if let answers {
            let (text, file) = try InputText.read(answers)
            given = try ReflectionAnswers.parse(text, file: file, framework: chosen)
        } else {
            guard isatty(0) == 1 else {
                throw ValidationError("the guided reflection needs a terminal; give the answers with --answers FILE (or - for stdin)")
            }
            let reader = ReadlineReader(historyPath: nil, historySize: 0) { _, _ in nil }
            Interrupt.install()
            defer { Interrupt.uninstall() }
            let guided = GuidedReflection(
                framework: chosen, reader: reader, output: runtime.stdout, style: runtime.style,
                checkFollowUp: followUp != nil ? nil : { text in
                    do throws(PLNError) {
                        _ = try FollowUpDue.day(text, context: runtime.context)
                        return nil
                    } catch {
                        return error.description
                    }
                })
            let outcome = guided.run()
            reader.close()
            // Abandoned: like any interrupted command, status 130 and "nothing was saved".
            guard case .finished(let list, let typed) = outcome else { throw PLNError.interrupted }
            given = list
            followUpText = followUp ?? typed
        }
        var due: FollowUp?
        if let followUpText {
            guard let stage = ReflectionDraft.followUpStage(of: chosen, answers: given) else {
                let names = chosen.actionStages.map(\.name).joined(separator: " or ")
                throw PLNError.invalidArgument("--follow-up needs an answer to \(names); nothing saved")
            }
            due = FollowUp(stage: stage.name, due: try FollowUpDue.day(followUpText, context: runtime.context))
        }
        let reflection = try ReflectionDraft(framework: chosen, answers: given, followUp: due)
        let report = try store.write { db in try JournalStore.addReflection(reflection, timestamp: timestamp, in: db) }
        try NewEntry.announce(report, store: store, runtime: runtime, quiet: quiet, format: format,
                              detail: "  (\(chosen.name): \(reflection.answers.count) of \(chosen.stages.count) stages)",
                              after: due.map { ["follow-up on \($0.stage) due \($0.due)"] } ?? [])
    }

}
