import ArgumentParser
import PLNCore

struct CountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "count", _superCommandName: "pln", abstract: "Count entries matching a query (all entries without one).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)).", valueName: "query"))
    var query: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        runtime.stdout.line(String(try store.count(matching: query)))
        runtime.stdout.flush()
    }
}
