import Foundation
import GRDB

extension JournalStore {
    /// The columns that `decodeEntry` reads, for a FROM clause that aliases the entry table `e`.
    ///
    /// Tags, people, sources and links come back as delimited strings from correlated
    /// subqueries, so one streaming cursor yields whole entries without a second round trip.
    package static let entryColumns = """
        e.id, e.uuid, e.created, e.body, e.kind, e.framework, e.starred, e.fields,
        \(tagsColumn) AS tags,
        \(peopleColumn) AS people,
        \(sourcesColumn) AS sources,
        (SELECT group_concat(l.to_id || char(30) || t2.uuid || char(30) || l.role, char(31)) FROM entry_link l
            JOIN entry t2 ON t2.id = l.to_id WHERE l.from_id = e.id) AS links,
        \(reflectionColumns)
        """

    /// An entry's tags, its people (handle and role) and its sources (key and locator), for
    /// `entryColumns` and `saved(id:)`.
    static let tagsColumn = """
        (SELECT group_concat(t.name, char(31)) FROM entry_tag et JOIN tag t ON t.id = et.tag_id
            WHERE et.entry_id = e.id)
        """
    static let peopleColumn = """
        (SELECT group_concat(p.handle || char(30) || ep.role, char(31)) FROM entry_person ep
            JOIN person p ON p.id = ep.person_id WHERE ep.entry_id = e.id)
        """
    static let sourcesColumn = """
        (SELECT group_concat(s.key || char(30) || es.locator, char(31)) FROM entry_source es
            JOIN source s ON s.id = es.source_id WHERE es.entry_id = e.id)
        """

    /// Builds an `Entry` from a row selected with `entryColumns`.
    package static func decodeEntry(_ row: Row) -> Entry {
        let created: String = row[2]
        let timestamp = Timestamp(iso8601: created, assumingZone: utc) ?? Timestamp(seconds: 0, utcOffset: 0)
        let people = fields(row[9]).map { parts in
            PersonLink(handle: parts[0], role: parts.count > 1 ? parts[1] : "mentioned")
        }
        let sources = fields(row[10]).map { parts in
            SourceCitation(key: parts[0], locator: parts.count > 1 ? parts[1] : "")
        }
        let links = fields(row[11]).compactMap { parts -> EntryLink? in
            guard parts.count == 3, let id = Int64(parts[0]) else { return nil }
            return EntryLink(id: id, uuid: parts[1], role: parts[2])
        }
        let framework: String? = row[5]
        // Only structured reflections have stage and follow-up columns to decode.
        let (stages, followUps) = framework == nil ? ([], []) : reflectionParts(stages: row[12], followUps: row[13])
        return Entry(
            id: row[0], uuid: row[1], timestamp: timestamp, body: row[3], kind: row[4], framework: framework,
            starred: row[6], fields: row[7], tags: fields(row[8]).map { $0[0] }, people: people,
            sources: sources, links: links, stages: stages, followUps: followUps)
    }

    private static let utc = TimeZone(identifier: "UTC")!

