import ArgumentParser
import PLNCore
import PLNScripting

struct QueryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "query", _superCommandName: "pln",
        abstract: "Run a query a plugin defined with pln.query{} (without a name: list them).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The query's name.", valueName: "name"))
    var name: String?

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Arguments for the query.", valueName: "args"))
    var arguments: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let host = try ScriptSupport.host(runtime, store: store)
        guard let name else {
            for query in host.registry.queries.values.sorted(by: { $0.name < $1.name }) {
                runtime.stdout.line(query.name + (query.help.isEmpty ? "" : "  " + query.help))
            }
            runtime.stdout.flush()
            return
        }
        let previous = host.format
        host.format = format
        defer { host.format = previous }
        try runtime.paged {
            try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in try host.runQuery(name, arguments: arguments) }
        }
    }
}
