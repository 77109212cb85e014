import ArgumentParser
import PLNCore

struct SourceEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a source's fields (an empty value clears one; repeated --author replaces the list).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: SourceFields

    @Argument(help: ArgumentHelp("Its key.", valueName: "key"))
    var key: String

    func run() throws {
        let runtime = Runtime(global)
        let key = try sourceKey(key)
        let changes = try fields.changes()
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.editSource(key, changes, in: db) }
        runtime.stdout.line("updated [[\(key)]]")
        runtime.stdout.flush()
    }
}