    /// Splits `group_concat` output: records by U+001F, fields by U+001E (both ASCII, so the
    /// UTF-8 bytes can be cut directly without decoding characters).
    static func fields(_ text: String?) -> [[String]] {
        guard var text, !text.isEmpty else { return [] }
        return text.withUTF8 { utf8 in
            var records: [[String]] = []
            var current: [String] = []
            var start = 0
            for index in 0...utf8.count {
                let byte: UInt8 = index < utf8.count ? utf8[index] : 0x1F
                guard byte == 0x1F || byte == 0x1E else { continue }
                current.append(String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<index]), as: UTF8.self))
                start = index + 1
                if byte == 0x1F {
                    records.append(current)
                    current = []
                }
            }
            return records
        }
    }

    /// The entry with this id, or nil.
    package static func entry(id: Int64, in db: Database) throws -> Entry? {
        try Row.fetchOne(db.cachedStatement(sql: "SELECT \(entryColumns) FROM entry e WHERE e.id = ?"), arguments: [id])
            .map(decodeEntry)
    }

    /// The entry with this id; throws `noSuchEntry` when there is none.
    package func entry(id: Int64) throws(PLNError) -> Entry {
        let found = try read { db in try JournalStore.entry(id: id, in: db) }
        guard let found else { throw .noSuchEntry(id) }
        return found
    }

    /// What the line confirming a save shows of entry `id`; throws `noSuchEntry` when there is
    /// none. Its query reads 4 of `entry(id:)`'s 14 columns: preparing that one was an eighth
    /// of a `pln add`, most of it GRDB noting each column the statement reads.
    package func saved(id: Int64) throws(PLNError) -> Confirmation.Saved {
        let found = try read { db -> Confirmation.Saved? in
            try Row.fetchOne(db, sql: """
                SELECT e.created, \(Self.tagsColumn), \(Self.peopleColumn), \(Self.sourcesColumn)
                FROM entry e WHERE e.id = ?
                """, arguments: [id]).map { row in
                let created: String = row[0]
                return Confirmation.Saved(
                    id: id, timestamp: Timestamp(iso8601: created, assumingZone: Self.utc) ?? Timestamp(seconds: 0, utcOffset: 0),
                    tags: Self.fields(row[1]).map { $0[0] }, people: Self.fields(row[2]).map { $0[0] },
                    sources: Self.fields(row[3]).map { $0[0] })
            }
        }
        guard let found else { throw .noSuchEntry(id) }
        return found
    }

    /// Saves a new entry and its links, creating people and sources it names that do not exist.
    ///
    /// `cache`, when given, is asked for the ids of tags, people, web sources and chats before
    /// the database (see `SaveCache`).
    @discardableResult
    package static func add(_ draft: EntryDraft, in db: Database, cache: SaveCache? = nil) throws -> SaveReport {
        let inserted = try statement(.insertEntry, in: db, cache: cache).insertRaw(
            .text(draft.uuid), .text(draft.timestamp.iso8601), .integer(draft.timestamp.seconds),
            .text(draft.body), .text(draft.kind), .text(draft.framework),
            .integer(draft.starred ? 1 : 0), .text(draft.fields))
        var report = SaveReport(id: inserted ?? db.lastInsertedRowID)
        try link(draft, entryID: report.id, report: &report, in: db, cache: cache)
        return report
    }

    /// Replaces the body, time and inline links of entry `id` with those of `draft`.
    ///
    /// Only the links the old text named are removed: a tag, person or source linked some other
    /// way (`pln link`, a script, a hook) stays, as do entry links.
    package static func update(id: Int64, with draft: EntryDraft, in db: Database) throws -> SaveReport {
        guard let oldBody = try String.fetchOne(db, sql: "SELECT body FROM entry WHERE id = ?", arguments: [id]) else {
            throw PLNError.noSuchEntry(id)
        }
        try db.execute(
            sql: "UPDATE entry SET body = ?, created = ?, ts = ?, updated = ? WHERE id = ?",
            arguments: [draft.body, draft.timestamp.iso8601, draft.timestamp.seconds,
                        DateContext.stamp().iso8601, id])
        let old = InlineParser.parse(oldBody)
        for tag in old.tags {
            try db.execute(sql: "DELETE FROM entry_tag WHERE entry_id = ? AND tag_id = (SELECT id FROM tag WHERE name = ?)",
                           arguments: [id, tag])
        }
        for handle in old.people {
            try db.execute(sql: """
                DELETE FROM entry_person WHERE entry_id = ? AND role = 'mentioned'
                  AND person_id = (SELECT id FROM person WHERE handle = ?)
                """, arguments: [id, handle])
        }
        for citation in old.sources {
            try db.execute(sql: """
                DELETE FROM entry_source WHERE entry_id = ? AND locator = ?
                  AND source_id = (SELECT id FROM source WHERE key = ?)
                """, arguments: [id, citation.locator, citation.key])
        }
        for url in old.urls {
            try db.execute(sql: """
                DELETE FROM entry_source WHERE entry_id = ? AND locator = ''
                  AND source_id = (SELECT id FROM source WHERE url_norm = ?)
                """, arguments: [id, URLNormalizer.normalize(url)])
        }
        var report = SaveReport(id: id)
        try link(draft, entryID: id, report: &report, in: db)
        try removeUnusedTags(in: db)
        return report
    }

    /// Adds the tags, people, sources and URLs of `draft` to entry `entryID` (nothing is removed).
    package static func addLinks(_ draft: EntryDraft, entryID: Int64, in db: Database) throws {
        var report = SaveReport(id: entryID)
        try link(draft, entryID: entryID, report: &report, in: db)
    }

    private static func link(_ draft: EntryDraft, entryID: Int64, report: inout SaveReport, in db: Database,
                             cache: SaveCache? = nil) throws {
        for tag in draft.tags {
            let tagID: Int64
            if let cached = cache?.tagID(tag) {
                tagID = cached
            } else {
                tagID = try self.tagID(named: tag, in: db)
                cache?.setTagID(tagID, for: tag)
            }
            try statement(.linkTag, in: db, cache: cache).runRaw(.integer(entryID), .integer(tagID))
            // An entry tagged with a chat's hashtag is linked to that chat.
            if let cache {
                for sourceID in try cache.chatSources(for: tag, in: db) {
                    try linkSource(sourceID, locator: "", entryID: entryID, in: db, cache: cache)
                }
            } else {
                try db.cachedStatement(sql: """
                    INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator)
                    SELECT ?, id, '' FROM source WHERE hashtag = ? COLLATE NOCASE
                    """).execute(arguments: [entryID, tag])
            }
        }
        for person in draft.people {
            let personID: Int64
            if let cached = cache?.personID(person.handle) {
                personID = cached
            } else {
                let (id, created) = try self.personID(handle: person.handle, in: db)
                if created { report.createdPeople.append(person.handle) }
                cache?.setPersonID(id, for: person.handle)
                personID = id
            }
            try statement(.linkPerson, in: db, cache: cache).runRaw(.integer(entryID), .integer(personID), .text(person.role))
        }
        for citation in draft.sources {
            let (sourceID, created) = try sourceID(key: citation.key, in: db)
            if created { report.createdSources.append(citation.key) }
            try linkSource(sourceID, locator: citation.locator, entryID: entryID, in: db, cache: cache)
        }
        for url in draft.urls {
            let source = try webSource(url: url, in: db, cache: cache)
            if source.inserted != nil { report.createdSources.append(source.key) }
            report.urlKeys.append(source.key)
            try linkSource(source.id, locator: "", entryID: entryID, in: db, cache: cache)
        }
        for link in draft.links {
            guard let target = try Int64.fetchOne(
                db, sql: "SELECT id FROM entry WHERE uuid = ?", arguments: [link.uuid]) else { continue }
            try db.execute(
                sql: "INSERT OR IGNORE INTO entry_link (from_id, to_id, role) VALUES (?, ?, ?)",
                arguments: [entryID, target, link.role])
        }
    }

    private static func linkSource(_ sourceID: Int64, locator: String, entryID: Int64, in db: Database,
                                   cache: SaveCache?) throws {
        try statement(.linkSource, in: db, cache: cache).runRaw(.integer(entryID), .integer(sourceID), .text(locator))
    }

    /// A per-record statement: the run's own when there is a run (`cache`), else GRDB's cached one.
    package static func statement(_ sql: RecordSQL, in db: Database, cache: SaveCache?) throws -> Statement {
        try cache?.statement(sql, in: db) ?? db.cachedStatement(sql: sql.text)
    }

    package static func tagID(named name: String, in db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM tag WHERE name = ?"), arguments: [name]) {
            return id
        }
        try db.cachedStatement(sql: "INSERT INTO tag (name) VALUES (?)").execute(arguments: [name])
        return db.lastInsertedRowID
    }

    /// The person with this handle, created as a minimal record when unknown.
    package static func personID(handle: String, in db: Database) throws -> (id: Int64, created: Bool) {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM person WHERE handle = ?"), arguments: [handle]) {
            return (id, false)
        }
        try db.cachedStatement(sql: "INSERT INTO person (uuid, handle, created) VALUES (?, ?, ?)")
            .execute(arguments: [UUIDGenerator.next(), handle, DateContext.stamp().iso8601])
        return (db.lastInsertedRowID, true)
    }

    /// The source with this key, created as a stub when unknown.
    package static func sourceID(key: String, in db: Database) throws -> (id: Int64, created: Bool) {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM source WHERE key = ?"), arguments: [key]) {
            return (id, false)
        }
        try db.cachedStatement(sql: "INSERT INTO source (uuid, key, type, stub, created) VALUES (?, ?, 'document', 1, ?)")
            .execute(arguments: [UUIDGenerator.next(), key, DateContext.stamp().iso8601])
        return (db.lastInsertedRowID, true)
    }

    /// The web source for `url`, matched on the normalised URL; returns the key when it was created.
    package static func webSourceID(url: String, in db: Database, cache: SaveCache? = nil) throws
        -> (id: Int64, createdKey: String?) {
        let source = try webSource(url: url, in: db, cache: cache)
        return (source.id, source.inserted != nil ? source.key : nil)
    }

    /// The web source for `url`, matched on the normalised URL or created: its id and key, and
    /// for a source this call inserted, the uuid and creation time it was given.
    ///
    /// A new source is inserted first and looked up only when the insert is ignored (its
    /// address or its key is taken): an import that brings a hundred thousand new addresses
    /// would otherwise search the address index and the key index once more for each. `columns`
    /// (type and the text columns but url, by name) are given to a source this call creates
    /// (`pln.source{url=, title=}`), in the same insert; the caller updates a source that was found.
    package static func webSource(url: String, in db: Database, cache: SaveCache? = nil,
                                  creatingWith columns: [(String, String)] = []) throws
        -> (id: Int64, key: String, inserted: (uuid: String, created: String)?) {
        let normalized = cache?.normalizedURL(url) ?? URLNormalizer.normalize(url)
        if let cached = cache?.webSource(normalized) { return (cached.id, cached.key, nil) }
        let base = webSourceKey(for: normalized)
        // With a cache the base key is known to be taken once a suffix has been handed out.
        var suffix = cache?.keySuffix(base).map { $0 + 1 }
        var key = suffix.map { "\(base)-\($0)" } ?? base
        let created = DateContext.stamp().iso8601
        var given = [RawValue](repeating: .null, count: webSourceColumns.count)
        given[0] = .text("webpage")
        for (name, value) in columns {
            if let index = webSourceColumnIndex[name] { given[index] = .text(value) }
        }
        // The last try is a plain insert, so that a failure other than a taken key is reported.
        for attempt in 0..<3 {
            let uuid = UUIDGenerator.next()
            if let id = try statement(attempt < 2 ? .insertWebSource : .insertWebSourceOrFail, in: db, cache: cache)
                .insertRaw([.text(uuid), .text(key), .text(url), .text(normalized), .text(created)] + given) {
                if let suffix { cache?.setKeySuffix(suffix, for: base) }
                cache?.setWebSource((id, key), for: normalized)
                return (id, key, (uuid, created))
            }
            if let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, key FROM source WHERE url_norm = ?"), arguments: [normalized]) {
                cache?.setWebSource((row[0], row[1]), for: normalized)
                return (row[0], row[1], nil)
            }
            // The key is taken: the next free one (which the cache then remembers itself).
            key = try unusedSourceKey(base, in: db, cache: cache)
            suffix = nil
        }
        throw PLNError.invalidArgument("no free key for a web source at \(url)")
    }

    /// The columns `webSource` inserts after uuid, key, url, url_norm and created.
    private static let webSourceColumns = ["type"] + SourceRecord.storedTextColumns.filter { $0 != "url" }
    private static let webSourceColumnIndex = Dictionary(uniqueKeysWithValues: webSourceColumns.enumerated().map { ($1, $0) })

    /// The insert of a new web source: ignored when the address or key is taken, or not.
    static let insertWebSource: (ignoring: String, plain: String) = {
        let names = ["uuid", "key", "url", "url_norm", "created"] + webSourceColumns
        let sql = "INTO source (\(names.joined(separator: ", "))) VALUES (\(repeatElement("?", count: names.count).joined(separator: ", ")))"
        return ("INSERT OR IGNORE " + sql, "INSERT " + sql)
    }()

    /// `base`, or when a source has that key, `base-N` with N one more than the largest in use.
    ///
    /// One range read over the keys that start with `base-`: an import of many addresses that
    /// end alike ("…/watch", "…/comments") would otherwise try -2, -3, … one query each. With a
    /// cache the largest N is read once per base and counted up from there, so a hundred
    /// thousand YouTube links do not each read every "www.youtube.com/watch-N" key before them.
    static func unusedSourceKey(_ base: String, in db: Database, cache: SaveCache? = nil) throws -> String {
        func taken(_ key: String) throws -> Bool {
            try Int64.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM source WHERE key = ?"), arguments: [key]) != nil
        }
        // The counted-up key is checked: a script may have taken it by name meanwhile.
        if let cache, let largest = cache.keySuffix(base), try !taken("\(base)-\(largest + 1)") {
            cache.setKeySuffix(largest + 1, for: base)
            return "\(base)-\(largest + 1)"
        }
        guard try taken(base) else { return base }
        // '-' is followed by '.' in ASCII: [base + "-", base + ".") holds every "base-…" key.
        let keys = try String.fetchCursor(db.cachedStatement(sql: "SELECT key FROM source WHERE key >= ? AND key < ?"),
                                          arguments: [base + "-", base + "."])
        let prefix = base.utf8.count + 1
        var largest = 1
        while let key = try keys.next() {
            if let n = Int(String(decoding: key.utf8.dropFirst(prefix), as: UTF8.self)), n > largest { largest = n }
        }
        cache?.setKeySuffix(largest + 1, for: base)
        return "\(base)-\(largest + 1)"
    }

    /// A readable key for a web source: the host and the last path segment ("edutopia.org/think-pair-share").
    ///
    /// Read as UTF-8 bytes (every delimiter is ASCII): Character-wise searching, splitting and
    /// counting cost a bookmark import 60k instructions a link.
    static func webSourceKey(for normalizedURL: String) -> String {
        let bytes = Array(normalizedURL.utf8)
        var start = 0
        if let scheme = bytes.indices.dropLast(2).first(where: {
            bytes[$0] == UInt8(ascii: ":") && bytes[$0 + 1] == UInt8(ascii: "/") && bytes[$0 + 2] == UInt8(ascii: "/")
        }) {
            start = scheme + 3
        }
        let end = bytes[start...].firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? bytes.count
        let parts = bytes[start..<end].split(separator: UInt8(ascii: "/"))
        guard let host = parts.first else { return "web" }
        var key = String(decoding: host, as: UTF8.self)
        if parts.count > 1, let last = parts.last {
            // 40 Characters: for ASCII without a carriage return (the one pair that joins into
            // one Character, with a line feed) those are the first 40 bytes.
            let slug = last.allSatisfy { $0 < 0x80 && $0 != 0x0D }
                ? String(decoding: last.prefix(40), as: UTF8.self)
                : String(String(decoding: last, as: UTF8.self).prefix(40))
            key += "/" + slug
        }
        return key
    }

    /// Deletes the entries with these ids; throws `noSuchEntry` for the first unknown one.
    package static func delete(ids: [Int64], in db: Database) throws {
        for id in ids {
            try db.execute(sql: "DELETE FROM entry WHERE id = ?", arguments: [id])
            guard db.changesCount > 0 else { throw PLNError.noSuchEntry(id) }
        }
        try removeUnusedTags(in: db)
    }

    /// Tags with no entry left are removed, so completion and `pln tags` do not offer ghosts.
    static func removeUnusedTags(in db: Database) throws {
        try db.execute(sql: "DELETE FROM tag WHERE NOT EXISTS (SELECT 1 FROM entry_tag WHERE tag_id = tag.id)")
    }

    /// Sets or clears the star of each entry.
    package static func setStarred(_ starred: Bool, ids: [Int64], in db: Database) throws {
        for id in ids {
            try db.execute(sql: "UPDATE entry SET starred = ? WHERE id = ?", arguments: [starred, id])
            guard db.changesCount > 0 else { throw PLNError.noSuchEntry(id) }
        }
    }
}
