import ArgumentParser
import Foundation
import PLNCore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", _superCommandName: "pln",
        abstract: "Your writing habit: streaks, entries per week, a heatmap of the last 12 months, top topics, people and sources, learning against sharing, Brookfield's lenses.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("Also write the heatmap as an SVG picture to this file (created 0600).", valueName: "file"))
    var svg: String?

    @Option(name: .long, help: ArgumentHelp("How many topics, people and sources to list (default 5).", valueName: "n"))
    var top: Int = 5

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("stats writes text or json") }
        if top < 1 { throw ValidationError("--top takes a positive number") }
        if let svg, svg.isEmpty { throw ValidationError("--svg needs a file name") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let today = LocalDay.today(runtime.context)
        let stats = try JournalStats.build(today: today, limit: top, store: store)
        if let svg {
            try HeatmapSVG.write(HeatmapSVG.document(stats.heatmap), to: svg)
        }
        let out = runtime.stdout
        if format == .json {
            out.line(StatsReport.json(stats))
        } else {
            for line in StatsReport.text(stats, style: runtime.style) { out.line(line) }
        }
        out.flush()
    }
}
