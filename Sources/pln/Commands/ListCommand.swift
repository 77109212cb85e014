import ArgumentParser
import PLNCore

struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", _superCommandName: "pln",
        abstract: "List entries matching a query (all entries without one).",
        discussion: "Oldest first, so the newest entries end next to the prompt; --reverse flips it.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("Only the newest N entries.", valueName: "n"))
    var limit: Int?

    @Flag(name: [.short, .long], help: "Newest first.")
    var reverse = false

    @Option(name: .long, help: ArgumentHelp("Order by date or by search rank.", valueName: "order"))
    var sort: EntryOrder = .date

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)).", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("-n takes a positive number") }
    }

    func run() throws {
        try EntryListing.run(global: global, query: query, limit: limit, reverse: reverse, order: sort,
                             format: format, snippets: false)
    }
}
