/// What an import did.
package struct ImportSummary: Sendable, Equatable {
    package var entries = 0
    /// Entries already in the journal (same UUID), left as they were.
    package var duplicates = 0
    package var people = 0
    package var sources = 0
    package var links = 0

    package init() {}

    package var description: String {
        var parts = ["\(entries) \(entries == 1 ? "entry" : "entries")"]
        parts.append("\(people) \(people == 1 ? "person" : "people")")
        parts.append("\(sources) \(sources == 1 ? "source" : "sources")")
        parts.append("\(links) \(links == 1 ? "link" : "links")")
        var text = "imported " + parts.joined(separator: ", ")
        if duplicates > 0 { text += "; \(duplicates) already in the journal" }
        return text
    }
}
