import Foundation
import GRDB
import PLNCore

extension ScriptHost {
    /// The open database of the current run.
    func currentDatabase(_ function: String) throws(ScriptError) -> Database {
        guard let db else { throw .host("\(function): the journal is only open while a script runs") }
        return db
    }

    func query(_ text: String?, _ function: String) throws(ScriptError) -> EntryQuery {
        let query: EntryQuery
        do {
            query = try EntryQuery(text ?? "", context: context)
        } catch {
            throw .host("\(function): \(error.description)")
        }
        // Words search the full-text index: bring it up to date first.
        if query.compile().whereClause.contains("entry_fts") { try flushFullText() }
        return query
    }

    /// `pln.entries(query, {limit=, order=, reverse=})`: an iterator that streams entries.
    func entries(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.entries")
        let query = try query(try args.optionalString(0, "the query"), "pln.entries")
        let options = args[1].isNil ? LuaTable() : try args.table(1, "the options")
        let limit = try options.integer("limit", in: "pln.entries")
        let order = try options.string("order", in: "pln.entries") ?? "date"
        guard order == "date" || order == "rank" else { throw args.fail("order must be \"date\" or \"rank\"") }
        let reverse = try options.bool("reverse", in: "pln.entries") ?? false
        let db = try currentDatabase("pln.entries")
        let compiled = query.compile()
        let ranked = order == "rank" && compiled.rank != nil
        let direction = reverse ? "DESC" : "ASC"
        var sql = "SELECT \(JournalStore.entryColumns) FROM \(compiled.from) WHERE \(compiled.whereClause) "
        var sqlArguments = compiled.arguments
        if let limit {
            guard limit > 0 else { throw args.fail("limit must be positive") }
            // The newest (or best) `limit`: a small set, read whole and handed out in order.
            sql += ranked ? "ORDER BY \(compiled.rank!), e.ts DESC LIMIT ?" : "ORDER BY e.ts DESC, e.id DESC LIMIT ?"
            sqlArguments += [limit]
        } else {
            sql += ranked ? "ORDER BY \(compiled.rank!) \(direction)" : "ORDER BY e.ts \(direction), e.id \(direction)"
        }
        let box: CursorBox
        if query.expression == nil, limit == nil, writable, db.totalChangesCount == runStartChanges {
            // The whole journal in a write run that has written nothing yet: read ahead on
            // another core (see `readAheadEntries` for why that sees what this connection sees).
            box = CursorBox(readAhead: try database("pln.entries") {
                try store.readAheadEntries(descending: reverse)
            }, changes: db.totalChangesCount)
        } else if query.expression == nil, limit == nil {
            // The whole journal in date order: merged scans instead of subqueries per entry.
            box = CursorBox(stream: try database("pln.entries") { try OrderedEntries(db, order: .date(descending: reverse)) })
        } else {
            box = CursorBox(try database("pln.entries") { try Row.fetchCursor(db, sql: sql, arguments: sqlArguments) })
        }
        openCursors.append(box)
        let generation = runGeneration
        var buffered: [Entry]?
        if limit != nil {
            var rows: [Entry] = []
            while let row = try database("pln.entries", { try box.cursor?.next() }) { rows.append(JournalStore.decodeEntry(row)) }
            box.cursor = nil
            // Rank order shows best first; date order oldest first.
            buffered = ranked ? (reverse ? rows.reversed() : rows) : (reverse ? rows : rows.reversed())
        }
        var index = 0
        let next = lua.fastFunction { [unowned self] (_: [LuaValue]) throws(ScriptError) -> LuaResult in
            guard generation == self.runGeneration, self.db != nil else {
                throw .host("pln.entries: the iterator was used after its script run ended")
            }
            let entry: Entry
            if let buffered {
                guard index < buffered.count else { return .values([.nil]) }
                index += 1
                entry = buffered[index - 1]
            } else if let readAhead = box.readAhead {
                let step = try database("pln.entries") { () throws -> ReadAheadStep in
                    while try readAhead.advance() {
                        if db.totalChangesCount == box.changes { return .current }
                        // The script wrote meanwhile: this entry as it is now, or the next one
                        // when it was deleted.
                        if let fresh = try JournalStore.entry(id: readAhead.withCurrent { $0.id }, in: db) {
                            return .fresh(fresh)
                        }
                    }
                    return .end
                }
                switch step {
                case .end:
                    box.close()
                    return .values([.nil])
                case .fresh(let fresh):
                    entry = fresh
                case .current:
                    // Written from where the entry lies in its batch: the table is made before
                    // this function's caller lets Lua run again, so before the next `advance`.
                    return .table(write: { writer in readAhead.withCurrent { ScriptValues.write($0, to: writer) } },
                                  fallback: { readAhead.withCurrent { ScriptValues.entry($0) } })
                }
            } else if box.stream != nil {
                guard let next = try database("pln.entries", { try box.stream?.next() }) else {
                    box.close()
                    return .values([.nil])
                }
                entry = next
            } else {
                guard let row = try database("pln.entries", { try box.cursor?.next() }) else {
                    box.close()
                    return .values([.nil])
                }
                entry = JournalStore.decodeEntry(row)
            }
            return .table(write: { ScriptValues.write(entry, to: $0) }, fallback: { ScriptValues.entry(entry) })
        }
        return [next]
    }

