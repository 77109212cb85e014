import Foundation
import PLNCore

/// What an importer run did: the rows it created and the records it passed over.
package struct ImportReport: Sendable {
    package var importer: String
    /// The file or folder imported, as given.
    package var path: String
    package var entries = 0
    package var people = 0
    package var sources = 0
    /// Entry links to people, sources and other entries.
    package var links = 0
    package var alreadyImported = 0
    /// Records skipped, by reason (failed records under --skip-bad count as "bad record").
    package var skipped: [(reason: String, count: Int)] = []
    package var dryRun = false
    /// The first entries added (a dry run shows them before rolling back).
    package var preview: [Entry] = []

    package init(importer: String, path: String) {
        self.importer = importer
        self.path = path
    }

    package var skippedCount: Int { skipped.reduce(0) { $0 + $1.count } }

    /// One line: `imported 120 entries, 14 people, 33 sources, 180 links from tweets.js with
    /// twitter; 3 already imported; skipped 2 (no text: 2)`.
    package var description: String {
        func count(_ number: Int, _ one: String, _ many: String) -> String { "\(number) \(number == 1 ? one : many)" }
        let name = path == "-" ? "<stdin>" : (path as NSString).lastPathComponent
        var line = (dryRun ? "would import " : "imported ")
            + [count(entries, "entry", "entries"), count(people, "person", "people"),
               count(sources, "source", "sources"), count(links, "link", "links")].joined(separator: ", ")
            + " from \(name) with \(importer)"
        if alreadyImported > 0 { line += "; \(alreadyImported) already imported" }
        if skippedCount > 0 {
            line += "; skipped \(skippedCount) (" + skipped.map { "\($0.reason): \($0.count)" }.joined(separator: ", ") + ")"
        }
        if dryRun { line += "; dry run: nothing was saved" }
        return line
    }
}
