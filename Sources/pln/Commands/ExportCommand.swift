import ArgumentParser
import PLNCore

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the journal (or the entries a query selects) for other tools or another journal.",
        discussion: """
            jsonl and json carry the people and sources the entries name, so `pln import` \
            rebuilds every entry, person, source and link. csv, tsv and md carry entries only.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: jsonl, json, csv, tsv or md.", valueName: "format"))
    var format: OutputFormat = .jsonl

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)); all entries without one.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if format == .text { throw ValidationError("export writes jsonl, json, csv, tsv or md") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        try runtime.paged {
            try Exporter(store: store, sink: runtime.stdout).export(query: query, format: format, style: Style(enabled: false))
        }
    }
}
