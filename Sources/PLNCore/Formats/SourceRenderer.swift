import Foundation

/// Sources in the output formats (`pln sources`, `pln source show`).
package enum SourceRenderer {
    /// A source as JSON: the export's source fields plus `entries` and `last`.
    package static func json(_ source: SourceSummary) -> String {
        let r = source.record
        var w = JSONWriter()
        w.beginObject()
        w.field("key", r.key)
        w.field("type", r.type)
        w.field("title", r.title)
        w.field("authors", strings: r.authors)
        w.field("issued", r.issued)
        w.field("container", r.container)
        w.field("volume", r.volume)
        w.field("issue", r.issue)
        w.field("pages", r.pages)
        w.field("publisher", r.publisher)
        w.field("url", r.url)
        w.field("doi", r.doi)
        w.field("isbn", r.isbn)
        w.field("stub", source.stub)
        w.field("entries", Int64(source.entries))
        w.field("last", source.last?.iso8601)
        w.endObject()
        return w.output
    }

    package static let columns = ["key", "type", "title", "authors", "issued", "entries", "last"]

    package static func fields(_ source: SourceSummary, zone: TimeZone) -> [String] {
        let r = source.record
        return [r.key, r.type, r.title ?? "", r.authors.joined(separator: "; "), r.issued ?? "", String(source.entries),
                source.last?.localDay(in: zone) ?? ""]
    }

    package static func write(_ sources: [SourceSummary], format: OutputFormat, sink: OutputSink, style: Style, zone: TimeZone) {
        guard format == .text else {
            RecordTable.write(sources, columns: columns, format: format, sink: sink, json: json, cells: { fields($0, zone: zone) })
            sink.flush()
            return
        }
        // Text: one aligned line each.
        do {
            let width = sources.map { $0.record.key.count }.max() ?? 0
            for source in sources {
                let r = source.record
                var line = style.paint(r.key, .cyan) + String(repeating: " ", count: width - r.key.count)
                line += "  " + String(format: "%4d", source.entries) + "  "
                var description = r.title ?? r.url ?? ""
                if let first = r.authors.first { description = first.split(separator: ",").first.map(String.init)! + ": " + description }
                if let year = r.issued?.prefix(4) { description += " (\(year))" }
                line += TerminalText.sanitize(description, keepNewlines: false)
                line += style.paint("  " + r.type + (source.stub ? ", stub" : ""), .dim)
                sink.line(line)
            }
        }
        sink.flush()
    }
}
