import ArgumentParser
import PLNCore

struct SourceMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge", abstract: "Merge a duplicate source into another: citations and fields move, nothing is lost.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The source to merge away.", valueName: "from"))
    var from: String

    @Argument(help: ArgumentHelp("The source that stays.", valueName: "into"))
    var into: String

    func run() throws {
        let runtime = Runtime(global)
        let from = try sourceKey(from), into = try sourceKey(into)
        let store = try runtime.openStore()
        let moved = try store.write { db in try JournalStore.mergeSource(from, into: into, in: db) }
        runtime.stdout.line("merged [[\(from)]] into [[\(into)]] (\(moved) \(moved == 1 ? "citation" : "citations") moved)")
        runtime.stdout.flush()
    }
}
