import Foundation

/// `pln stats` as text for a person or JSON for a script.
package enum StatsReport {
    /// The report as lines of text; `style` colours it on a terminal.
    package static func text(_ stats: JournalStats, style: Style) -> [String] {
        func clean(_ text: String) -> String { TerminalText.sanitize(text, keepNewlines: false) }
        func number(_ n: Int) -> String { grouped(n) }
        func span(_ streak: JournalStore.Streak) -> String {
            streak.days == 1 ? streak.first.short : "\(streak.first.short) \(streak.first.year) – \(streak.last.short) \(streak.last.year)"
        }
        func days(_ n: Int) -> String { n == 1 ? "1 day" : "\(number(n)) days" }
        var out: [String] = []
        guard stats.entries > 0, let firstDay = stats.firstDay else {
            return ["No entries yet: write one with pln add, or open the shell with pln."]
        }
        out.append(style.paint("Entries", .bold) + "   \(number(stats.entries)) on \(days(stats.activeDays)) since \(firstDay)"
                   + ", \(decimal(stats.perWeek)) a week on average")
        var streak = style.paint("Streak", .bold) + "    current "
        if let current = stats.currentStreak {
            streak += days(current.days) + " (" + span(current) + ")"
            if current.last < stats.today { streak += ", write today to keep it" }
        } else {
            streak += "0 days"
        }
        if let longest = stats.longestStreak { streak += "; longest " + days(longest.days) + " (" + span(longest) + ")" }
        out.append(streak)
        let weeks = stats.recentWeeks
        out.append(style.paint("Weeks", .bold) + "     " + sparkline(weeks.map(\.entries)) + "  last 12 weeks: "
                   + weeks.map { String($0.entries) }.joined(separator: " "))
        out.append("")
        let heatmap = stats.heatmap
        out.append(style.paint("Last 12 months", .bold) + " (\(heatmap.first) – \(heatmap.last), \(number(heatmap.total)) entries)")
        out.append(contentsOf: heatmap.lines(style: style))
        out.append("")
        func list(_ title: String, _ counts: [JournalStats.Count], prefix: String, tone: Style.Tone) {
            guard !counts.isEmpty else { return }
            out.append(style.paint(title, .bold) + "  " + counts.map { style.paint(prefix + clean($0.name), tone) + " \(number($0.entries))" }
                .joined(separator: "  "))
        }
        list("Top topics ", stats.topics, prefix: "#", tone: .cyan)
        list("Top people ", stats.people, prefix: "", tone: .magenta)
        list("Top sources", stats.sources, prefix: "", tone: .green)
        if !stats.topics.isEmpty || !stats.people.isEmpty || !stats.sources.isEmpty { out.append("") }
        let bar = 30
        let learnWidth = stats.learning * bar / max(1, stats.entries)
        out.append(style.paint("Learning and sharing", .bold))
        out.append("  learning \(number(stats.learning))  " + String(repeating: "█", count: learnWidth)
                   + String(repeating: "░", count: bar - learnWidth) + "  \(number(stats.sharing)) sharing ("
                   + percent(stats.sharing, of: stats.entries) + ")")
        if !stats.lenses.isEmpty {
            out.append("")
            out.append(style.paint("Brookfield's lenses", .bold) + " (share of each topic's entries; the latest "
                       + number(LensCoverage.sample) + " of a larger topic)")
            let names = stats.lenses.map { "#" + clean($0.topic) }
            let nameWidth = max(5, names.map(TerminalText.displayWidth).max() ?? 0)
            let headers = ["entries"] + LensCoverage.lenses
            out.append("  " + pad("topic", nameWidth) + headers.map { "  " + $0 }.joined())
            for (lens, name) in zip(stats.lenses, names) {
                var line = "  " + style.paint(name, .cyan) + String(repeating: " ", count: nameWidth - TerminalText.displayWidth(name))
                let cells = [number(lens.entries)] + lens.counts.map { percent($0, of: lens.entries) }
                for (cell, header) in zip(cells, headers) {
                    let text = String(repeating: " ", count: max(0, header.count - cell.count)) + cell
                    line += "  " + (cell == "0%" ? style.paint(text, .red) : text)
                }
                out.append(line)
            }
            let gaps = stats.lenses.filter { !$0.missing.isEmpty }
            for lens in gaps {
                out.append("  #" + clean(lens.topic) + " has no entry through the " + lens.missing.joined(separator: ", ")
                           + (lens.missing.count == 1 ? " lens" : " lenses"))
            }
        }
        return out
    }

    /// The report as one JSON object.
    package static func json(_ stats: JournalStats) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.field("today", stats.today.description)
        w.field("entries", Int64(stats.entries))
        w.field("first_day", stats.firstDay?.description)
        w.field("active_days", Int64(stats.activeDays))
        w.key("per_week")
        w.number((stats.perWeek * 100).rounded() / 100)
        func streak(_ name: String, _ value: JournalStore.Streak?) {
            w.key(name)
            guard let value else { return w.null() }
            w.beginObject()
            w.field("days", Int64(value.days))
            w.field("first", value.first.description)
            w.field("last", value.last.description)
            w.endObject()
        }
        streak("current_streak", stats.currentStreak)
        streak("longest_streak", stats.longestStreak)
        w.key("weeks")
        w.beginArray()
        for week in stats.recentWeeks {
            w.beginObject()
            w.field("week", week.monday.description)
            w.field("entries", Int64(week.entries))
            w.endObject()
        }
        w.endArray()
        w.key("heatmap")
        w.beginObject()
        w.field("first", stats.heatmap.first.description)
        w.field("last", stats.heatmap.last.description)
        w.field("busiest", Int64(stats.heatmap.busiest))
        w.key("days")
        w.beginObject()
        for day in stats.heatmap.days { w.field(day.description, Int64(stats.heatmap.count(on: day))) }
        w.endObject()
        w.endObject()
        func counts(_ name: String, _ key: String, _ values: [JournalStats.Count]) {
            w.key(name)
            w.beginArray()
            for value in values {
                w.beginObject()
                w.field(key, value.name)
                w.field("entries", Int64(value.entries))
                w.endObject()
            }
            w.endArray()
        }
        counts("topics", "topic", stats.topics)
        counts("people", "person", stats.people)
        counts("sources", "source", stats.sources)
        w.field("learning", Int64(stats.learning))
        w.field("sharing", Int64(stats.sharing))
        w.key("lenses")
        w.beginArray()
        for lens in stats.lenses {
            w.beginObject()
            w.field("topic", lens.topic)
            w.field("entries", Int64(lens.entries))
            w.field("total", Int64(lens.total))
            for (name, count) in zip(LensCoverage.lenses, lens.counts) { w.field(name, Int64(count)) }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output
    }

    /// Eight heights of block for a row of numbers, scaled to the largest.
    package static func sparkline(_ values: [Int]) -> String {
        let bars = Array("▁▂▃▄▅▆▇█")
        let top = max(1, values.max() ?? 1)
        return String(values.map { $0 == 0 ? " " : bars[min(bars.count - 1, ($0 * bars.count - 1) / top)] })
    }

    static func percent(_ part: Int, of whole: Int) -> String {
        guard whole > 0 else { return "0%" }
        if part > 0, part * 200 < whole { return "<1%" }
        return String(Int((Double(part) * 100 / Double(whole)).rounded())) + "%"
    }

    static func decimal(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        return grouped(tenths / 10) + "." + String(tenths % 10)
    }

    /// 1234567 as "1,234,567".
    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return (n < 0 ? "-" : "") + out
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(0, width - TerminalText.displayWidth(text)))
    }
}
