import Foundation
import ArgumentParser
import PLNCore

struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", _superCommandName: "pln",
        abstract: "Full-text search, best matches first, with the matching words highlighted.")

    @OptionGroup var global: GlobalOptions

    @Option(name: [.customShort("n"), .long], help: ArgumentHelp("At most N results (default 20).", valueName: "n"))
    var limit: Int = 20

    @Flag(name: [.short, .long], help: "Worst match first.")
    var reverse = false

    @Option(name: .long, help: ArgumentHelp("Order by rank or by date.", valueName: "order"))
    var sort: EntryOrder = .rank

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The query (see QUERIES in pln(1)).", valueName: "query"))
    var query: [String] = []

    func validate() throws {
        if query.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("search needs words to look for")
        }
        if limit < 1 { throw ValidationError("-n takes a positive number") }
    }

    func run() throws {
        try EntryListing.run(global: global, query: query, limit: limit, reverse: reverse, order: sort,
                             format: format, snippets: true)
    }
}
