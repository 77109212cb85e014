import ArgumentParser
import PLNCore

struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph", _superCommandName: "pln",
        abstract: "The learning network as a graph: people, sources and topics linked by the entries they share.",
        discussion: "pln graph --format dot | dot -Tsvg > pln.svg draws it (Graphviz).")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("dot (the default), json or mermaid.", valueName: "format"))
    var format: GraphFormat = .dot

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Keep the N most used nodes (default 60).", valueName: "n"))
    var limit: Int = 60

    @Argument(help: ArgumentHelp("Only the entries matching this query.", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if limit < 1 { throw ValidationError("-n takes a positive number") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        let graph = try store.read { db in try NetworkGraph.build(query, limit: limit, in: db) }
        switch format {
        case .dot: runtime.stdout.write(graph.dot())
        case .json: runtime.stdout.write(graph.json())
        case .mermaid: runtime.stdout.write(graph.mermaid())
        }
        runtime.stdout.flush()
    }
}

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
    case dot, json, mermaid
}
