import ArgumentParser
import PLNCore

struct PersonEditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", abstract: "Change a person's fields (an empty value clears one; repeated flags replace a list).")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: PersonFields

    @Argument(help: ArgumentHelp("Their handle.", valueName: "@handle"))
    var handle: String

    func run() throws {
        let runtime = Runtime(global)
        let handle = try bareHandle(handle)
        let changes = try fields.changes()
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.editPerson(handle, changes, in: db) }
        runtime.stdout.line("updated @\(handle)")
        runtime.stdout.flush()
    }
}
