import ArgumentParser
import PLNCore
import PLNScripting

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

    @Option(name: .customLong("as"), help: ArgumentHelp("An exporter a plugin defined with pln.exporter{}.", valueName: "name"))
    var exporter: String?

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)); all entries without one.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if format == .text { throw ValidationError("export writes jsonl, json, csv, tsv or md") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        if let exporter {
            let host = try ScriptSupport.host(runtime, store: store)
            let text = self.query.joined(separator: " ")
            _ = try runtime.query(self.query)
            try runtime.paged {
                try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in try host.runExporter(exporter, query: text) }
            }
            return
        }
        let query = try runtime.query(query)
        try runtime.paged {
            try Exporter(store: store, sink: runtime.stdout).export(query: query, format: format, style: Style(enabled: false))
        }
    }
}
