import GRDB
import PLNCore

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

    private func lookup(table: String, column: String, prefix: String) -> [String] {
        // A range on the NOCASE unique index: `column >= prefix AND column < prefix + U+10FFFF`.
        let sql = "SELECT \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? ORDER BY \(column) LIMIT \(limit)"
        return (try? store.read { db in
            try String.fetchAll(db, sql: sql, arguments: [prefix, prefix + "\u{10FFFF}"])
        }) ?? []
    }
}
