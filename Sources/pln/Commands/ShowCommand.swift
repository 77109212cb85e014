import ArgumentParser
import PLNCore

struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", _superCommandName: "pln", abstract: "Show entries with their people, sources and links.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Entry ids.", valueName: "id"))
    var ids: [String]

    func run() throws {
        let runtime = Runtime(global)
        let ids = try Self.entryIDs(ids)
        let store = try runtime.openStore()
        try runtime.paged { try show(ids, store: store, runtime: runtime) }
    }

    private func show(_ ids: [Int64], store: JournalStore, runtime: Runtime) throws {
        if format == .text {
            for (index, id) in ids.enumerated() {
                let detail = try EntryDetail.load(id: id, from: store)
                if index > 0 { runtime.stdout.line() }
                runtime.stdout.write(detail.text(style: runtime.style, zone: runtime.context.timeZone))
            }
        } else {
            var entries: [Entry] = []
        for id in ids { entries.append(try store.entry(id: id)) }
            let renderer = EntryRenderer(format: format, sink: runtime.stdout, style: runtime.style,
                                         zone: runtime.context.timeZone)
            if format == .json, entries.count == 1 {
                runtime.stdout.line(EntryRenderer.json(entries[0]))
            } else {
                renderer.begin()
                for entry in entries { renderer.entry(entry) }
                renderer.end()
            }
        }
        runtime.stdout.flush()
    }
}