    /// `pln.entry(id)`: the entry, or nil.
    func entry(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.entry")
        let id = try args.integer(0, "the id")
        let db = try currentDatabase("pln.entry")
        let entry = try database("pln.entry") { try JournalStore.entry(id: id, in: db) }
        return [entry.map(ScriptValues.entry) ?? .nil]
    }

    /// `pln.count(query)`.
    func count(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.count")
        let query = try query(try args.optionalString(0, "the query"), "pln.count")
        let db = try currentDatabase("pln.count")
        let compiled = query.compile()
        let count = try database("pln.count") {
            try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(compiled.from) WHERE \(compiled.whereClause)",
                               arguments: compiled.arguments) ?? 0
        }
        return [.integer(count)]
    }

    /// `pln.tags(query?)`: `{tag=, count=}` rows, most used first.
    func tags(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.tags")
        let query = try query(try args.optionalString(0, "the query"), "pln.tags")
        let db = try currentDatabase("pln.tags")
        let compiled = query.compile()
        let filter = query.expression == nil ? "" :
            "WHERE et.entry_id IN (SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause))"
        let rows = try database("pln.tags") {
            try Row.fetchAll(db, sql: """
                SELECT t.name, count(*) AS n FROM entry_tag et JOIN tag t ON t.id = et.tag_id \(filter)
                GROUP BY et.tag_id ORDER BY n DESC, t.name COLLATE NOCASE
                """, arguments: compiled.arguments)
        }
        return [.table(LuaTable(array: rows.map { row in
            .table(.record(["tag": .string(row[0]), "count": .integer(row[1])]))
        }))]
    }

    /// `pln.people(query?)`: people (of the entries a query selects), with entry counts.
    func people(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.people")
        let query = try query(try args.optionalString(0, "the query"), "pln.people")
        let db = try currentDatabase("pln.people")
        let compiled = query.compile()
        let filter = query.expression == nil ? "" :
            "AND ep.entry_id IN (SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause))"
        let rows = try database("pln.people") {
            try Row.fetchAll(db, sql: """
                SELECT p.*, t.handle AS through,
                  (SELECT count(DISTINCT ep.entry_id) FROM entry_person ep WHERE ep.person_id = p.id \(filter)) AS entries,
                  (SELECT max(e2.created) FROM entry_person ep2 JOIN entry e2 ON e2.id = ep2.entry_id
                     WHERE ep2.person_id = p.id) AS last
                FROM person p LEFT JOIN person t ON t.id = p.through_id
                \(query.expression == nil ? "" : "WHERE entries > 0")
                ORDER BY p.handle COLLATE NOCASE
                """, arguments: compiled.arguments)
        }
        return [.table(LuaTable(array: rows.map { PersonRow(Self.textColumns($0)).value }))]
    }

    /// `pln.sources(query?)`: sources (of the entries a query selects), with entry counts.
    func sources(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.sources")
        let query = try query(try args.optionalString(0, "the query"), "pln.sources")
        let db = try currentDatabase("pln.sources")
        let compiled = query.compile()
        let filter = query.expression == nil ? "" :
            "AND es.entry_id IN (SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause))"
        let rows = try database("pln.sources") {
            try Row.fetchAll(db, sql: """
                SELECT s.*, (SELECT count(DISTINCT es.entry_id) FROM entry_source es WHERE es.source_id = s.id \(filter)) AS entries
                FROM source s \(query.expression == nil ? "" : "WHERE entries > 0") ORDER BY s.key COLLATE NOCASE
                """, arguments: compiled.arguments)
        }
        return [.table(LuaTable(array: rows.map { SourceRow(Self.textColumns($0)).value }))]
    }

    /// The person with this handle (with or without its "@"), or nil.
    func personRow(_ handle: String, db: Database) throws(ScriptError) -> PersonRow? {
        let bare = handle.hasPrefix("@") ? String(handle.dropFirst()) : handle
        return try database("pln.person") {
            try db.cachedStatement(sql: PersonRow.byHandle).firstRowRaw(.text(bare), read: PersonRow.init)
        }
    }

    /// The source with this key, or nil.
    func sourceRow(_ key: String, db: Database) throws(ScriptError) -> SourceRow? {
        try database("pln.source") {
            try db.cachedStatement(sql: SourceRow.byKey).firstRowRaw(.text(key), read: SourceRow.init)
        }
    }

    /// `pln.sql(sql, ...)`: rows as tables keyed by column name. SQLite itself refuses writes:
    /// a statement that would change the journal is rejected before it runs.
    func sql(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.sql")
        let text = try args.string(0, "the SQL")
        let db = try currentDatabase("pln.sql")
        try flushFullText()
        var values: [DatabaseValue] = []
        for value in arguments.dropFirst() {
            switch value {
            case .nil: values.append(.null)
            case .boolean(let b): values.append(b.databaseValue)
            case .integer(let i): values.append(i.databaseValue)
            case .number(let d): values.append(d.databaseValue)
            case .string(let s): values.append(s.databaseValue)
            default: throw args.fail("parameters must be nil, booleans, numbers or strings")
            }
        }
        let rows = try database("pln.sql") { () throws -> [Row] in
            let statement = try db.makeStatement(sql: text)
            guard statement.isReadonly else {
                throw ScriptError.host("pln.sql: is read-only; use pln.add, pln.update, pln.delete, pln.person, pln.source or pln.link to write")
            }
            return try Row.fetchAll(statement, arguments: StatementArguments(values))
        }
        return [.table(LuaTable(array: rows.map { row in
            var fields: [(LuaValue, LuaValue)] = []
            for (column, value) in row {
                let lua: LuaValue
                switch value.storage {
                case .null: continue
                case .int64(let i): lua = .integer(i)
                case .double(let d): lua = .number(d)
                case .string(let s): lua = .string(s)
                case .blob(let data): lua = .string(String(decoding: data, as: UTF8.self))
                }
                fields.append((.string(column), lua))
            }
            return .table(LuaTable(fields: fields))
        }))]
    }

    static func textColumns(_ row: Row) -> [String: DatabaseText] {
        var result: [String: DatabaseText] = [:]
        for (column, value) in row {
            switch value.storage {
            case .null: continue
            case .int64(let i): result[column] = DatabaseText(text: String(i), integer: i)
            case .double(let d): result[column] = DatabaseText(text: String(d), integer: Int64(exactly: d))
            case .string(let s): result[column] = DatabaseText(text: s, integer: Int64(s))
            case .blob: continue
            }
        }
        return result
    }
}

/// Where `pln.entries` reading ahead found its next entry.
private enum ReadAheadStep {
    /// The read-ahead's current entry, as read.
    case current
    /// The entry as it is now: the script changed the journal since the read-ahead began.
    case fresh(Entry)
    case end
}

/// A cursor an iterator reads from. GRDB cursors must be released on the database's own
/// queue, so the run closes every box before its transaction ends, whatever Lua still holds.
final class CursorBox {
    var cursor: RowCursor?
    var stream: OrderedEntries?
    var readAhead: ReadAhead<Entry>?
    /// The connection's change count when `readAhead` started.
    var changes = 0
    init(_ cursor: RowCursor) { self.cursor = cursor }
    init(stream: OrderedEntries) { self.stream = stream }
    init(readAhead: ReadAhead<Entry>, changes: Int) {
        self.readAhead = readAhead
        self.changes = changes
    }

    func close() {
        cursor = nil
        stream = nil
        readAhead?.cancel(waiting: true)
        readAhead = nil
    }
}
