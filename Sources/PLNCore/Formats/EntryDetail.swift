import Foundation
import GRDB

/// The full view of one entry (`pln show`): text, date, and every link with its role.
package struct EntryDetail {
    package let entry: Entry
    /// Display names of linked people, by handle.
    package let names: [String: String]
    /// Titles of linked sources, by key.
    package let titles: [String: String]
    /// Entries that link to this one (follow-ups), as (id, role).
    package let backlinks: [(id: Int64, role: String)]

    /// Loads the entry and what its links point at.
    package static func load(id: Int64, from store: JournalStore) throws(PLNError) -> EntryDetail {
        try store.read { db in
            guard let entry = try JournalStore.entry(id: id, in: db) else { throw PLNError.noSuchEntry(id) }
            var names: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT p.handle, p.name FROM entry_person ep JOIN person p ON p.id = ep.person_id
                WHERE ep.entry_id = ? AND p.name IS NOT NULL
                """, arguments: [id]) {
                names[row[0]] = row[1]
            }
            var titles: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT s.key, coalesce(s.title, s.url) FROM entry_source es JOIN source s ON s.id = es.source_id
                WHERE es.entry_id = ? AND coalesce(s.title, s.url) IS NOT NULL
                """, arguments: [id]) {
                titles[row[0]] = row[1]
            }
            let backlinks = try Row.fetchAll(
                db, sql: "SELECT from_id, role FROM entry_link WHERE to_id = ? ORDER BY from_id", arguments: [id]
            ).map { (id: $0[0] as Int64, role: $0[1] as String) }
            return EntryDetail(entry: entry, names: names, titles: titles, backlinks: backlinks)
        }
    }

    /// The human-readable view.
    package func text(style: Style, zone: TimeZone) -> String {
        let e = entry
        var out = style.paint("entry \(e.id)", .yellow) + "  " + style.paint(e.timestamp.localText(in: zone), .blue)
        if e.kind != "note" { out += "  " + e.kind }
        if let framework = e.framework { out += " (\(framework))" }
        if e.starred { out += "  " + style.paint("★", .yellow) }
        out += "\n\n" + TerminalText.sanitize(e.body) + "\n"
        var meta: [(String, String)] = []
        if !e.tags.isEmpty { meta.append(("tags", e.tags.map { "#" + $0 }.joined(separator: " "))) }
        for person in e.people {
            var line = "@" + person.handle
            if let name = names[person.handle] { line += " (\(name))" }
            meta.append((person.role == "mentioned" ? "person" : person.role, line))
        }
        for source in e.sources {
            var line = "[[\(source.key)]]"
            if !source.locator.isEmpty { line += " at \(source.locator)" }
            if let title = titles[source.key] { line += " — \(title)" }
            meta.append(("source", line))
        }
        for link in e.links { meta.append((link.role, "entry \(link.id)")) }
        for back in backlinks { meta.append(("linked from", "entry \(back.id) (\(back.role))")) }
        let width = max(4, meta.map(\.0.count).max() ?? 0)
        if !meta.isEmpty {
            out += "\n"
            for (label, value) in meta {
                let padded = label + String(repeating: " ", count: width - label.count)
                out += style.paint(padded, .dim) + "  " + TerminalText.sanitize(value, keepNewlines: false) + "\n"
            }
        }
        out += style.paint("uuid", .dim) + String(repeating: " ", count: width - 4 + 2) + e.uuid + "\n"
        return out
    }
}
