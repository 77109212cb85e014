import ArgumentParser
import PLNCore

struct TagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", _superCommandName: "pln", abstract: "Tags with the number of entries using each, most used first.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Output format: \(OutputFormat.names).", valueName: "format"))
    var format: OutputFormat = .text

    @Argument(help: ArgumentHelp("Count only entries matching this query.", valueName: "query"))
    var query: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let query = try runtime.query(query)
        let store = try runtime.openStore()
        let tags = try store.tags(matching: query)
        try runtime.paged { write(tags, runtime: runtime) }
    }

    private func write(_ tags: [(name: String, count: Int)], runtime: Runtime) {
        let out = runtime.stdout
        switch format {
        case .text:
            let width = String(tags.first?.count ?? 0).count
            for tag in tags {
                let count = String(tag.count)
                out.line(String(repeating: " ", count: width - count.count) + count + "  "
                         + runtime.style.paint("#" + TerminalText.sanitize(tag.name, keepNewlines: false), .cyan))
            }
        case .json, .jsonl:
            if format == .json { out.write("[") }
            for (index, tag) in tags.enumerated() {
                var w = JSONWriter()
                w.beginObject()
                w.field("tag", tag.name)
                w.field("count", Int64(tag.count))
                w.endObject()
                if format == .json { out.write(index == 0 ? "\n" : ",\n"); out.write(w.output) } else { out.line(w.output) }
            }
            if format == .json { out.line(tags.isEmpty ? "]" : "\n]") }
        case .csv, .tsv:
            let separator = format == .csv ? "," : "\t"
            out.line("tag" + separator + "count")
            for tag in tags {
                out.line((format == .csv ? Delimited.csv(tag.name) : Delimited.tsv(tag.name)) + separator + String(tag.count))
            }
        case .md:
            out.line("| tag | entries |")
            out.line("|---|---:|")
            for tag in tags { out.line("| #\(TerminalText.sanitize(tag.name, keepNewlines: false)) | \(tag.count) |") }
        }
        out.flush()
    }
}
