import ArgumentParser
import PLNCore

struct PersonAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a person.")

    @OptionGroup var global: GlobalOptions
    @OptionGroup var fields: PersonFields

    @Argument(help: ArgumentHelp("Their handle.", valueName: "@handle"))
    var handle: String

    func run() throws {
        let runtime = Runtime(global)
        let handle = try bareHandle(handle)
        let changes = try fields.changes()
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.addPerson(handle, changes, in: db) }
        runtime.stdout.line("added @\(handle)")
        runtime.stdout.flush()
    }
}
