import ArgumentParser
import PLNCore

struct StarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "star", _superCommandName: "pln", abstract: "Star entries.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Entry ids.", valueName: "id"))
    var ids: [String]

    func run() throws { try Self.setStar(true, ids: ids, global: global) }

    static func setStar(_ starred: Bool, ids: [String], global: GlobalOptions) throws {
        let runtime = Runtime(global)
        let ids = try entryIDs(ids)
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.setStarred(starred, ids: ids, in: db) }
        runtime.stdout.line((starred ? "starred " : "unstarred ") + ids.map(String.init).joined(separator: " "))
        runtime.stdout.flush()
    }
}
