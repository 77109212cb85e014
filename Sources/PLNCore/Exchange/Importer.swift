import Foundation
import GRDB

/// `pln import`: reads pln's own JSONL or JSON back into the journal.
///
/// The whole file is one transaction: a malformed line stops the import with `file:line` and
/// nothing of the file is saved. Entries are matched by UUID, people by handle and sources by
/// key, so importing the same file twice adds nothing.
package final class Importer {
    package enum Format: String, CaseIterable, Sendable { case jsonl, json }

    private let store: JournalStore
    let context: DateContext
    private var summary = ImportSummary()
    /// Tag, person and source ids by name, handle and key, folded as the journal compares them
    /// (NOCASE: ASCII letters only), and the statements run for every record, prepared once.
    private let cache = SaveCache()
    /// The entries' tag, person and source links, written many to a statement.
    private let linkBatch = LinkBatch()
    private var pendingLinks: [(from: Int64, to: String, role: String)] = []
    private var pendingThrough: [(person: Int64, through: String)] = []
    /// Follow-ups closed by an outcome entry, resolved by UUID once every entry is in.
    private var pendingOutcomes: [(entry: Int64, stage: String, outcome: String)] = []
    private(set) var name = ""
    /// Whether each entry's UUID is checked as it is written (`insertEntryUnlessKnown`); when
    /// not, `repeatedUUID` says whether building the UUID index afterwards found one twice.
    private var uuidsChecked = true
    private var repeatedUUID = false
    /// Indexes the entries on a second core while they are written, into an empty journal.
    private var fullText: FullTextBuilder?
    /// Files smaller than this are indexed after their entries, on the import's own thread:
    /// 10k entries (5 MB) imported no faster with the builder, and took more CPU time.
    let parallelIndexMinimum: Int

    package init(store: JournalStore, context: DateContext, parallelIndexMinimum: Int = 16 << 20) {
        self.store = store
        self.context = context
        self.parallelIndexMinimum = parallelIndexMinimum
    }

    /// Imports `path` ("-" for stdin); the format is detected from the content unless given.
    ///
    /// A file going into a journal without entries is imported without checking each entry's
    /// UUID against those before it: the UUID index is built once at the end (see
    /// `dropSecondaryIndexes`), about 1.5 s of a million entries' 13 s. When that finds a UUID
    /// twice in the file, the import is rolled back and runs again checking each entry, which
    /// skips the later ones as any import does; stdin cannot be read twice, so it is always
    /// checked.
    package func importFile(_ path: String, format: Format? = nil) throws(PLNError) -> ImportSummary {
        repeatedUUID = false
        do {
            return try importOnce(path, format: format, deferringUUIDIndex: path != "-")
        } catch _ where repeatedUUID {
            return try importOnce(path, format: format, deferringUUIDIndex: false)
        }
    }

    private func importOnce(_ path: String, format: Format?, deferringUUIDIndex: Bool) throws(PLNError) -> ImportSummary {
        let reader = try LineReader(path: path)
        name = reader.name
        summary = ImportSummary()
        let deferring = deferringUUIDIndex && reader.fileSize != nil
        // Every reference the import writes is an id it has just read or inserted.
        try store.bulkWrite(checkingForeignKeys: false, detaching: FullTextBuilder.schemaName) { db in
            try self.run(reader, format: format, deferringUUIDIndex: deferring, db: db)
        }
        return summary
    }

    /// A builder for a large file (or a pipe) going into a journal without entries. Without
    /// one (say the journal's folder takes no new file) the import indexes after its entries.
    private func fullTextBuilder(for reader: LineReader, db: Database) throws -> FullTextBuilder? {
        if let size = reader.fileSize, size < parallelIndexMinimum { return nil }
        guard let tableSQL = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'entry_fts'") else {
            return nil
        }
        return try? FullTextBuilder(journalPath: store.path, tableSQL: tableSQL)
    }

    private func run(_ reader: LineReader, format: Format?, deferringUUIDIndex: Bool, db: Database) throws {
        // A bulk write: a larger page cache keeps the indexes in memory instead of spilling
        // pages to disk mid-transaction. Reset when the import ends.
        try db.execute(sql: "PRAGMA cache_size = -65536")
        defer {
            try? db.execute(sql: "PRAGMA cache_size = -2000")
            cache.reset()
            linkBatch.reset()
            fullText?.discard()
            fullText = nil
            uuidsChecked = true
            pendingLinks.removeAll()
            pendingThrough.removeAll()
            pendingOutcomes.removeAll()
        }
        let firstNewID = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM entry") ?? 0) + 1
        if firstNewID == 1 { fullText = try fullTextBuilder(for: reader, db: db) }
        try db.execute(sql: "DROP TRIGGER entry_fts_insert")
        // Into an empty journal, the entries' secondary indexes are built once at the end
        // (see `dropSecondaryIndexes`). All of it is inside the import's transaction, so a
        // failure restores them.
        let deferredIndexes = firstNewID == 1
            ? try JournalStore.dropSecondaryIndexes(in: db, includingUUIDs: deferringUUIDIndex) : []
        uuidsChecked = !deferredIndexes.contains { $0.name == Schema.uuidIndexName }
        try records(reader, format: format, db: db)
        try linkBatch.flush(in: db)
        summary.links += linkBatch.inserted
        do {
            try JournalStore.restoreIndexes(deferredIndexes, in: db)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT && !uuidsChecked {
            repeatedUUID = true
            throw error
        }
        try finish(db: db)
        if let fullText, (try? db.inSavepoint {
            try fullText.finish()
            try fullText.copy(into: db)
            return .commit
        }) != nil {
            try db.execute(sql: Schema.ftsInsertTrigger)
        } else {
            // No builder, or it failed: what it copied is rolled back, and the entries are
            // indexed here, which reports a problem (a full disk) if there is one.
            try JournalStore.indexFullText(from: firstNewID, in: db)
        }
        // Ctrl-C at the very end (even while waiting on a pipe) still rolls back.
        try Interrupt.check()
    }

    private func records(_ reader: LineReader, format: Format?, db: Database) throws {
        var first: ArraySlice<UInt8>?
        var firstEndsLine = true
        // Skip leading blank lines to find the shape. A long first line comes in pieces: a
        // minified JSON document is all on its first line.
        while let (bytes, endsLine) = try reader.nextPiece(limit: JSONDocumentReader.pieceLimit) {
            if bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                first = bytes
                firstEndsLine = endsLine
                break
            }
        }
        guard var first else { return }
        if first.starts(with: [0xEF, 0xBB, 0xBF]) { first = first.dropFirst(3) }
        let firstLine = reader.lineNumber
        var resolved = format
        let lead = first.first(where: { $0 != 0x20 && $0 != 0x09 })
        // pln's JSON export, minified: read as a document, a piece at a time. Any other long
        // first line is read whole, as a JSONL record is, to decide what it is.
        if resolved == nil, !firstEndsLine, Self.startsExport(first) { resolved = .json }
        if !firstEndsLine, resolved != .json, !(resolved == nil && lead == UInt8(ascii: "[")) {
            var whole = Array(first)
            while let (more, endsLine) = try reader.nextPiece(limit: JSONDocumentReader.pieceLimit) {
                whole += more
                if endsLine { break }
            }
            first = whole[...]
            firstEndsLine = true
        }
        if resolved == nil {
            if lead == UInt8(ascii: "[") {
                resolved = .json
            } else if let value = try? JSONParser.parse(bytes: Array(first)), value["entries"] == nil {
                resolved = .jsonl
            } else {
                resolved = .json
            }
        }
        if resolved == .jsonl {
            var tape = JSONTape()
            if let line = try Self.decode(first, number: firstLine, file: name, context: context, tape: &tape) {
                try write(line, db: db)
            }
            try importLines(after: reader, db: db)
        } else {
            try importDocument(reader, first: first, firstEndsLine: firstEndsLine, firstLine: firstLine, db: db)
        }
    }

    /// Whether `bytes` start an object whose first member is "format", as pln's JSON export
    /// does (`{"format":"pln",…`).
    static func startsExport(_ bytes: ArraySlice<UInt8>) -> Bool {
        var rest = bytes.drop(while: { $0 == 0x20 || $0 == 0x09 })
        guard rest.first == UInt8(ascii: "{") else { return false }
        rest = rest.dropFirst().drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D })
        return rest.starts(with: Array(#""format""#.utf8))
    }

    func importRecord(_ value: JSONValue, db: Database) throws {
        guard case .object = value else { throw RecordProblem(message: "expected a JSON object") }
        switch value["record"] {
        case nil, .string("entry")?: try importEntry(value, db: db)
        case .string("person")?: try importPerson(value, db: db)
        case .string("source")?: try importSource(value, db: db)
        case .string(let other)?: throw RecordProblem(message: "unknown record type '\(other)'")
        default: throw RecordProblem(message: "\"record\" must be a string")
        }
    }

    // MARK: Records

    private func importEntry(_ value: JSONValue, db: Database) throws {
        try save(ImportedEntry(value, context: context), db: db)
    }

    /// Writes a decoded entry with its links, unless the journal has its UUID already.
    func save(_ entry: ImportedEntry, db: Database) throws {
        let inserted = try JournalStore.statement(uuidsChecked ? .insertEntryUnlessKnown : .insertEntry, in: db, cache: cache).insertRaw(
            .text(entry.uuid), .text(entry.date), .integer(entry.timestamp.seconds), .text(entry.body),
            .text(entry.kind), .text(entry.framework), .integer(entry.starred ? 1 : 0), .text(entry.fields))
        // Already in the journal (the same UUID): an import adds nothing twice.
        guard let entryID = inserted else {
            summary.duplicates += 1
            return
        }
        summary.entries += 1
        try fullText?.add(id: entryID, body: entry.body)
        for tag in entry.tags {
            let tagID: Int64
            if let known = cache.tagID(tag) { tagID = known } else {
                tagID = try JournalStore.tagID(named: tag, in: db)
                cache.setTagID(tagID, for: tag)
            }
            try linkBatch.addTag(tagID, entry: entryID, in: db)
        }
        for person in entry.people {
            try linkBatch.addPerson(try personID(person.handle, db: db), role: person.role, entry: entryID, in: db)
        }
        for citation in entry.sources {
            try linkBatch.addSource(try sourceID(citation.key, db: db), locator: citation.locator, entry: entryID, in: db)
        }
        for url in entry.urls {
            let (sourceID, created) = try JournalStore.webSourceID(url: url, in: db)
            if created != nil { summary.sources += 1 }
            try linkBatch.addSource(sourceID, locator: "", entry: entryID, in: db)
        }
        for link in entry.links { pendingLinks.append((entryID, link.uuid, link.role)) }
        try JournalStore.saveStages(entry.stages, followUps: entry.followUps.map(\.followUp), entryID: entryID, in: db)
        for item in entry.followUps {
            if let outcome = item.outcome { pendingOutcomes.append((entryID, item.followUp.stage, outcome)) }
        }
    }

    private func personID(_ handle: String, db: Database) throws -> Int64 {
        if let known = cache.personID(handle) { return known }
        let (id, created) = try JournalStore.personID(handle: handle, in: db)
        if created { summary.people += 1 }
        cache.setPersonID(id, for: handle)
        return id
    }

    private func sourceID(_ key: String, db: Database) throws -> Int64 {
        if let known = cache.sourceID(key) { return known }
        let (id, created) = try JournalStore.sourceID(key: key, in: db)
        if created { summary.sources += 1 }
        cache.setSourceID(id, for: key)
        return id
    }

    func importPerson(_ value: JSONValue, db: Database) throws {
        guard case .object = value else { throw RecordProblem(message: "expected a person object") }
        let handle = Self.stripPrefix(try Self.string(value, "handle", required: true)!, "@")
        guard !handle.isEmpty else { throw RecordProblem(message: "\"handle\" is empty") }
        let cadence: Int64?
        switch value["every_days"] {
        case nil, .null?: cadence = nil
        case let number?:
            guard let days = number.intValue, days > 0 else { throw RecordProblem(message: "\"every_days\" must be a positive whole number") }
            cadence = days
        }
        // In the order of `personColumns`.
        let columns: [RawValue] = [
            .text(try Self.string(value, "name")),
            .text(try Self.jsonText(value, "roles", array: true)),
            .text(try Self.jsonText(value, "topics", array: true)),
            .text(try Self.jsonText(value, "handles", array: false)),
            .text(try Self.string(value, "email")),
            .text(try Self.string(value, "met")),
            cadence.map { .integer($0) } ?? .null,
            .text(try Self.string(value, "notes")),
        ]
        let uuid = try Self.string(value, "uuid")?.lowercased()
        let created = try Self.string(value, "created") ?? Timestamp(date: context.now, timeZone: context.timeZone).iso8601
        let id: Int64
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM person WHERE handle = ?"), arguments: [handle]) {
            // Known person: fill in what the journal lacks, never overwrite.
            try db.cachedStatement(sql: Self.personSQL.fill).runRaw(columns + [.integer(existing)])
            id = existing
        } else {
            let freeUUID = try uuid.flatMap { candidate in
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM person WHERE uuid = ?"), arguments: [candidate]) == nil ? candidate : nil
            } ?? UUIDGenerator.next()
            try db.cachedStatement(sql: Self.personSQL.insert).runRaw([.text(freeUUID), .text(handle), .text(created)] + columns)
            id = db.lastInsertedRowID
            summary.people += 1
        }
        cache.setPersonID(id, for: handle)
        if let through = try Self.string(value, "through") {
            pendingThrough.append((id, Self.stripPrefix(through, "@")))
        }
    }

    func importSource(_ value: JSONValue, db: Database) throws {
        guard case .object = value else { throw RecordProblem(message: "expected a source object") }
        let key = try Self.string(value, "key", required: true)!
        // In the order of `sourceColumns`.
        var columns: [RawValue] = [.text(try Self.string(value, "type"))]
        for column in SourceRecord.storedTextColumns {
            columns.append(.text(column == "authors" ? try Self.jsonText(value, "authors", array: true) : try Self.string(value, column)))
        }
        let stub: Bool
        switch value["stub"] {
        case nil, .null?: stub = false
        case .bool(let b)?: stub = b
        default: throw RecordProblem(message: "\"stub\" must be true or false")
        }
        let url = try Self.string(value, "url")
        let normalized = url.map(URLNormalizer.normalize)
        let uuid = try Self.string(value, "uuid")?.lowercased()
        let created = try Self.string(value, "created") ?? Timestamp(date: context.now, timeZone: context.timeZone).iso8601
        let id: Int64
        if let existing = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM source WHERE key = ?"), arguments: [key]) {
            try db.cachedStatement(sql: Self.sourceSQL.fill).runRaw(columns + [.integer(stub ? 1 : 0), .integer(existing)])
            id = existing
        } else {
            let freeUUID = try uuid.flatMap { candidate in
                try Int64.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM source WHERE uuid = ?"), arguments: [candidate]) == nil ? candidate : nil
            } ?? UUIDGenerator.next()
            var all = columns
            if case .null = all[0] { all[0] = .text("document") }
            try db.cachedStatement(sql: Self.sourceSQL.insert)
                .runRaw([.text(freeUUID), .text(key), .integer(stub ? 1 : 0), .text(created)] + all)
            id = db.lastInsertedRowID
            summary.sources += 1
        }
        if let normalized {
            // Claim the normalised URL unless another source already has it.
            try db.cachedStatement(sql: """
                UPDATE source SET url_norm = ? WHERE id = ? AND url_norm IS NULL
                  AND NOT EXISTS (SELECT 1 FROM source WHERE url_norm = ?)
                """).execute(arguments: [normalized, id, normalized])
        }
        cache.setSourceID(id, for: key)
    }

    /// What an imported person record sets besides uuid, handle and created.
    private static let personColumns = ["name", "roles", "topics", "handles", "email", "met", "cadence_days", "notes"]
    /// What an imported source record sets besides uuid, key, stub and created.
    private static let sourceColumns = ["type"] + SourceRecord.storedTextColumns

    /// The statements for a new person, and for filling in what a known one lacks (never
    /// overwriting): built once, as joining their column lists per record cost a source
    /// record a fifth of its import.
    private static let personSQL = (
        insert: insertSQL("person", ["uuid", "handle", "created"] + personColumns),
        fill: "UPDATE person SET " + personColumns.map { "\($0) = coalesce(\($0), ?)" }.joined(separator: ", ") + " WHERE id = ?"
    )
    /// The same for sources; a stub's type is replaced, and a source stays a stub only while
    /// every record of it says so.
    private static let sourceSQL = (
        insert: insertSQL("source", ["uuid", "key", "stub", "created"] + sourceColumns),
        fill: "UPDATE source SET " + sourceColumns.map {
            $0 == "type" ? "type = CASE WHEN stub THEN coalesce(?, type) ELSE type END" : "\($0) = coalesce(\($0), ?)"
        }.joined(separator: ", ") + ", stub = stub AND ? WHERE id = ?"
    )

    private static func insertSQL(_ table: String, _ columns: [String]) -> String {
        "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ", ")))"
    }

    private func finish(db: Database) throws {
        for link in pendingLinks {
            guard let target = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entry WHERE uuid = ?"), arguments: [link.to]) else {
                continue
            }
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO entry_link (from_id, to_id, role) VALUES (?, ?, ?)").execute(arguments: [link.from, target, link.role])
            if db.changesCount > 0 { summary.links += 1 }
        }
        for item in pendingThrough {
            let through = try personID(item.through, db: db)
            try db.cachedStatement(sql: "UPDATE person SET through_id = coalesce(through_id, ?) WHERE id = ?").execute(arguments: [through, item.person])
        }
        for item in pendingOutcomes {
            guard let outcome = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM entry WHERE uuid = ?"), arguments: [item.outcome]) else {
                continue
            }
            try db.cachedStatement(sql: "UPDATE followup SET outcome_id = ? WHERE entry_id = ? AND stage = ?")
                .execute(arguments: [outcome, item.entry, item.stage])
        }
    }
}
