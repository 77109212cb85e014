import GRDB
import PLNCore
import PLNScripting

/// Completion names straight from the journal's unique indexes.
///
/// Each lookup is an index range scan limited to `limit` rows, so Tab stays instant however
/// many entries the journal holds.
package struct JournalNames: NameSource {
    let store: JournalStore
    let limit = 200

    package init(store: JournalStore) { self.store = store }

    package func tags(prefix: String) -> [String] { lookup(table: "tag", column: "name", prefix: prefix) }
    package func handles(prefix: String) -> [String] { lookup(table: "person", column: "handle", prefix: prefix) }
    package func sourceKeys(prefix: String) -> [String] { lookup(table: "source", column: "key", prefix: prefix) }

    package func kinds(prefix: String) -> [String] {
        let builtIn = ["note", "reflection", "chat", "share"]
        return builtIn.filter { $0.hasPrefix(prefix.lowercased()) }
    }

    /// The frameworks pln ships and those the journal's reflections were written with.
    package func frameworks(prefix: String) -> [String] {
        let bundled = BundledLua.files.compactMap { file -> String? in
            guard file.path.hasPrefix("frameworks/"), file.path.hasSuffix(".lua") else { return nil }
            return String(file.path.dropFirst("frameworks/".count).dropLast(".lua".count))
        }
        let used = distinct(table: "entry", column: "framework", prefix: prefix)
        return Set(bundled.filter { $0.hasPrefix(prefix) } + used).sorted()
    }

    package func stages(prefix: String) -> [String] { distinct(table: "entry_stage", column: "stage", prefix: prefix) }

    /// The distinct values of an indexed column starting with `prefix`, one index seek each
    /// (`min(column) > previous`), so a column repeated on a million rows costs as many seeks
    /// as it has values.
    private func distinct(table: String, column: String, prefix: String) -> [String] {
        let next = "SELECT min(\(column)) FROM \(table) WHERE \(column) > ? AND \(column) < ?"
        return (try? store.read { db in
            var found: [String] = []
            // A value equal to the prefix counts too; the seeks below start after it.
            if !prefix.isEmpty, try Int.fetchOne(
                db, sql: "SELECT 1 FROM \(table) WHERE \(column) = ? LIMIT 1", arguments: [prefix]) != nil {
                found.append(prefix)
            }
            var bound = prefix
            while found.count < limit,
                  let value = try String.fetchOne(db, sql: next, arguments: [bound, prefix + "\u{10FFFF}"]) {
                found.append(value)
                bound = value
            }
            return found
        }) ?? []
    }

    private func lookup(table: String, column: String, prefix: String) -> [String] {
        // A range on the NOCASE unique index: `column >= prefix AND column < prefix + U+10FFFF`.
        let sql = "SELECT \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? ORDER BY \(column) LIMIT \(limit)"
        return (try? store.read { db in
            try String.fetchAll(db, sql: sql, arguments: [prefix, prefix + "\u{10FFFF}"])
        }) ?? []
    }
}
