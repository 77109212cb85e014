import Foundation

/// `pln review` as text for a person or JSON for a script.
package enum ReviewReport {
    /// Which parts of the review to write.
    package enum Part: Sendable {
        case all, onThisDay
    }

    /// The review as lines of text; `width` (on a terminal) truncates long entries.
    package static func text(_ review: JournalReview, part: Part = .all, style: Style, width: Int? = nil) -> [String] {
        func clean(_ text: String) -> String { TerminalText.sanitize(text, keepNewlines: false) }
        func entry(_ line: JournalReview.Line, indent: String = "  ") -> String {
            let id = String(line.id)
            let idColumn = String(repeating: " ", count: max(0, 5 - id.count)) + id
            let star = line.starred ? "★ " : ""
            var body = clean(line.summary) + (line.more ? " …" : "")
            if let width {
                let used = indent.count + 5 + 2 + 16 + 2 + (star.isEmpty ? 0 : 2)
                body = TerminalText.truncate(body, toWidth: max(10, width - used))
            }
            return indent + style.paint(idColumn, .yellow) + "  " + style.paint(line.localTime, .blue) + "  "
                + style.paint(star, .yellow) + body
        }
        var out: [String] = []
        if part == .all {
            out.append(style.paint(review.period.title, .bold) + ": " + entries(review.entries)
                       + " on \(review.days) \(review.days == 1 ? "day" : "days")")
            if review.entries == 0 { out.append("  (nothing written in this \(review.period.kind.rawValue))") }
            for topic in review.topics {
                out.append("")
                let name = topic.name.map { style.paint("#" + clean($0), .cyan) } ?? style.paint("(no topic)", .dim)
                out.append(name + " " + style.paint("(\(topic.entries))", .dim))
                for line in topic.lines { out.append(entry(line)) }
                if topic.entries > topic.lines.count {
                    out.append("  " + style.paint("… \(topic.entries - topic.lines.count) more", .dim))
                }
            }
            if !review.people.isEmpty {
                out.append("")
                out.append(style.paint("People", .bold) + " " + style.paint("(\(review.peopleTotal))", .dim))
                for person in review.people {
                    var line = "  " + style.paint(clean(person.name), .magenta)
                    if let label = person.label, !label.isEmpty { line += " " + clean(label) }
                    out.append(line + "  " + entries(person.entries))
                }
                if review.peopleTotal > review.people.count { out.append("  " + style.paint("… \(review.peopleTotal - review.people.count) more", .dim)) }
            }
            if !review.sources.isEmpty {
                out.append("")
                out.append(style.paint("Sources", .bold) + " " + style.paint("(\(review.sourcesTotal))", .dim))
                for source in review.sources {
                    var line = "  " + style.paint("[[" + clean(source.name) + "]]", .green)
                    if let label = source.label, !label.isEmpty { line += " " + clean(label) }
                    out.append(line + "  " + entries(source.entries))
                }
                if review.sourcesTotal > review.sources.count { out.append("  " + style.paint("… \(review.sourcesTotal - review.sources.count) more", .dim)) }
            }
            if !review.followUps.isEmpty {
                out.append("")
                out.append(style.paint("Follow-ups due", .bold) + " " + style.paint("(\(review.followUps.count))", .dim))
                for followUp in review.followUps {
                    let late = Int(review.today.number - followUp.due.number)
                    let when = late == 0 ? "due today" : "due \(followUp.due), \(late) \(late == 1 ? "day" : "days") ago"
                    out.append("  " + style.paint(clean(followUp.stage), .cyan) + " " + style.paint(when, late > 0 ? .red : .yellow))
                    out.append(entry(followUp.line, indent: "    "))
                }
            }
        }
        if part == .onThisDay || !review.onThisDay.isEmpty {
            if !out.isEmpty { out.append("") }
            out.append(style.paint("On this day", .bold) + " (\(review.today.short))")
            if review.onThisDay.isEmpty { out.append("  (nothing from this day in earlier years)") }
            for year in review.onThisDay {
                let ago = review.today.year - year.year
                out.append("  " + style.paint(String(year.year), .bold) + " " + style.paint("(\(ago) \(ago == 1 ? "year" : "years") ago)", .dim))
                for line in year.lines { out.append(entry(line, indent: "  ")) }
            }
        }
        if part == .all, let prompt = review.prompt {
            out.append("")
            out.append(style.paint("Prompt for the week", .bold))
            for line in prompt.split(separator: "\n", omittingEmptySubsequences: false) {
                out.append("  " + TerminalText.sanitize(String(line), keepNewlines: false))
            }
        }
        return out
    }

    /// The review as one JSON object.
    package static func json(_ review: JournalReview, part: Part = .all) -> String {
        var w = JSONWriter()
        func line(_ line: JournalReview.Line) {
            w.beginObject()
            w.field("id", line.id)
            w.field("date", line.created)
            w.field("kind", line.kind)
            w.field("starred", line.starred)
            w.field("summary", line.summary)
            w.endObject()
        }
        func onThisDay() {
            w.key("on_this_day")
            w.beginArray()
            for year in review.onThisDay {
                w.beginObject()
                w.field("year", Int64(year.year))
                w.key("entries")
                w.beginArray()
                for entry in year.lines { line(entry) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
        }
        w.beginObject()
        w.field("today", review.today.description)
        if part == .onThisDay {
            onThisDay()
            w.endObject()
            return w.output
        }
        w.key("period")
        w.beginObject()
        w.field("kind", review.period.kind.rawValue)
        w.field("first", review.period.first.description)
        w.field("last", review.period.last.description)
        w.field("title", review.period.title)
        w.endObject()
        w.field("entries", Int64(review.entries))
        w.field("days", Int64(review.days))
        w.key("topics")
        w.beginArray()
        for topic in review.topics {
            w.beginObject()
            w.field("topic", topic.name)
            w.field("entries", Int64(topic.entries))
            w.key("shown")
            w.beginArray()
            for entry in topic.lines { line(entry) }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        func involved(_ name: String, _ key: String, _ label: String, _ values: [JournalReview.Involved], total: Int) {
            w.key(name)
            w.beginArray()
            for value in values {
                w.beginObject()
                w.field(key, value.name)
                w.field(label, value.label)
                w.field("entries", Int64(value.entries))
                w.endObject()
            }
            w.endArray()
            w.field(name + "_total", Int64(total))
        }
        involved("people", "person", "name", review.people, total: review.peopleTotal)
        involved("sources", "source", "title", review.sources, total: review.sourcesTotal)
        w.key("followups")
        w.beginArray()
        for followUp in review.followUps {
            w.beginObject()
            w.field("entry", followUp.line.id)
            w.field("stage", followUp.stage)
            w.field("due", followUp.due.description)
            w.field("summary", followUp.line.summary)
            w.endObject()
        }
        w.endArray()
        onThisDay()
        w.field("prompt", review.prompt)
        w.endObject()
        return w.output
    }

    static func entries(_ n: Int) -> String { n == 1 ? "1 entry" : StatsReport.grouped(n) + " entries" }
}
