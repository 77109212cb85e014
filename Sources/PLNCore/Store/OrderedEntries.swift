import Foundation
import GRDB
import GRDBSQLite

/// Every entry with its links, in date order (oldest or newest first, for `pln.entries()`
/// without a query) or in id order (for a whole-journal export), by merging ordered scans.
///
/// Reading a whole journal with `entryColumns` runs four correlated subqueries per entry (a
/// subprogram, a cursor and a `group_concat` each). Here the entries and each link table are
/// read by one cursor apiece, and the link tables are walked along their entry indexes in id
/// order, so an entry's links are the rows at the head of each scan. In date order, an entry
/// whose links a scan has not reached yet (an entry written later than the ones dated after
/// it) makes the scan read on and keep the rows it passes until their entries come; as ids
/// mostly follow dates (entries are written in the order they happen, imports come sorted),
/// few rows wait. When too many would (a large archive imported after years of journaling),
/// that scan goes on in date order instead, searching the link table's entry index for each
/// entry from there on. Tag, person and source names come from caches keyed by id (one lookup
/// per name) instead of a join per link. On a 1M-entry journal this reads the same data in
/// less than half the time, and memory holds one entry (and the rows waiting) at a time. Id
/// order also makes an export re-imported into an empty journal keep every entry's id.
///
/// The scans agree only while nothing changes: once anything is written on the connection
/// (a script writing while it iterates), the remaining entries are read one at a time.
package final class OrderedEntries {
    package enum Order: Sendable, Equatable {
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
    private let descending: Bool
    @exclusivity(unchecked) private var tagNames = NameCache()
    @exclusivity(unchecked) private var handles = NameCache()
    @exclusivity(unchecked) private var sourceKeys = NameCache()

    /// `asideLimit`: how many link rows a scan in date order may keep aside for entries still
    /// to come before it goes on in date order instead.
    package init(_ db: Database, order: Order, asideLimit: Int = 20_000) throws {
        self.db = db
        connection = db.sqliteConnection
        let columns = "e.id, e.uuid, e.created, e.body, e.kind, e.framework, e.starred, e.fields, \(JournalStore.reflectionColumns)"
        let descending: Bool
        let entriesSQL: String
        switch order {
        case .date(let newestFirst):
            descending = newestFirst
            let direction = descending ? "DESC" : "ASC"
            entriesSQL = "SELECT \(columns), e.ts, e.ts FROM entry e ORDER BY e.ts \(direction), e.id \(direction)"
        case .id:
            // The time column is 0 throughout. The last column is the instant, for the timestamp.
            descending = false
            entriesSQL = "SELECT \(columns), 0, e.ts FROM entry e ORDER BY e.id"
        }
        self.descending = descending
        let statement = try db.makeStatement(sql: entriesSQL)
        entries = try Row.fetchCursor(statement)
        entriesStatement = statement.sqliteStatement
        // In date order the link scans go by id the way ids go with dates (down, in a journal
        // imported from an archive that lists the newest first), and keep aside the rows of
        // entries that come later.
        var aside = 0
        var scanDescending = descending
        if order != .id {
            aside = max(1, asideLimit)
            let oldest = try Int64.fetchOne(db, sql: "SELECT id FROM entry ORDER BY ts, id LIMIT 1") ?? 0
            let newest = try Int64.fetchOne(db, sql: "SELECT id FROM entry ORDER BY ts DESC, id DESC LIMIT 1") ?? 0
            if oldest > newest { scanDescending.toggle() }
        }
        tags = try OrderedLinkScan(db, descending: scanDescending, asideLimit: aside, sql: Self.idScan(0, descending: scanDescending))
        people = try OrderedLinkScan(db, descending: scanDescending, asideLimit: aside, sql: Self.idScan(1, descending: scanDescending))
        sources = try OrderedLinkScan(db, descending: scanDescending, asideLimit: aside, sql: Self.idScan(2, descending: scanDescending))
        links = try OrderedLinkScan(db, descending: scanDescending, asideLimit: aside, sql: Self.idScan(3, descending: scanDescending))
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
            try take(&tags, scan: 0, ts: ts, id: id) { link in
                tagList.append(try tagName(link.target))
            }
            try take(&people, scan: 1, ts: ts, id: id) { link in
                personList.append(PersonLink(handle: try handle(link.target), role: link.text ?? "mentioned"))
            }
            try take(&sources, scan: 2, ts: ts, id: id) { link in
                sourceList.append(SourceCitation(key: try sourceKey(link.target), locator: link.text ?? ""))
            }
            try take(&links, scan: 3, ts: ts, id: id) { link in
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

    /// Hands `body` the links of the entry at (`ts`, `id`) from `scan`; when the scan would keep
    /// too many rows aside, it is replaced by one in date order that starts at this entry.
    private func take(_ scan: inout OrderedLinkScan, scan index: Int, ts: Int64, id: Int64,
                      _ body: (OrderedLinkScan.Link) throws -> Void) throws {
        if try scan.take(ts: ts, id: id, body) { return }
        let sql = Self.dateScan(index, descending: descending)
        scan = try OrderedLinkScan(db, descending: descending, asideLimit: 0, sql: sql, arguments: [ts, id])
        _ = try scan.take(ts: ts, id: id, body)
    }

    /// Link table `index` (tags, people, sources, links between entries) along its entry index
    /// in id order, within an entry in the index's key order (`OrderedLinkScan` hands the rows
    /// of one entry out in ascending key order either way).
    private static func idScan(_ index: Int, descending: Bool) -> String {
        let (columns, table, keys): (String, String, [String]) = switch index {
        case 0: ("0, entry_id, tag_id, NULL, NULL", "entry_tag", ["entry_id", "tag_id"])
        case 1: ("0, entry_id, person_id, role, NULL", "entry_person", ["entry_id", "person_id", "role"])
        case 2: ("0, entry_id, source_id, locator, NULL", "entry_source", ["entry_id", "source_id", "locator"])
        default:
            ("0, l.from_id, l.to_id, l.role, t.uuid", "entry_link l CROSS JOIN entry t ON t.id = l.to_id",
             ["l.from_id", "l.to_id", "l.role"])
        }
        let order = keys.map { descending ? $0 + " DESC" : $0 }.joined(separator: ", ")
        return "SELECT \(columns) FROM \(table) ORDER BY \(order)"
    }

    /// Link table `index` in date order from the entry at (?, ?) on, searching the table's entry
    /// index for each entry: the `entry_ts` index is walked as a covering index, and CROSS JOIN
    /// keeps the entries outermost, without a sort.
    private static func dateScan(_ index: Int, descending: Bool) -> String {
        let (columns, join): (String, String) = switch index {
        case 0: ("et.tag_id, NULL, NULL", "entry_tag et ON et.entry_id = e.id")
        case 1: ("ep.person_id, ep.role, NULL", "entry_person ep ON ep.entry_id = e.id")
        case 2: ("es.source_id, es.locator, NULL", "entry_source es ON es.entry_id = e.id")
        default: ("l.to_id, l.role, t.uuid", "entry_link l ON l.from_id = e.id CROSS JOIN entry t ON t.id = l.to_id")
        }
        let (direction, from) = descending ? ("DESC", "<=") : ("ASC", ">=")
        return "SELECT e.ts, e.id, \(columns) FROM entry e CROSS JOIN \(join) WHERE (e.ts, e.id) \(from) (?, ?) "
            + "ORDER BY e.ts \(direction), e.id \(direction)"
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
    private static func name(_ id: Int64, cache: inout NameCache, sql: String, in db: Database) throws -> String {
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

/// One link table read alongside the entries, handing out the rows of one entry at a time.
///
/// With `asideLimit` 0 the rows come in the entries' own order (ts, id; `descending` is the
/// entries' direction) and rows of entries before the one asked for (none while both scans
/// read the same journal) are skipped. Above 0 the rows come in id order (`descending` is the
/// scan's direction) while the entries come in date order: the rows of entries the scan passes
/// on its way to the one asked for are kept aside until their entries come.
private struct OrderedLinkScan {
    struct Link {
        var target: Int64
        var text: String?
        var uuid: String?
    }

    private let cursor: RowCursor
    private let statement: SQLiteStatement
    private let descending: Bool
    private let asideLimit: Int
    private var pending: (ts: Int64, id: Int64, link: Link)?
    private var done = false
    private var aside: [Int64: [Link]] = [:]
    private var asideCount = 0

    init(_ db: Database, descending: Bool, asideLimit: Int, sql: String, arguments: StatementArguments = StatementArguments()) throws {
        let statement = try db.makeStatement(sql: sql)
        cursor = try Row.fetchCursor(statement, arguments: arguments)
        self.statement = statement.sqliteStatement
        self.descending = descending
        self.asideLimit = asideLimit
    }

    /// Hands `body` the rows of the entry at (`ts`, `id`), in the link table's key order. False,
    /// having handed nothing, when more than `asideLimit` rows would wait aside: the caller
    /// goes on with another scan.
    mutating func take(ts: Int64, id: Int64, _ body: (Link) throws -> Void) throws -> Bool {
        if asideLimit > 0 { return try takeAside(id: id, body) }
        // The row's link is moved out of `pending` (`take()`), not copied out and then released.
        while try load() {
            let (rowTS, rowID) = (pending!.ts, pending!.id)
            if rowTS == ts, rowID == id {
                try body(pending.take()!.link)
                continue
            }
            let before = descending ? (rowTS, rowID) > (ts, id) : (rowTS, rowID) < (ts, id)
            guard before else { break }
            pending = nil
        }
        return true
    }

    private mutating func takeAside(id: Int64, _ body: (Link) throws -> Void) throws -> Bool {
        // Most entries find nothing aside: no hashing then.
        if asideCount > 0, let kept = aside.removeValue(forKey: id) {
            asideCount -= kept.count
            // Kept in scan order: descending, that is the key order backwards.
            for link in descending ? kept.reversed() : kept { try body(link) }
            return true
        }
        var found: [Link] = []
        while try load() {
            let rowID = pending!.id
            if rowID == id {
                found.append(pending.take()!.link)
                continue
            }
            let before = descending ? rowID > id : rowID < id
            guard before else { break }
            // A row of an entry that comes later in date order: kept until it is asked for.
            guard asideCount < asideLimit else { return false }
            aside[rowID, default: []].append(pending.take()!.link)
            asideCount += 1
        }
        for link in descending ? found.reversed() : found { try body(link) }
        return true
    }

    /// Reads the next row into `pending` unless one is there; false at the end.
    private mutating func load() throws -> Bool {
        if pending != nil { return true }
        guard !done, try cursor.next() != nil else {
            done = true
            return false
        }
        // The statement moves on with the cursor: copy the values out now.
        let columns = RawRow(statement: statement)
        pending = (sqlite3_column_int64(statement, 0), sqlite3_column_int64(statement, 1),
                   Link(target: sqlite3_column_int64(statement, 2), text: columns.text(3), uuid: columns.text(4)))
        return true
    }
}

/// Names by id: in an array while ids are small (they count up from 1, and a journal has a
/// few thousand tags, people and sources), in a dictionary beyond. Hashing the id was a
/// twenty-fifth of the thread that reads a whole journal, for two or three names an entry.
private struct NameCache {
    private static let denseLimit: Int64 = 1 << 18
    private var dense: [String?] = []
    private var sparse: [Int64: String] = [:]

    subscript(id: Int64) -> String? {
        get {
            guard id >= 0, id < Self.denseLimit else { return sparse[id] }
            return Int(id) < dense.count ? dense[Int(id)] : nil
        }
        set {
            guard id >= 0, id < Self.denseLimit else { return sparse[id] = newValue }
            let index = Int(id)
            if index >= dense.count { dense.append(contentsOf: repeatElement(nil, count: index - dense.count + 1)) }
            dense[index] = newValue
        }
    }
}
