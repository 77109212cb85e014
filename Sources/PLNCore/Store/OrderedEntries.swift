import Foundation
import GRDB
import GRDBSQLite

/// Every entry with its links, in date order (oldest or newest first, for `pln.entries()`
/// without a query) or in id order (for a whole-journal export), by merging ordered scans.
///
/// Reading a whole journal with `entryColumns` runs four correlated subqueries per entry (a
/// subprogram, a cursor and a `group_concat` each). Here the entries and each link table are
/// read by one cursor apiece that all walk the entries in the same order (in date order the
/// link scans walk the `entry_ts` index as a covering index and search each link table's entry
/// index; in id order they walk those entry indexes themselves), so an entry's links are the
/// rows at the head of each scan. Tag, person and source names come from caches keyed by id
/// (one lookup per name) instead of a join per link. On a 1M-entry journal this reads the same
/// data in less than half the time, and memory holds one entry at a time. Id order also makes
/// an export re-imported into an empty journal keep every entry's id.
///
/// The scans agree only while nothing changes: once anything is written on the connection
/// (a script writing while it iterates), the remaining entries are read one at a time.
package final class OrderedEntries {
    package enum Order: Sendable {
        case date(descending: Bool)
        case id
    }

    private let db: Database
    private let connection: OpaquePointer?
    private let entries: RowCursor
    private let entriesStatement: SQLiteStatement
    // Unchecked: each is used by one call at a time of this class's own methods (a scan's
    // `take` and the name caches its callback reads are different properties), and the
    // run-time exclusivity checks on them were 3% of the thread that reads a whole journal.
    @exclusivity(unchecked) private var tags: OrderedLinkScan
    @exclusivity(unchecked) private var people: OrderedLinkScan
    @exclusivity(unchecked) private var sources: OrderedLinkScan
    @exclusivity(unchecked) private var links: OrderedLinkScan
    private let changes: Int
    @exclusivity(unchecked) private var tagNames: [Int64: String] = [:]
    @exclusivity(unchecked) private var handles: [Int64: String] = [:]
    @exclusivity(unchecked) private var sourceKeys: [Int64: String] = [:]

    package init(_ db: Database, order: Order) throws {
        self.db = db
        connection = db.sqliteConnection
        let columns = "e.id, e.uuid, e.created, e.body, e.kind, e.framework, e.starred, e.fields, \(JournalStore.reflectionColumns)"
        let descending: Bool
        let entriesSQL: String
        let scans: [String]
        switch order {
        case .date(let newestFirst):
            descending = newestFirst
            let direction = descending ? "DESC" : "ASC"
            let order = "ORDER BY e.ts \(direction), e.id \(direction)"
            entriesSQL = "SELECT \(columns), e.ts, e.ts FROM entry e \(order)"
            // CROSS JOIN keeps the entries outermost, so the scans follow `entry_ts` without a sort.
            scans = [
                "SELECT e.ts, e.id, et.tag_id, NULL, NULL FROM entry e CROSS JOIN entry_tag et ON et.entry_id = e.id \(order)",
                """
                SELECT e.ts, e.id, ep.person_id, ep.role, NULL FROM entry e CROSS JOIN entry_person ep ON ep.entry_id = e.id
                \(order)
                """,
                """
                SELECT e.ts, e.id, es.source_id, es.locator, NULL FROM entry e CROSS JOIN entry_source es
                ON es.entry_id = e.id \(order)
                """,
                """
                SELECT e.ts, e.id, l.to_id, l.role, t.uuid FROM entry e CROSS JOIN entry_link l ON l.from_id = e.id
                CROSS JOIN entry t ON t.id = l.to_id \(order)
                """,
            ]
        case .id:
            // The time column is 0 throughout: the scans compare (0, id). The last column is the
            // instant, for the timestamp.
            descending = false
            entriesSQL = "SELECT \(columns), 0, e.ts FROM entry e ORDER BY e.id"
            scans = [
                "SELECT 0, entry_id, tag_id, NULL, NULL FROM entry_tag ORDER BY entry_id",
                "SELECT 0, entry_id, person_id, role, NULL FROM entry_person ORDER BY entry_id",
                "SELECT 0, entry_id, source_id, locator, NULL FROM entry_source ORDER BY entry_id",
                "SELECT 0, l.from_id, l.to_id, l.role, t.uuid FROM entry_link l JOIN entry t ON t.id = l.to_id ORDER BY l.from_id",
            ]
        }
        let statement = try db.makeStatement(sql: entriesSQL)
        entries = try Row.fetchCursor(statement)
        entriesStatement = statement.sqliteStatement
        tags = try OrderedLinkScan(db, descending: descending, sql: scans[0])
        people = try OrderedLinkScan(db, descending: descending, sql: scans[1])
        sources = try OrderedLinkScan(db, descending: descending, sql: scans[2])
        links = try OrderedLinkScan(db, descending: descending, sql: scans[3])
        changes = Int(sqlite3_total_changes(connection))
    }

    /// The next entry, or nil after the last. Once the journal has changed, each entry is read
    /// afresh, and one deleted meanwhile is passed over.
    package func next() throws -> Entry? {
        while let row = try entries.next() {
            // Read straight from SQLite: a whole-journal scan reads millions of values, and
            // GRDB's typed row access costs a retain and a type check per value.
            let statement = entriesStatement
            let id = sqlite3_column_int64(statement, 0)
            let ts = sqlite3_column_int64(statement, 10)
            // SQLite's count itself: GRDB's property checks the calling queue first, which was
            // a fiftieth of this thread's work.
            guard Int(sqlite3_total_changes(connection)) == changes else {
                // The journal changed under the scans: read this entry's links on their own.
                guard let fresh = try JournalStore.entry(id: id, in: db) else { continue }
                return fresh
            }
            // The links are gathered first and the entry made once: filled in place through
            // the scans' callbacks, the entry was copied twice on its way out.
            var tagList: [String] = [], personList: [PersonLink] = []
            var sourceList: [SourceCitation] = [], linkList: [EntryLink] = []
            try tags.take(ts: ts, id: id) { link in
                tagList.append(try tagName(link.target))
            }
            try people.take(ts: ts, id: id) { link in
                personList.append(PersonLink(handle: try handle(link.target), role: link.text ?? "mentioned"))
            }
            try sources.take(ts: ts, id: id) { link in
                sourceList.append(SourceCitation(key: try sourceKey(link.target), locator: link.text ?? ""))
            }
            try links.take(ts: ts, id: id) { link in
                linkList.append(EntryLink(id: link.target, uuid: link.uuid ?? "", role: link.text ?? "follows-up"))
            }
            let columns = RawRow(statement: statement)
            let timestamp = Self.timestamp(statement, ts: sqlite3_column_int64(statement, 11)) ?? Timestamp(
                iso8601: columns.text(2) ?? "", assumingZone: Self.utc) ?? Timestamp(seconds: 0, utcOffset: 0)
            let framework = columns.text(5)
            let (stages, followUps) = framework == nil
                ? ([], []) : JournalStore.reflectionParts(stages: row[8], followUps: row[9])
            let entry = Entry(id: id, uuid: columns.text(1) ?? "", timestamp: timestamp,
                              body: columns.text(3) ?? "", kind: columns.text(4) ?? "note",
                              framework: framework, starred: sqlite3_column_int64(statement, 6) != 0,
                              fields: columns.text(7), tags: tagList, people: personList, sources: sourceList,
                              links: linkList, stages: stages, followUps: followUps)
            return entry
        }
        return nil
    }

    private func tagName(_ id: Int64) throws -> String {
        try Self.name(id, cache: &tagNames, sql: "SELECT name FROM tag WHERE id = ?", in: db)
    }

    private func handle(_ id: Int64) throws -> String {
        try Self.name(id, cache: &handles, sql: "SELECT handle FROM person WHERE id = ?", in: db)
    }

    private func sourceKey(_ id: Int64) throws -> String {
        try Self.name(id, cache: &sourceKeys, sql: "SELECT key FROM source WHERE id = ?", in: db)
    }

    /// The name of a tag, person or source by id, looked up once.
    private static func name(_ id: Int64, cache: inout [Int64: String], sql: String, in db: Database) throws -> String {
        if let name = cache[id] { return name }
        let name = try String.fetchOne(db.cachedStatement(sql: sql), arguments: [id]) ?? ""
        cache[id] = name
        return name
    }

    private static let utc = TimeZone(identifier: "UTC")!

    /// The entry's timestamp from `ts` (the instant, which every write stores with `created`)
    /// and the offset that ends `created` ("+01:00", "-05:30", "Z"), read in place: parsing
    /// the whole text into a String first was a twentieth of the reading thread's work. Nil
    /// for any other ending (an offset with seconds, none at all), which the caller parses.
    static func timestamp(_ statement: OpaquePointer, ts: Int64) -> Timestamp? {
        guard let text = sqlite3_column_text(statement, 2) else { return nil }
        let count = Int(sqlite3_column_bytes(statement, 2))
        guard count >= 20 else { return nil }
        let last = text[count - 1]
        if last == UInt8(ascii: "Z") { return Timestamp(seconds: ts, utcOffset: 0) }
        let sign = text[count - 6]
        guard sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"), text[count - 3] == UInt8(ascii: ":") else { return nil }
        func digit(_ offset: Int) -> Int? {
            let byte = text[count - offset]
            return byte >= 0x30 && byte <= 0x39 ? Int(byte - 0x30) : nil
        }
        guard let h1 = digit(5), let h2 = digit(4), let m1 = digit(2), let m2 = digit(1) else { return nil }
        let hours = h1 * 10 + h2, minutes = m1 * 10 + m2
        guard hours <= 23, minutes <= 59 else { return nil }
        let offset = (hours * 3600 + minutes * 60) * (sign == UInt8(ascii: "-") ? -1 : 1)
        return Timestamp(seconds: ts, utcOffset: offset)
    }
}

