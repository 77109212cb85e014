import ArgumentParser
import PLNCore

/// The shared body of `list` and `search`.
enum EntryListing {
    static func run(global: GlobalOptions, query words: [String], limit: Int?, reverse: Bool, order: EntryOrder,
                    format: OutputFormat, snippets: Bool) throws {
        let runtime = Runtime(global)
        let query = try runtime.query(words)
        let store = try runtime.openStore()
        let renderer = EntryRenderer(format: format, sink: runtime.stdout, style: runtime.style,
                                     zone: runtime.context.timeZone, width: runtime.terminalWidth)
        try runtime.paged {
            renderer.begin()
            try store.forEachEntry(matching: query, order: order, reverse: reverse, limit: limit) { entry, snippet in
                renderer.entry(entry, snippet: snippets ? snippet : nil)
            }
            renderer.end()
        }
    }
}
