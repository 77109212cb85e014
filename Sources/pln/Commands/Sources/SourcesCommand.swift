import ArgumentParser
import PLNCore

struct SourcesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sources", _superCommandName: "pln",
        abstract: "Sources in the journal (cited by the entries a query selects), with entry counts.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Order by key, last (use, newest first) or entries.", valueName: "order"))
    var sort: SourcesOrder = .key

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Only sources cited by entries matching this query.", valueName: "query"))
    var query: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        let sources = try store.read { db in try JournalStore.sources(matching: query, sort: sort.rawValue, in: db) }
        try runtime.paged {
            SourceRenderer.write(sources, format: format, sink: runtime.stdout, style: runtime.style, zone: runtime.context.timeZone)
        }
    }
}

enum SourcesOrder: String, ExpressibleByArgument, CaseIterable {
    case key, last, entries
}
