import ArgumentParser
import PLNCore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pln's own JSONL or JSON (from `pln export`) from a file or stdin.",
        discussion: """
            The file is one transaction: a malformed line stops the import with file:line and \
            nothing is saved. Entries already in the journal (same UUID) are skipped, so importing \
            a file twice adds nothing.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The input format: jsonl or json (detected when not given).", valueName: "format"))
    var format: Importer.Format?

    @Argument(help: ArgumentHelp("The file to read, or '-' for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        Interrupt.install()
        defer { Interrupt.uninstall() }
        let summary = try Importer(store: store, context: runtime.context).importFile(file, format: format)
        runtime.stdout.line(summary.description)
        runtime.stdout.flush()
    }
}

extension Importer.Format: ExpressibleByArgument {}
