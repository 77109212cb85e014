import ArgumentParser
import PLNCore

struct LinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link", _superCommandName: "pln",
        abstract: "Link an entry to a person, a source or another entry.",
        discussion: """
            pln link 12 @jane --as learned-from; pln link 12 '[[bauer2010]]' --at "p. 38"; \
            pln link 14 12 --as follows-up; pln link @jane '[[bauer2010]]' (she recommended it; \
            --as authored for a writer). A person or source not yet in the journal is created.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The role: mentioned, learned-from, shared-with or met for people; follows-up or outcome for entries.",
        valueName: "role"))
    var role: String?

    @Option(name: .long, help: ArgumentHelp("Where in a source: a page, chapter or timestamp.", valueName: "locator"))
    var at: String?

    @Argument(help: ArgumentHelp("The entry id, or @person to link a person to a source.", valueName: "entry"))
    var entry: String

    @Argument(help: ArgumentHelp("@person, [[source]] (or source:KEY), or an entry id.", valueName: "target"))
    var target: String

    func run() throws {
        let runtime = Runtime(global)
        if entry.hasPrefix("@") {
            guard case .source(let key) = try LinkTarget(parsing: target) else {
                throw ValidationError("a person is linked to a source: pln link @jane '[[bauer2010]]'")
            }
            if at != nil { throw ValidationError("--at is for an entry's citation of a source") }
            let handle = String(entry.dropFirst())
            let store = try runtime.openStore()
            let created = try store.write { db in try JournalStore.linkPerson(handle, to: key, role: role, in: db) }
            for name in created { runtime.note("new \(name.hasPrefix("@") ? "person" : "source") \(name)") }
            runtime.stdout.line("linked \(entry) to [[\(key)]]")
            runtime.stdout.flush()
            return
        }
        let id = try Self.entryIDs([entry])[0]
        let target = try LinkTarget(parsing: target)
        let store = try runtime.openStore()
        let created = try store.write { db in try JournalStore.link(id, to: target, role: role, locator: at, in: db) }
        if let created { runtime.note("new \(created.hasPrefix("@") ? "person" : "source") \(created)") }
        runtime.stdout.line("linked \(id) to \(self.target)")
        runtime.stdout.flush()
    }
}
