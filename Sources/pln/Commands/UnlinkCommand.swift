import ArgumentParser
import PLNCore

struct UnlinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlink", _superCommandName: "pln",
        abstract: "Remove a link from an entry (only the given role or locator, when one is given).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as"), help: ArgumentHelp("Only the link with this role.", valueName: "role"))
    var role: String?

    @Option(name: .long, help: ArgumentHelp("Only the citation at this locator.", valueName: "locator"))
    var at: String?

    @Argument(help: ArgumentHelp("The entry id.", valueName: "entry"))
    var entry: String

    @Argument(help: ArgumentHelp("@person, [[source]] (or source:KEY), or an entry id.", valueName: "target"))
    var target: String

    func run() throws {
        let runtime = Runtime(global)
        if entry.hasPrefix("@") {
            guard case .source(let key) = try LinkTarget(parsing: target) else {
                throw ValidationError("a person is unlinked from a source: pln unlink @jane '[[bauer2010]]'")
            }
            let store = try runtime.openStore()
            try store.write { db in try JournalStore.unlinkPerson(String(entry.dropFirst()), from: key, role: role, in: db) }
            runtime.stdout.line("unlinked \(entry) from [[\(key)]]")
            runtime.stdout.flush()
            return
        }
        let id = try Self.entryIDs([entry])[0]
        let target = try LinkTarget(parsing: target)
        let store = try runtime.openStore()
        try store.write { db in try JournalStore.unlink(id, from: target, role: role, locator: at, in: db) }
        runtime.stdout.line("unlinked \(id) from \(self.target)")
        runtime.stdout.flush()
    }
}