/// One link table read in the entries' order, handing out the rows of one entry at a time.
private struct OrderedLinkScan {
    struct Link {
        var target: Int64
        var text: String?
        var uuid: String?
    }

    private let cursor: RowCursor
    private let statement: SQLiteStatement
    private let descending: Bool
    private var pending: (ts: Int64, id: Int64, link: Link)?
    private var done = false

    init(_ db: Database, descending: Bool, sql: String) throws {
        let statement = try db.makeStatement(sql: sql)
        cursor = try Row.fetchCursor(statement)
        self.statement = statement.sqliteStatement
        self.descending = descending
    }

    /// Hands `body` the rows of the entry at (`ts`, `id`), in order; rows of entries before it
    /// (none while both scans read the same journal) are skipped.
    mutating func take(ts: Int64, id: Int64, _ body: (Link) throws -> Void) throws {
        while true {
            if pending == nil {
                guard !done, try cursor.next() != nil else {
                    done = true
                    return
                }
                // The statement moves on with the cursor: copy the values out now.
                let columns = RawRow(statement: statement)
                pending = (sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
                           Link(target: sqlite3_column_int64(statement, 2), text: columns.text(3), uuid: columns.text(4)))
            }
            guard let (rowTS, rowID, link) = pending else { return }
            if rowTS == ts, rowID == id {
                pending = nil
                try body(link)
                continue
            }
            let before = descending ? (rowTS, rowID) > (ts, id) : (rowTS, rowID) < (ts, id)
            guard before else { return }
            pending = nil
        }
    }
}
