import Foundation

/// People in the output formats (`pln people`, `pln person show`).
package enum PersonRenderer {
    /// A person as JSON: the export's person shape plus `entries` and `last`.
    package static func json(_ person: PersonSummary) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("handle", "@" + person.handle)
        w.field("name", person.name)
        w.field("roles", strings: person.roles)
        w.field("topics", strings: person.topics)
        w.key("handles")
        w.beginObject()
        for (platform, handle) in person.handles { w.field(platform, handle) }
        w.endObject()
        w.field("email", person.email)
        w.field("met", person.met)
        w.field("through", person.through.map { "@" + $0 })
        w.key("every_days")
        if let days = person.cadenceDays { w.int(days) } else { w.null() }
        w.field("notes", person.notes)
        w.field("entries", Int64(person.entries))
        w.field("last", person.last?.iso8601)
        w.endObject()
        return w.output
    }

    /// The columns of the table formats.
    package static let columns = ["handle", "name", "roles", "topics", "entries", "last", "every_days"]

    package static func fields(_ person: PersonSummary, zone: TimeZone) -> [String] {
        ["@" + person.handle, person.name ?? "", person.roles.joined(separator: ";"), person.topics.joined(separator: ";"),
         String(person.entries), person.last?.localDay(in: zone) ?? "", person.cadenceDays.map(String.init) ?? ""]
    }

    /// Writes `people` to `sink` in `format`.
    package static func write(_ people: [PersonSummary], format: OutputFormat, sink: OutputSink, style: Style, zone: TimeZone) {
        switch format {
        case .json:
            sink.write("[")
            for (index, person) in people.enumerated() { sink.write(index == 0 ? "\n" : ",\n"); sink.write(json(person)) }
            sink.line(people.isEmpty ? "]" : "\n]")
        case .jsonl:
            for person in people { sink.line(json(person)) }
        case .csv, .tsv:
            let csv = format == .csv
            sink.line(columns.joined(separator: csv ? "," : "\t"))
            for person in people {
                sink.line(fields(person, zone: zone).map { csv ? Delimited.csv($0) : Delimited.tsv($0) }
                    .joined(separator: csv ? "," : "\t"))
            }
        case .md:
            sink.line("| " + columns.joined(separator: " | ") + " |")
            sink.line("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
            for person in people {
                sink.line("| " + fields(person, zone: zone).map {
                    TerminalText.sanitize($0, keepNewlines: false).replacingOccurrences(of: "|", with: "\\|")
                }.joined(separator: " | ") + " |")
            }
        case .text:
            let width = people.map { $0.handle.count + 1 }.max() ?? 0
            for person in people {
                let handle = "@" + person.handle
                var line = style.paint(handle, .magenta) + String(repeating: " ", count: width - handle.count)
                line += "  " + String(format: "%4d", person.entries) + "  " + (person.last?.localDay(in: zone) ?? "          ")
                if let name = person.name { line += "  " + TerminalText.sanitize(name, keepNewlines: false) }
                if !person.roles.isEmpty { line += style.paint("  (" + person.roles.joined(separator: ", ") + ")", .dim) }
                sink.line(line)
            }
        }
        sink.flush()
    }
}
