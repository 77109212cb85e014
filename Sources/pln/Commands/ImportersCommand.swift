import ArgumentParser
import PLNCore

/// `pln importers`: the same list as `pln import --list`.
struct ImportersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "importers", _superCommandName: "pln",
        abstract: "List the importers pln import can use (built in, bundled and from plugins), with their help.")

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let runtime = Runtime(global)
        try ImportCommand.listImporters(runtime: runtime, store: try runtime.openStore())
    }
}
