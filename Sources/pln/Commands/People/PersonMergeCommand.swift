import ArgumentParser
import PLNCore

struct PersonMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge a mistyped or duplicate person into another: links and fields move, nothing is lost.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The person to merge away.", valueName: "@from"))
    var from: String

    @Argument(help: ArgumentHelp("The person who stays.", valueName: "@into"))
    var into: String

    func run() throws {
        let runtime = Runtime(global)
        let from = try bareHandle(from), into = try bareHandle(into)
        let store = try runtime.openStore()
        let moved = try store.write { db in try JournalStore.mergePerson(from, into: into, in: db) }
        runtime.stdout.line("merged @\(from) into @\(into) (\(moved) \(moved == 1 ? "link" : "links") moved)")
        runtime.stdout.flush()
    }
}
