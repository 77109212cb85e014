import Foundation

/// Writes a stream of entries in one output format.
///
/// Call `begin`, then `entry` for each row as it comes off the cursor, then `end`: nothing is
/// held back, so memory stays flat however many entries are written.
package final class EntryRenderer {
    package let format: OutputFormat
    private let sink: OutputSink
    private let style: Style
    private let zone: TimeZone
    private var count = 0
    /// Terminal width for truncating one-line text rows; nil when not on a terminal.
    private let width: Int?

    package init(format: OutputFormat, sink: OutputSink, style: Style, zone: TimeZone = .current, width: Int? = nil) {
        self.format = format
        self.sink = sink
        self.style = style
        self.zone = zone
        self.width = width
    }

    /// The CSV/TSV header columns.
    package static let columns = ["id", "uuid", "date", "kind", "starred", "tags", "people", "sources", "body"]

    package func begin() {
        switch format {
        case .json: sink.write("[")
        case .csv: sink.line(Self.columns.joined(separator: ","))
        case .tsv: sink.line(Self.columns.joined(separator: "\t"))
        case .text, .jsonl, .md: break
        }
    }

    package func end() {
        if format == .json { sink.line(count == 0 ? "]" : "\n]") }
        sink.flush()
    }

    /// Writes one entry; `snippet` (with \u{1}…\u{2} around matches) replaces the body in text output.
    package func entry(_ entry: Entry, snippet: String? = nil) {
        defer { count += 1 }
        switch format {
        case .json:
            sink.write(count == 0 ? "\n" : ",\n")
            sink.write(bytes: Self.jsonBytes(entry))
        case .jsonl:
            sink.line(bytes: Self.jsonBytes(entry))
        case .csv:
            sink.line(Self.fields(entry).map(Delimited.csv).joined(separator: ","))
        case .tsv:
            sink.line(Self.fields(entry).map(Delimited.tsv).joined(separator: "\t"))
        case .md:
            sink.line(markdown(entry))
        case .text:
            sink.line(textLine(entry, snippet: snippet))
        }
    }

    /// The documented JSON shape of an entry.
    package static func json(_ entry: Entry) -> String {
        String(decoding: jsonBytes(entry), as: UTF8.self)
    }

    /// The entry's JSON as UTF-8, for streaming without a String in between.
    package static func jsonBytes(_ entry: Entry) -> [UInt8] {
        var w = JSONWriter()
        w.beginObject()
        w.field("id", entry.id)
        w.field("uuid", entry.uuid)
        w.field("date", entry.timestamp.iso8601)
        w.field("body", entry.body)
        w.field("tags", strings: entry.tags)
        w.key("people")
        w.beginArray()
        for person in entry.people {
            w.beginObject()
            w.field("handle", "@" + person.handle)
            w.field("role", person.role)
            w.endObject()
        }
        w.endArray()
        w.key("sources")
        w.beginArray()
        for source in entry.sources {
            w.beginObject()
            w.field("key", source.key)
            w.field("locator", source.locator.isEmpty ? nil : source.locator)
            w.endObject()
        }
        w.endArray()
        w.key("links")
        w.beginArray()
        for link in entry.links {
            w.beginObject()
            w.field("id", link.id)
            w.field("uuid", link.uuid)
            w.field("role", link.role)
            w.endObject()
        }
        w.endArray()
        w.field("kind", entry.kind)
        w.field("framework", entry.framework)
        if entry.framework != nil || !entry.stages.isEmpty {
            // Structured reflections only, so every other entry keeps its shape.
            w.key("stages")
            w.beginArray()
            for answer in entry.stages {
                w.beginObject()
                w.field("stage", answer.stage)
                w.field("body", answer.body)
                w.endObject()
            }
            w.endArray()
            w.key("followups")
            w.beginArray()
            for followUp in entry.followUps {
                w.beginObject()
                w.field("stage", followUp.stage)
                w.field("due", followUp.due)
                w.key("outcome")
                if let id = followUp.outcomeID {
                    w.beginObject()
                    w.field("id", id)
                    w.field("uuid", followUp.outcomeUUID)
                    w.endObject()
                } else {
                    w.null()
                }
                w.endObject()
            }
            w.endArray()
        }
        w.field("starred", entry.starred)
        w.key("fields")
        w.raw(entry.fields ?? "{}")
        w.endObject()
        return w.bytes
    }

    private static func fields(_ entry: Entry) -> [String] {
        [
            String(entry.id), entry.uuid, entry.timestamp.iso8601, entry.kind, entry.starred ? "1" : "0",
            entry.tags.joined(separator: ";"),
            entry.people.map { "@" + $0.handle }.joined(separator: ";"),
            entry.sources.map { $0.locator.isEmpty ? $0.key : "\($0.key), \($0.locator)" }.joined(separator: ";"),
            entry.body,
        ]
    }

    private func markdown(_ entry: Entry) -> String {
        var out = "## \(entry.timestamp.localText(in: zone)) · #\(entry.id)"
        if entry.starred { out += " ★" }
        out += "\n\n" + TerminalText.sanitize(entry.body) + "\n"
        var meta: [String] = []
        if !entry.people.isEmpty { meta.append("People: " + entry.people.map { "@" + $0.handle }.joined(separator: ", ")) }
        if !entry.sources.isEmpty {
            meta.append("Sources: " + entry.sources.map { $0.locator.isEmpty ? "[[\($0.key)]]" : "[[\($0.key), \($0.locator)]]" }
                .joined(separator: ", "))
        }
        if !meta.isEmpty { out += "\n" + meta.map { "- " + TerminalText.sanitize($0) }.joined(separator: "\n") + "\n" }
        return out
    }

    private func textLine(_ entry: Entry, snippet: String?) -> String {
        let id = String(entry.id)
        let idColumn = String(repeating: " ", count: max(0, 5 - id.count)) + id
        let date = entry.timestamp.localText(in: zone)
        let star = entry.starred ? "★ " : ""
        var body: String
        if let snippet {
            // The match markers are control characters; carry them through sanitising as
            // private-use characters.
            let marked = snippet.replacingOccurrences(of: "\u{1}", with: "\u{E000}")
                .replacingOccurrences(of: "\u{2}", with: "\u{E001}")
            body = TerminalText.sanitize(marked, keepNewlines: false)
        } else if let framework = entry.framework {
            // A reflection's body opens with a stage heading: show the framework and the first answer.
            let first = entry.stages.first?.body ?? entry.body
            let line = first.split(separator: "\n", omittingEmptySubsequences: true).first ?? ""
            body = TerminalText.sanitize("[" + framework + "] " + String(line), keepNewlines: false) + " …"
        } else {
            let firstLine = entry.body.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
            body = TerminalText.sanitize(String(firstLine.first ?? ""), keepNewlines: false)
            if firstLine.count > 1 { body += " …" }
        }
        if let width {
            let used = 5 + 2 + date.count + 2 + (star.isEmpty ? 0 : 2)
            body = TerminalText.truncate(body, toWidth: max(10, width - used))
        }
        if snippet != nil {
            body = body.replacingOccurrences(of: "\u{E000}", with: style.enabled ? "\u{1B}[1;33m" : "")
                .replacingOccurrences(of: "\u{E001}", with: style.enabled ? "\u{1B}[0m" : "")
            if style.enabled { body += "\u{1B}[0m" }
        }
        return style.paint(idColumn, .yellow) + "  " + style.paint(date, .blue) + "  " + style.paint(star, .yellow)
            + highlightTags(body)
    }

    /// Colours `#tags` and `@people` in a line of text.
    private func highlightTags(_ text: String) -> String {
        guard style.enabled else { return text }
        var out = ""
        var word = ""
        func flush() {
            if word.count > 1, word.first == "#" { out += style.paint(word, .cyan) }
            else if word.count > 1, word.first == "@" { out += style.paint(word, .magenta) }
            else { out += word }
            word = ""
        }
        for ch in text {
            if ch == " " { flush(); out.append(ch) } else { word.append(ch) }
        }
        flush()
        return out
    }
}
