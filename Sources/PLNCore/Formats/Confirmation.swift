import Foundation

/// The one line that confirms a saved entry.
package enum Confirmation {
    /// What the line shows of an entry.
    package struct Saved: Sendable, Equatable {
        package var id: Int64
        package var timestamp: Timestamp
        package var tags: [String]
        /// Handles, one for each of the entry's links to a person (a person linked in two roles
        /// shows twice, as in `Entry.people`).
        package var people: [String]
        package var sources: [String]

        package init(id: Int64, timestamp: Timestamp, tags: [String], people: [String], sources: [String]) {
            self.id = id
            self.timestamp = timestamp
            self.tags = tags
            self.people = people
            self.sources = sources
        }

        package init(_ entry: Entry) {
            self.init(id: entry.id, timestamp: entry.timestamp, tags: entry.tags,
                      people: entry.people.map(\.handle), sources: entry.sources.map(\.key))
        }
    }

    package static func line(for entry: Entry, style: Style, zone: TimeZone) -> String {
        line(for: Saved(entry), style: style, zone: zone)
    }

    package static func line(for saved: Saved, style: Style, zone: TimeZone) -> String {
        var parts = [style.paint("added \(saved.id)", .green), saved.timestamp.localText(in: zone)]
        if !saved.tags.isEmpty { parts.append(saved.tags.map { "#" + $0 }.joined(separator: " ")) }
        if !saved.people.isEmpty { parts.append(saved.people.map { "@" + $0 }.joined(separator: " ")) }
        if !saved.sources.isEmpty { parts.append(saved.sources.map { "[[\($0)]]" }.joined(separator: " ")) }
        return TerminalText.sanitize(parts.joined(separator: "  "), keepNewlines: false)
    }
}
