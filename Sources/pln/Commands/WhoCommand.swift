import ArgumentParser
import Foundation
import PLNCore

struct WhoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "who", _superCommandName: "pln",
        abstract: "Who and what to turn to on a topic: people and sources ranked by how much and how recently they helped.",
        discussion: """
            The topic matches entries tagged with it or using the word (TOPIC may also be a whole \
            query with --query). Each entry counts less the older it is (half of it after 180 days), and \
            twice for a person you learned from (pln link --as learned-from).
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("At most N people and N sources (default 10).", valueName: "n"))
    var n: Int = 10

    @Flag(name: .long, help: "Take the words as a query (see QUERIES in pln(1)) instead of a topic.")
    var query = false

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("The topic: a tag (with or without #) or a word.", valueName: "topic"))
    var topic: [String]

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("who writes text or json") }
        if n < 1 { throw ValidationError("-n takes a positive number") }
        if !query, topic.count != 1 { throw ValidationError("give one topic, or --query with a query") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let text: String
        if query {
            text = topic.joined(separator: " ")
        } else {
            let word = topic[0].hasPrefix("#") ? String(topic[0].dropFirst()) : topic[0]
            guard !word.isEmpty, !word.contains(where: { $0.isWhitespace || $0 == "\"" }) else {
                throw ValidationError("'\(topic[0])' is not a topic (one word or tag)")
            }
            text = "tag:\(word) OR \"\(word)\""
        }
        let parsed = try runtime.query([text])
        let store = try runtime.openStore()
        let ranked = try store.read { db in try JournalStore.contributions(to: parsed, now: runtime.context.now, in: db) }
        let people: [Contribution] = Array(ranked.filter { $0.isPerson }.prefix(n))
        let sources: [Contribution] = Array(ranked.filter { !$0.isPerson }.prefix(n))
        let out = runtime.stdout, zone = runtime.context.timeZone
        if format == .json {
            func list(_ items: [Contribution]) -> JSONValue {
                var values: [JSONValue] = []
                for c in items {
                    let example = JSONValue.object([("id", .number(Double(c.exampleID))), ("text", .string(c.example))])
                    let members: [(String, JSONValue)] = [
                        ("name", .string(c.name)), ("score", .number((c.score * 100).rounded() / 100)),
                        ("entries", .number(Double(c.entries))), ("last", .string(c.last.iso8601)), ("example", example),
                    ]
                    values.append(.object(members))
                }
                return .array(values)
            }
            out.line(JSONValue.object([("topic", .string(topic.joined(separator: " "))), ("people", list(people)),
                                       ("sources", list(sources))]).serialized)
            out.flush()
            return
        }
        let style = runtime.style
        for (heading, items) in [("People", people), ("Sources", sources)] {
            out.line(style.paint("\(heading) for \(topic.joined(separator: " "))", .bold))
            if items.isEmpty { out.line("  (none yet)") }
            let width = items.map { $0.name.count }.max() ?? 0
            for c in items {
                let name = TerminalText.sanitize(c.name, keepNewlines: false)
                var line = "  " + style.paint(name, c.isPerson ? .magenta : .cyan) + String(repeating: " ", count: width - c.name.count)
                line += String(format: "  %5.1f  ", c.score) + "\(c.entries) \(c.entries == 1 ? "entry" : "entries"), last "
                line += c.last.localDay(in: zone)
                out.line(line)
                out.line(style.paint("      e.g. \(c.exampleID): " + TerminalText.truncate(
                    TerminalText.sanitize(c.example, keepNewlines: false), toWidth: 70), .dim))
            }
            if heading == "People" { out.line() }
        }
        out.flush()
    }
}
