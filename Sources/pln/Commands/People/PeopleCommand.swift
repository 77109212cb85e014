import ArgumentParser
import Foundation
import PLNCore

struct PeopleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "people", _superCommandName: "pln",
        abstract: "People in the journal (of the entries a query selects), with entry counts and last contact.",
        discussion: "--due lists the people past their stay-in-touch cadence (person edit --every), longest overdue first.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Order by name, last (contact, newest first) or entries.", valueName: "order"))
    var sort: PeopleOrder = .name

    @Flag(name: .long, help: "Only people past their stay-in-touch cadence.")
    var due = false

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Only people linked to entries matching this query.", valueName: "query"))
    var query: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        var people = try store.read { db in try JournalStore.people(matching: query, sort: sort.rawValue, in: db) }
        if due {
            let now = runtime.context.now.timeIntervalSince1970
            people = people.compactMap { person -> (PersonSummary, Double)? in
                guard let days = person.cadenceDays else { return nil }
                let since = person.last.map { now - $0.date.timeIntervalSince1970 } ?? .infinity
                let overdue = since - Double(days) * 86_400
                return overdue > 0 ? (person, overdue) : nil
            }.sorted { $0.1 > $1.1 }.map(\.0)
        }
        if due, format == .text {
            // Each overdue person with the last thing you wrote with them, to pick up from.
            // Prefer the last thing learned from or shared with them; else the last entry naming them.
            let latest = try store.read { db in
                try people.map { person -> Entry? in
                    let exchanged = try ["learned-from", "shared-with"].compactMap {
                        try JournalStore.entries(ofPerson: person.handle, role: $0, limit: 1, in: db).first
                    }.max { $0.timestamp.seconds < $1.timestamp.seconds }
                    return try exchanged ?? JournalStore.entries(ofPerson: person.handle, limit: 1, in: db).first
                }
            }
            try runtime.paged {
                for (person, entry) in zip(people, latest) {
                    PersonRenderer.write([person], format: .text, sink: runtime.stdout, style: runtime.style,
                                         zone: runtime.context.timeZone)
                    if let entry {
                        let line = entry.body.split(separator: "\n").first.map(String.init) ?? ""
                        runtime.stdout.line("    last: " + TerminalText.sanitize(line, keepNewlines: false))
                    }
                }
                runtime.stdout.flush()
            }
            return
        }
        try runtime.paged {
            PersonRenderer.write(people, format: format, sink: runtime.stdout, style: runtime.style, zone: runtime.context.timeZone)
        }
    }
}

enum PeopleOrder: String, ExpressibleByArgument, CaseIterable {
    case name, last, entries
}
