import ArgumentParser
import PLNCore

struct CiteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cite", _superCommandName: "pln", abstract: "Print APA 7 reference-list entries for sources, in the order given.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("text (italics on a terminal) or md (italics as *…*).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Source keys.", valueName: "key"))
    var keys: [String]

    func validate() throws {
        if format != .text, format != .md { throw ValidationError("cite writes text or md") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let keys = try keys.map(sourceKey)
        let store = try runtime.openStore()
        let sources = try store.read { db in
            try keys.map { key -> SourceSummary in
                guard let source = try JournalStore.source(key, in: db) else {
                    throw PLNError.invalidArgument("no source [[\(key)]]")
                }
                return source
            }
        }
        let italics: APACitation.Italics = format == .md ? .markdown : (runtime.style.enabled ? .terminal : .none)
        for source in sources {
            runtime.stdout.line(APACitation.reference(source.record.sanitized(), italics: italics))
        }
        runtime.stdout.flush()
    }
}
