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
        guard format == .text else {
            RecordTable.write(people, columns: columns, format: format, sink: sink, json: json, cells: { fields($0, zone: zone) })
            sink.flush()
            return
        }
        // Text: one aligned line each.
        do {
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
