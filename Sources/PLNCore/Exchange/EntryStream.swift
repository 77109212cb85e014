import Foundation
import GRDB

/// Every entry with its links, in id order, by merging five ordered scans.
///
/// The whole-journal export reads the entries and each link table once, in entry-id order,
/// and joins them as it goes, instead of running four correlated subqueries per entry: on a
/// large journal that halves the time, and memory holds one entry at a time. Id order also
/// makes an export re-imported into an empty journal keep every entry's id.
struct EntryStream {
    private let entries: RowCursor
    private var tags: LinkScan
    private var people: LinkScan
    private var sources: LinkScan
    private var links: LinkScan

    init(_ db: Database) throws {
        entries = try Row.fetchCursor(db, sql: """
            SELECT e.id, e.uuid, e.created, e.body, e.kind, e.framework, e.starred, e.fields,
                \(JournalStore.reflectionColumns) FROM entry e ORDER BY e.id
            """)
        tags = try LinkScan(db, sql: """
            SELECT et.entry_id, t.name, NULL, NULL FROM entry_tag et JOIN tag t ON t.id = et.tag_id ORDER BY et.entry_id
            """)
        people = try LinkScan(db, sql: """
            SELECT ep.entry_id, p.handle, ep.role, NULL FROM entry_person ep JOIN person p ON p.id = ep.person_id
            ORDER BY ep.entry_id
            """)
        sources = try LinkScan(db, sql: """
            SELECT es.entry_id, s.key, es.locator, NULL FROM entry_source es JOIN source s ON s.id = es.source_id
            ORDER BY es.entry_id
            """)
        links = try LinkScan(db, sql: """
            SELECT l.from_id, CAST(l.to_id AS TEXT), t.uuid, l.role FROM entry_link l JOIN entry t ON t.id = l.to_id
            ORDER BY l.from_id
            """)
    }

    mutating func next() throws -> Entry? {
        guard let row = try entries.next() else { return nil }
        let id: Int64 = row[0]
        let created: String = row[2]
        let timestamp = Timestamp(iso8601: created, assumingZone: EntryStream.utc) ?? Timestamp(seconds: 0, utcOffset: 0)
        var entry = Entry(id: id, uuid: row[1], timestamp: timestamp, body: row[3], kind: row[4], framework: row[5],
                          starred: row[6], fields: row[7])
        if entry.framework != nil {
            (entry.stages, entry.followUps) = JournalStore.reflectionParts(stages: row[8], followUps: row[9])
        }
        entry.tags = try tags.take(id).map(\.a)
        entry.people = try people.take(id).map { PersonLink(handle: $0.a, role: $0.b ?? "mentioned") }
        entry.sources = try sources.take(id).map { SourceCitation(key: $0.a, locator: $0.b ?? "") }
        entry.links = try links.take(id).compactMap { link in
            Int64(link.a).map { EntryLink(id: $0, uuid: link.b ?? "", role: link.c ?? "follows-up") }
        }
        return entry
    }

    private static let utc = TimeZone(identifier: "UTC")!
}

/// One link table read in entry-id order, handing out the rows of one entry at a time.
private struct LinkScan {
    struct Link {
        var a: String
        var b: String?
        var c: String?
    }

    private let cursor: RowCursor
    private var pending: (id: Int64, link: Link)?
    private var done = false

    init(_ db: Database, sql: String) throws {
        cursor = try Row.fetchCursor(db, sql: sql)
    }

    /// The rows of entry `id`; rows of smaller ids (none, with foreign keys) are skipped.
    mutating func take(_ id: Int64) throws -> [Link] {
        var result: [Link] = []
        while true {
            if pending == nil {
                guard !done, let row = try cursor.next() else {
                    done = true
                    return result
                }
                // The cursor reuses its row: copy the values out now.
                pending = (row[0], Link(a: row[1], b: row[2], c: row[3]))
            }
            guard let (rowID, link) = pending else { return result }
            if rowID > id { return result }
            pending = nil
            if rowID == id { result.append(link) }
        }
    }
}
