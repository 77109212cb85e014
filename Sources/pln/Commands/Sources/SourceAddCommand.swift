import ArgumentParser
import PLNCore

struct SourceAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a source.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: SourceFields

    @Argument(help: ArgumentHelp("Its key, as [[key]] cites it.", valueName: "key"))
    var key: String

    func run() throws {
        let runtime = Runtime(global)
        let key = try sourceKey(key)
        let changes = try fields.changes()
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.addSource(key, changes, in: db) }
        runtime.stdout.line("added [[\(key)]]")
        runtime.stdout.flush()
    }
}
