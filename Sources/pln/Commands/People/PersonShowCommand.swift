import ArgumentParser
import Foundation
import PLNCore

struct PersonShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "A person's profile, what you learned from them, recent entries and last contact.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Their handle.", valueName: "@handle"))
    var handle: String

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("person show writes text or json") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let handle = try bareHandle(handle)
        let store = try runtime.openStore()
        let (person, learned, recent) = try store.read { db in
            (try JournalStore.person(handle, in: db),
             try JournalStore.entries(ofPerson: handle, role: "learned-from", limit: 5, in: db),
             try JournalStore.entries(ofPerson: handle, limit: 5, in: db))
        }
        guard let person else { throw PLNError.invalidArgument("no person @\(handle)") }
        let out = runtime.stdout
        if format == .json {
            out.line(PersonRenderer.json(person))
            out.flush()
            return
        }
        let style = runtime.style, zone = runtime.context.timeZone
        var title = style.paint("@" + person.handle, .magenta)
        if let name = person.name { title += "  " + TerminalText.sanitize(name, keepNewlines: false) }
        out.line(title)
        var rows: [(String, String)] = []
        if !person.roles.isEmpty { rows.append(("roles", person.roles.joined(separator: ", "))) }
        if !person.topics.isEmpty { rows.append(("topics", person.topics.map { "#" + $0 }.joined(separator: " "))) }
        if let met = person.met { rows.append(("met", met)) }
        if let through = person.through { rows.append(("through", "@" + through)) }
        for (platform, value) in person.handles { rows.append((platform, value)) }
        if let email = person.email { rows.append(("email", email)) }
        if let days = person.cadenceDays { rows.append(("every", "\(days) days")) }
        rows.append(("entries", String(person.entries)))
        rows.append(("last contact", person.last?.localText(in: zone) ?? "never"))
        if let notes = person.notes { rows.append(("notes", notes)) }
        let width = rows.map(\.0.count).max() ?? 0
        for (label, value) in rows {
            out.line(style.paint(label + String(repeating: " ", count: width - label.count), .dim) + "  "
                     + TerminalText.sanitize(value, keepNewlines: false))
        }
        for (heading, entries) in [("Learned from them", learned), ("Recent entries", recent)] where !entries.isEmpty {
            out.line()
            out.line(style.paint(heading, .bold))
            let renderer = EntryRenderer(format: .text, sink: out, style: style, zone: zone, width: runtime.terminalWidth)
            for entry in entries.reversed() { renderer.entry(entry) }
        }
        out.flush()
    }
}
