import ArgumentParser
import Foundation
import PLNCore

struct SourceShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "A source's record, its APA reference, the entries that cite it and who recommended it.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: text or json.", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Its key.", valueName: "key"))
    var key: String

    func validate() throws {
        if format != .text, format != .json { throw ValidationError("source show writes text or json") }
    }

    func run() throws {
        let runtime = Runtime(global)
        let key = try sourceKey(key)
        let store = try runtime.openStore()
        let (source, citations, recommenders) = try store.read { db in
            (try JournalStore.source(key, in: db), try JournalStore.citations(of: key, limit: 10, in: db),
             try JournalStore.recommenders(of: key, in: db))
        }
        guard let source else { throw PLNError.invalidArgument("no source [[\(key)]]") }
        let out = runtime.stdout
        if format == .json {
            out.line(SourceRenderer.json(source))
            out.flush()
            return
        }
        let style = runtime.style, zone = runtime.context.timeZone
        let r = source.record
        out.line(style.paint("[[\(r.key)]]", .cyan) + "  " + r.type + (source.stub ? style.paint("  (stub: fill it in with pln source edit)", .dim) : ""))
        out.line(APACitation.reference(r.sanitized(), italics: style.enabled ? .terminal : .none))
        var rows: [(String, String)] = []
        if let title = r.title { rows.append(("title", title)) }
        for author in r.authors { rows.append(("author", author)) }
        for (label, value) in [("issued", r.issued), ("container", r.container), ("volume", r.volume), ("issue", r.issue),
                               ("pages", r.pages), ("publisher", r.publisher), ("url", r.url), ("doi", r.doi), ("isbn", r.isbn)] {
            if let value { rows.append((label, value)) }
        }
        rows.append(("entries", String(source.entries)))
        for (handle, role) in recommenders { rows.append((role, "@" + handle)) }
        let width = rows.map(\.0.count).max() ?? 0
        out.line()
        for (label, value) in rows {
            out.line(style.paint(label + String(repeating: " ", count: width - label.count), .dim) + "  "
                     + TerminalText.sanitize(value, keepNewlines: false))
        }
        if !citations.isEmpty {
            out.line()
            out.line(style.paint("Cited in", .bold))
            let renderer = EntryRenderer(format: .text, sink: out, style: style, zone: zone, width: runtime.terminalWidth)
            for (entry, locator) in citations.reversed() {
                renderer.entry(entry)
                if !locator.isEmpty { out.line("         at " + TerminalText.sanitize(locator, keepNewlines: false)) }
            }
        }
        out.flush()
    }
}
