import Foundation
import GRDB

extension JournalStore {
    /// Creates the source `key`; an existing key is an error.
    package static func addSource(_ key: String, _ changes: SourceChanges, in db: Database) throws {
        if try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [key]) != nil {
            throw PLNError.invalidArgument("[[\(key)]] is already in the journal (pln source edit \(key) changes it)")
        }
        _ = try sourceID(key: key, in: db)
        var changes = changes
        if changes.type == nil { changes.type = changes.url != nil ? "webpage" : "document" }
        try editSource(key, changes, in: db)
    }

    /// Applies `changes` to the source `key`; it is no longer a stub afterwards.
    package static func editSource(_ key: String, _ changes: SourceChanges, in db: Database) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [key]) else {
            throw PLNError.invalidArgument("no source [[\(key)]] (pln source add \(key) creates one)")
        }
        var columns: [(String, DatabaseValueConvertible?)] = []
        func set(_ column: String, _ value: String?) {
            if let value { columns.append((column, value.isEmpty ? nil : value)) }
        }
        set("type", changes.type)
        set("title", changes.title)
        if let authors = changes.authors {
            columns.append(("authors", authors.isEmpty ? nil : JSONValue.array(authors.map { .string($0) }).serialized))
        }
        set("issued", changes.issued)
        set("container", changes.container)
        set("volume", changes.volume)
        set("issue", changes.issue)
        set("pages", changes.pages)
        set("publisher", changes.publisher)
        set("url", changes.url)
        set("doi", changes.doi)
        set("isbn", changes.isbn)
        set("hashtag", changes.hashtag.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 })
        set("platform", changes.platform)
        if let schedule = changes.schedule {
            columns.append(("schedule", schedule.isEmpty ? nil : try ChatSchedule(parsing: schedule).text))
        }
        guard !columns.isEmpty else { return }
        let sets = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE source SET \(sets), stub = 0 WHERE id = ?", arguments: StatementArguments(columns.map(\.1) + [id]))
        if let url = changes.url {
            let normalized = url.isEmpty ? nil : URLNormalizer.normalize(url)
            if let normalized, let other = try String.fetchOne(
                db, sql: "SELECT key FROM source WHERE url_norm = ? AND id <> ?", arguments: [normalized, id]) {
                throw PLNError.invalidArgument("[[\(other)]] already has this URL (pln source merge \(key) \(other) joins them)")
            }
            try db.execute(sql: "UPDATE source SET url_norm = ? WHERE id = ?", arguments: [normalized, id])
        }
    }

    static let sourceSummarySQL = """
        SELECT s.*,
               (SELECT count(DISTINCT es.entry_id) FROM entry_source es WHERE es.source_id = s.id) AS entries,
               (SELECT e.created FROM entry_source es JOIN entry e ON e.id = es.entry_id WHERE es.source_id = s.id
                 ORDER BY e.ts DESC LIMIT 1) AS last
        FROM source s
        """

    static func sourceSummary(_ row: Row) -> SourceSummary {
        var authors: [String] = []
        if let text = row["authors"] as String?, let value = try? JSONParser.parse(text), case .array(let items) = value {
            authors = items.compactMap(\.stringValue)
        }
        let record = SourceRecord(
            key: row["key"], type: row["type"], title: row["title"], authors: authors, issued: row["issued"],
            container: row["container"], volume: row["volume"], issue: row["issue"], pages: row["pages"],
            publisher: row["publisher"], url: row["url"], doi: row["doi"], isbn: row["isbn"])
        let last = (row["last"] as String?).flatMap { Timestamp(iso8601: $0, assumingZone: TimeZone(identifier: "UTC")!) }
        return SourceSummary(record: record, stub: row["stub"], entries: row["entries"], last: last)
    }

    /// The source `key` with its entry count and last use.
    package static func source(_ key: String, in db: Database) throws -> SourceSummary? {
        try Row.fetchOne(db, sql: sourceSummarySQL + " WHERE s.key = ?", arguments: [key]).map(sourceSummary)
    }

    /// Sources, optionally only those cited by entries matching `query`; sorted by key, last or entries.
    package static func sources(matching query: EntryQuery?, sort: String, in db: Database) throws -> [SourceSummary] {
        var sql = sourceSummarySQL
        var arguments = StatementArguments()
        if let query, query.expression != nil {
            let compiled = query.compile()
            sql += " WHERE s.id IN (SELECT es.source_id FROM entry_source es WHERE es.entry_id IN "
                + "(SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause)))"
            arguments = compiled.arguments
        }
        switch sort {
        case "last": sql += " ORDER BY last IS NULL, (SELECT max(e.ts) FROM entry_source es JOIN entry e ON e.id = es.entry_id WHERE es.source_id = s.id) DESC, s.key COLLATE NOCASE"
        case "entries": sql += " ORDER BY entries DESC, s.key COLLATE NOCASE"
        default: sql += " ORDER BY s.key COLLATE NOCASE"
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(sourceSummary)
    }

    /// The chats: sources with a weekly schedule.
    package static func chats(in db: Database) throws -> [(key: String, title: String?, hashtag: String?, platform: String?, schedule: ChatSchedule)] {
        try Row.fetchAll(db, sql: "SELECT key, title, hashtag, platform, schedule FROM source WHERE schedule IS NOT NULL ORDER BY key")
            .compactMap { row in
                guard let text = row["schedule"] as String?, let schedule = try? ChatSchedule(parsing: text) else { return nil }
                return (row["key"], row["title"], row["hashtag"], row["platform"], schedule)
            }
    }

    /// The entries citing `key`, newest first, with the locator of each citation.
    package static func citations(of key: String, limit: Int, in db: Database) throws -> [(entry: Entry, locator: String)] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT es.entry_id, es.locator FROM entry_source es JOIN source s ON s.id = es.source_id JOIN entry e ON e.id = es.entry_id
            WHERE s.key = ? ORDER BY e.ts DESC, e.id DESC LIMIT ?
            """, arguments: [key, limit])
        return try rows.compactMap { row in
            try entry(id: row[0], in: db).map { ($0, row[1] as String) }
        }
    }

    /// People who recommended or wrote `key` (`pln.link{person=, source=}`), with their role.
    package static func recommenders(of key: String, in db: Database) throws -> [(handle: String, role: String)] {
        try Row.fetchAll(db, sql: """
            SELECT p.handle, ps.role FROM person_source ps JOIN person p ON p.id = ps.person_id JOIN source s ON s.id = ps.source_id
            WHERE s.key = ? ORDER BY p.handle COLLATE NOCASE
            """, arguments: [key]).map { ($0[0], $0[1]) }
    }

    /// Moves every citation and recommendation of `from` onto `into`, fills the fields `into`
    /// lacks, and removes `from`.
    package static func mergeSource(_ from: String, into: String, in db: Database) throws -> Int {
        guard let source = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [from]) else {
            throw PLNError.invalidArgument("no source [[\(from)]]")
        }
        guard let target = try Int64.fetchOne(db, sql: "SELECT id FROM source WHERE key = ?", arguments: [into]) else {
            throw PLNError.invalidArgument("no source [[\(into)]]")
        }
        guard source != target else { throw PLNError.invalidArgument("[[\(from)]] and [[\(into)]] are the same source") }
        let moved = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_source WHERE source_id = ?", arguments: [source]) ?? 0
        try db.execute(sql: "INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator) SELECT entry_id, ?, locator FROM entry_source WHERE source_id = ?",
                       arguments: [target, source])
        try db.execute(sql: "INSERT OR IGNORE INTO person_source (person_id, source_id, role) SELECT person_id, ?, role FROM person_source WHERE source_id = ?",
                       arguments: [target, source])
        let sourceURL = try String.fetchOne(db, sql: "SELECT url_norm FROM source WHERE id = ?", arguments: [source])
        try db.execute(sql: "UPDATE source SET url_norm = NULL WHERE id = ?", arguments: [source])
        for column in SourceRecord.storedTextColumns where column != "url" {
            try db.execute(sql: "UPDATE source SET \(column) = coalesce(\(column), (SELECT \(column) FROM source WHERE id = ?)) WHERE id = ?",
                           arguments: [source, target])
        }
        try db.execute(sql: """
            UPDATE source SET url = coalesce(url, (SELECT url FROM source WHERE id = ?)), url_norm = coalesce(url_norm, ?),
              type = CASE WHEN stub THEN (SELECT type FROM source WHERE id = ?) ELSE type END,
              stub = stub AND (SELECT stub FROM source WHERE id = ?)
            WHERE id = ?
            """, arguments: [source, sourceURL, source, source, target])
        try db.execute(sql: "DELETE FROM source WHERE id = ?", arguments: [source])
        return moved
    }
}
