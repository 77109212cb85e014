import ArgumentParser
import PLNCore

struct ReflectionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reflections", _superCommandName: "pln",
        abstract: "List reflections matching a query; --missing STAGE finds those without that stage.",
        discussion: """
            The entries of kind reflection, oldest first. --missing action-plan lists the \
            reflections whose framework has an action-plan stage (Gibbs) that was left out; \
            framework: and stage: narrow any query (see QUERIES in pln(1)).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Only reflections whose framework has this stage, left unanswered.", valueName: "stage"))
    var missing: String?

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Only the newest N reflections.", valueName: "n"))
    var limit: Int?

    @Flag(name: [.short, .long], help: "Newest first.")
    var reverse = false

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)).", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("-n takes a positive number") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let user = try runtime.query(query)
        let store = try runtime.openStore()
        var terms: [QueryExpression] = [.kind("reflection")]
        if case .and(let list)? = user.expression {
            terms += list  // flat, so free words still drive the full-text search
        } else if let expression = user.expression {
            terms.append(expression)
        }
        if let missing {
            let frameworks = try ReflectFrameworks(runtime: runtime, store: store).having(stage: missing)
            guard !frameworks.isEmpty else {
                throw ValidationError("no framework has a stage '\(missing)'; pln reflect lists the frameworks and their stages")
            }
            terms.append(frameworks.count == 1 ? .framework(frameworks[0].name) : .or(frameworks.map { .framework($0.name) }))
            terms.append(.not(.stage(missing)))
        }
        let combined = EntryQuery(expression: .and(terms), text: user.text)
        let renderer = EntryRenderer(format: format, sink: runtime.stdout, style: runtime.style,
                                     zone: runtime.context.timeZone, width: runtime.terminalWidth)
        try runtime.paged {
            renderer.begin()
            try store.forEachEntry(matching: combined, order: .date, reverse: reverse, limit: limit) { entry, _ in
                renderer.entry(entry)
            }
            renderer.end()
        }
    }
}
