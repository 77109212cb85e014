import Foundation
import GRDB

/// Reads BibTeX, RIS and CSL-JSON bibliographies into sources, in one transaction.
///
/// The whole file is parsed before anything is written, so a malformed record (named by file
/// and line) leaves the journal as it was. A key already in the journal is updated with the
/// fields the file gives; importing the same file again changes nothing.
package enum SourceImporter {
    /// What an import did.
    package struct Summary: Sendable, Equatable {
        package var added = 0
        package var updated = 0

        package var description: String {
            "imported \(added + updated) \(added + updated == 1 ? "source" : "sources") (\(added) new, \(updated) updated)"
        }
    }

    /// The bibliography format of a file, from its name and its first few kilobytes (`head`);
    /// nil for anything else (pln's own JSON, a plugin's format).
    ///
    /// Only the head is looked at, so a large pln export is never loaded to decide: CSL-JSON is
    /// recognised by items with an id and a type and no entry body.
    package static func detect(path: String, head: String) -> BibliographyReader.Format? {
        let lower = path.lowercased()
        if lower.hasSuffix(".bib") || lower.hasSuffix(".bibtex") { return .bibtex }
        if lower.hasSuffix(".ris") { return .ris }
        guard let format = BibliographyReader.detect(head) else { return nil }
        guard format == .cslJSON else { return format }
        // pln's own JSON: entries have a body, JSONL people and sources a record, the
        // document export says so first.
        if head.contains("\"body\"") || head.contains("\"record\"") || head.contains("\"format\":\"pln\"") { return nil }
        guard head.contains("\"id\""), let type = firstType(in: head) else { return nil }
        // CSL types are lower case ("article-journal", "legal_case"); JSON-LD exports such as a
        // Mastodon outbox ({"id":"outbox.json","type":"OrderedCollection"}) are not bibliographies.
        return type.allSatisfy({ ("a"..."z").contains($0) || $0 == "-" || $0 == "_" }) ? .cslJSON : nil
    }

    /// The value of the first `"type"` member in `head`, if it is a string.
    private static func firstType(in head: String) -> Substring? {
        guard let key = head.range(of: "\"type\"") else { return nil }
        let rest = head[key.upperBound...].drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard rest.first == ":" else { return nil }
        let value = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard value.first == "\"", let end = value.dropFirst().firstIndex(of: "\"") else { return nil }
        let type = value[value.index(after: value.startIndex)..<end]
        return type.isEmpty ? nil : type
    }

    /// Imports `text` (read from `name`) in `format` into `store`.
    package static func importText(_ text: String, format: BibliographyReader.Format, name: String,
                                   into store: JournalStore) throws(PLNError) -> Summary {
        let records = try BibliographyReader.parse(text, format: format, name: name)
        return try store.write { db in
            var summary = Summary()
            for record in records {
                try Interrupt.check()
                var changes = SourceChanges()
                changes.type = record.type
                changes.title = record.title
                changes.authors = record.authors.isEmpty ? nil : record.authors
                changes.issued = record.issued
                changes.container = record.container
                changes.volume = record.volume
                changes.issue = record.issue
                changes.pages = record.pages
                changes.publisher = record.publisher
                changes.url = record.url
                changes.doi = record.doi
                changes.isbn = record.isbn
                if try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [record.key]) != nil {
                    try JournalStore.editSource(record.key, changes, in: db)
                    summary.updated += 1
                } else {
                    try JournalStore.addSource(record.key, changes, in: db)
                    summary.added += 1
                }
            }
            return summary
        }
    }
}
