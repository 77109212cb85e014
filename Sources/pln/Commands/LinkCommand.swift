import ArgumentParser
import PLNCore

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "Link an entry to a person, a source or another entry.",
        discussion: """
            pln link 12 @jane --as learned-from; pln link 12 '[[bauer2010]]' --at "p. 38"; \
            pln link 14 12 --as follows-up. A person or source not yet in the journal is created.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The role: mentioned, learned-from, shared-with or met for people; follows-up or outcome for entries.",
        valueName: "role"))
    var role: String?

    @Option(name: .long, help: ArgumentHelp("Where in a source: a page, chapter or timestamp.", valueName: "locator"))
    var at: String?

    @Argument(help: ArgumentHelp("The entry id.", valueName: "entry"))
    var entry: String

    @Argument(help: ArgumentHelp("@person, [[source]] (or source:KEY), or an entry id.", valueName: "target"))
    var target: String

    func run() throws {
        let runtime = Runtime(global)
        let id = try Self.entryIDs([entry])[0]
        let target = try LinkTarget(parsing: target)
        let store = try runtime.openStore()
        let created = try store.write { db in try JournalStore.link(id, to: target, role: role, locator: at, in: db) }
        if let created { runtime.note("new \(created.hasPrefix("@") ? "person" : "source") \(created)") }
        runtime.stdout.line("linked \(id) to \(self.target)")
        runtime.stdout.flush()
    }
}
