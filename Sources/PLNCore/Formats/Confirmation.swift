import Foundation

/// The one line that confirms a saved entry.
package enum Confirmation {
    package static func line(for entry: Entry, style: Style, zone: TimeZone) -> String {
        var parts = [style.paint("added \(entry.id)", .green), entry.timestamp.localText(in: zone)]
        if !entry.tags.isEmpty { parts.append(entry.tags.map { "#" + $0 }.joined(separator: " ")) }
        if !entry.people.isEmpty { parts.append(entry.people.map { "@" + $0.handle }.joined(separator: " ")) }
        if !entry.sources.isEmpty { parts.append(entry.sources.map { "[[\($0.key)]]" }.joined(separator: " ")) }
        return TerminalText.sanitize(parts.joined(separator: "  "), keepNewlines: false)
    }
}
