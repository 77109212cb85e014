import ArgumentParser
import Foundation
import PLNCore

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map", _superCommandName: "pln",
        abstract: "Your network at a glance: strongest ties and their topics, ties gone quiet, single voices, learning against sharing.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("A tie is quiet after this many days without an entry (default 90).", valueName: "days"))
    var quietAfter: Int = 90

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("map writes text or json") }
        if quietAfter < 1 { throw ValidationError("--quiet-after takes a positive number of days") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let map = try store.read { db in try NetworkMap.build(now: runtime.context.now, quietAfterDays: quietAfter, in: db) }
        let out = runtime.stdout, zone = runtime.context.timeZone, style = runtime.style
        if format == .json {
            let strongest = JSONValue.array(map.strongest.map { tie in
                .object([("name", .string(tie.contribution.name)), ("score", .number((tie.contribution.score * 100).rounded() / 100)),
                         ("entries", .number(Double(tie.contribution.entries))), ("topics", .array(tie.topics.map { .string($0) }))])
            })
            let quiet = JSONValue.array(map.quiet.map { q in
                .object([("name", .string("@" + q.handle)), ("entries", .number(Double(q.entries))), ("last", .string(q.last.iso8601))])
            })
            let single = JSONValue.array(map.singleVoices.map { v in
                .object([("topic", .string(v.topic)), ("entries", .number(Double(v.entries))), ("only", .string("@" + v.handle))])
            })
            out.line(JSONValue.object([("strongest", strongest), ("quiet", quiet), ("single_voices", single),
                                       ("learning", .number(Double(map.learning))), ("sharing", .number(Double(map.sharing)))]).serialized)
            out.flush()
            return
        }
        func clean(_ text: String) -> String { TerminalText.sanitize(text, keepNewlines: false) }
        out.line(style.paint("Strongest ties", .bold))
        if map.strongest.isEmpty { out.line("  (no people in the journal yet)") }
        for tie in map.strongest {
            var line = "  " + style.paint(clean(tie.contribution.name), .magenta)
            line += "  \(tie.contribution.entries) \(tie.contribution.entries == 1 ? "entry" : "entries")"
            if !tie.topics.isEmpty { line += "  " + style.paint(tie.topics.map { "#" + clean($0) }.joined(separator: " "), .cyan) }
            out.line(line)
        }
        out.line()
        out.line(style.paint("Gone quiet (no entry for \(quietAfter) days)", .bold))
        if map.quiet.isEmpty { out.line("  (none)") }
        for q in map.quiet {
            out.line("  " + style.paint("@" + clean(q.handle), .magenta) + "  \(q.entries) entries, last \(q.last.localDay(in: zone))")
        }
        out.line()
        out.line(style.paint("Topics that rest on a single voice", .bold))
        if map.singleVoices.isEmpty { out.line("  (none)") }
        for v in map.singleVoices {
            out.line("  " + style.paint("#" + clean(v.topic), .cyan) + "  \(v.entries) entries, all with @" + clean(v.handle))
        }
        out.line()
        let total = max(1, map.learning + map.sharing)
        let bar = 30
        let learnWidth = map.learning * bar / total
        out.line(style.paint("Learning and sharing", .bold))
        out.line("  learning \(map.learning)  " + String(repeating: "█", count: learnWidth)
                 + String(repeating: "░", count: bar - learnWidth) + "  \(map.sharing) sharing")
        out.flush()
    }
}
