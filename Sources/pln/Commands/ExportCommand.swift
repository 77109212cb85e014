import ArgumentParser
import PLNCore
import PLNScripting

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", _superCommandName: "pln",
        abstract: "Write the journal (or the entries a query selects) for other tools or another journal.",
        discussion: """
            jsonl and json carry the people and sources the entries name, so `pln import` \
            rebuilds every entry, person, source and link. csv, tsv and md carry entries only. \
            With --sources, the sources the entries cite (all of them without a query) are written \
            as bibtex, ris, csl-json, jsonl or json.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp(
        "Output format: jsonl, json, csv, tsv or md; with --sources, bibtex, ris, csl-json, jsonl or json.",
        valueName: "format"))
    var format: ExportFormat = .jsonl

    @Flag(name: .long, help: "Export the sources (a bibliography) instead of the entries.")
    var sources = false

    @Option(name: .customLong("as"), help: ArgumentHelp("An exporter a plugin defined with pln.exporter{}.", valueName: "name"))
    var exporter: String?

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)); all entries without one.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if sources {
            guard [.bibtex, .ris, .cslJSON, .jsonl, .json].contains(format) else {
                throw ValidationError("export --sources writes bibtex, ris, csl-json, jsonl or json")
            }
        } else if format.entryFormat == nil {
            throw ValidationError("--format \(format.rawValue) is for sources: add --sources")
        }
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
        if sources {
            let list = try store.read { db in try JournalStore.sources(matching: query, sort: "key", in: db) }
            let out = runtime.stdout
            try runtime.paged {
                switch format {
                case .bibtex: for source in list { out.line(BibliographyWriter.bibtex(source.record)) }
                case .ris: for source in list { out.write(BibliographyWriter.ris(source.record)) }
                case .cslJSON:
                    out.write("[")
                    for (index, source) in list.enumerated() {
                        out.write(index == 0 ? "\n" : ",\n")
                        out.write(BibliographyWriter.cslJSON(source.record))
                    }
                    out.line(list.isEmpty ? "]" : "\n]")
                default:
                    SourceRenderer.write(list, format: format.entryFormat ?? .jsonl, sink: out, style: Style(enabled: false),
                                         zone: runtime.context.timeZone)
                }
                out.flush()
            }
            return
        }
        try runtime.paged {
            try Exporter(store: store, sink: runtime.stdout).export(query: query, format: format.entryFormat!, style: Style(enabled: false))
        }
    }
}

/// What `pln export` writes: the entry formats, and bibliographies with --sources.
enum ExportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, json, csv, tsv, md, bibtex, ris
    case cslJSON = "csl-json"

    /// The same format for entries, nil for the bibliography-only ones.
    var entryFormat: OutputFormat? { OutputFormat(rawValue: rawValue) }
}
