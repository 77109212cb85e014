import Foundation
import GRDB
import PLNCore

extension ScriptHost {
    /// The database, when this run may write.
    func writableDatabase(_ function: String) throws(ScriptError) -> Database {
        let db = try currentDatabase(function)
        guard writable else {
            throw .host("\(function): the journal is read-only for this script (run it with --allow-write)")
        }
        return db
    }

    /// A timestamp from a script's `date`: an ISO 8601 instant, or any date pln understands.
    func timestamp(_ text: String?, _ function: String) throws(ScriptError) -> Timestamp {
        guard let text else { return Timestamp(date: context.now, timeZone: context.timeZone) }
        if let exact = Timestamp(iso8601: text, assumingZone: context.timeZone) { return exact }
        do {
            guard let parsed = try DateParser.parse(text, in: context) else {
                throw ScriptError.host("\(function): '\(text)' is not a date pln understands")
            }
            return Timestamp(date: parsed.date, timeZone: context.timeZone)
        } catch let error as ScriptError {
            throw error
        } catch {
            throw .host("\(function): \(error)")
        }
    }

    /// People given as "@handle" strings or {handle=, role=} tables.
    func personLinks(_ value: LuaValue, _ function: String) throws(ScriptError) -> [PersonLink] {
        if value.isNil { return [] }
        let items = value.string.map { [LuaValue.string($0)] } ?? value.table?.array
        guard let items else { throw .host("\(function): 'people' must be a list") }
        var links: [PersonLink] = []
        for item in items {
            if let handle = item.string {
                links.append(PersonLink(handle: Self.bare(TextRepair.clean(handle))))
            } else if let table = item.table {
                let handle = try table.string("handle", in: function, required: true)!
                links.append(PersonLink(handle: Self.bare(TextRepair.clean(handle)), role: try table.string("role", in: function) ?? "mentioned"))
            } else {
                throw .host("\(function): 'people' must hold handles or {handle=, role=} tables")
            }
        }
        if links.contains(where: { $0.handle.isEmpty }) { throw .host("\(function): an empty handle") }
        return links
    }

    /// Sources given as "key" strings or {key=, locator=} tables.
    func sourceCitations(_ value: LuaValue, _ function: String) throws(ScriptError) -> [SourceCitation] {
        if value.isNil { return [] }
        let items = value.string.map { [LuaValue.string($0)] } ?? value.table?.array
        guard let items else { throw .host("\(function): 'sources' must be a list") }
        var citations: [SourceCitation] = []
        for item in items {
            if let key = item.string {
                citations.append(SourceCitation(key: key, locator: ""))
            } else if let table = item.table {
                let key = try table.string("key", in: function, required: true)!
                citations.append(SourceCitation(key: key, locator: try table.string("locator", in: function) ?? ""))
            } else {
                throw .host("\(function): 'sources' must hold keys or {key=, locator=} tables")
            }
        }
        return citations
    }

    /// `text` without surrounding whitespace. Imports pass many URLs that have none: for
    /// those (ASCII at both ends) no Foundation trimming runs.
    static func trimmedWord(_ text: String) -> String {
        guard let first = text.utf8.first, let last = text.utf8.last else { return text }
        if first < 0x80, last < 0x80, !isASCIIWhitespace(first), !isASCIIWhitespace(last) { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether `text` holds whitespace: a byte scan for ASCII text, Characters otherwise.
    static func containsWhitespace(_ text: String) -> Bool {
        var text = text
        let ascii = text.withUTF8 { bytes -> Bool? in
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if isASCIIWhitespace(byte) { return true }
            }
            return false
        }
        return ascii ?? text.contains(where: \.isWhitespace)
    }

    /// Tab, line feed, vertical tab, form feed, carriage return and space: the ASCII characters
    /// whose `Character.isWhitespace` is true.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    static func bare(_ handle: String) -> String { handle.hasPrefix("@") ? String(handle.dropFirst()) : handle }

    /// Links as the journal keeps them: one per handle (any case) and role.
    static func distinct(_ people: [PersonLink]) -> [PersonLink] {
        var result: [PersonLink] = []
        for person in people where !result.contains(where: {
            $0.handle.lowercased() == person.handle.lowercased() && $0.role == person.role
        }) { result.append(person) }
        return result
    }

    /// Citations as the journal keeps them: one per key (any case) and locator.
    static func distinct(_ sources: [SourceCitation]) -> [SourceCitation] {
        var result: [SourceCitation] = []
        for source in sources where !result.contains(where: {
            $0.key.lowercased() == source.key.lowercased() && $0.locator == source.locator
        }) { result.append(source) }
        return result
    }

    /// A reflection's `stages = { stage = "answer", … }`, in the order of its framework's stages
    /// when the framework is registered, else by name; empty answers are left out.
    func stageAnswers(_ value: LuaValue, framework: String?, _ f: String) throws(ScriptError) -> [StageAnswer] {
        if value.isNil { return [] }
        guard let table = value.table, table.array.isEmpty else {
            throw .host("\(f): 'stages' must be a table of stage = answer")
        }
        var answers: [StageAnswer] = []
        for (key, answer) in table.fields {
            guard let stage = key.string, let text = answer.string else {
                throw .host("\(f): 'stages' must map stage names to strings")
            }
            let body = Capture.trimmed(text)
            if !body.isEmpty { answers.append(StageAnswer(stage: stage, body: body)) }
        }
        guard !answers.isEmpty else { return [] }
        guard let framework else { throw .host("\(f): 'stages' needs a 'framework'") }
        let order = registry.prompts[framework]?.stages.map(\.name) ?? []
        return answers.sorted { a, b in
            let (i, j) = (order.firstIndex(of: a.stage) ?? Int.max, order.firstIndex(of: b.stage) ?? Int.max)
            return i != j ? i < j : a.stage < b.stage
        }
    }

    /// `pln.add{body=, date=, tags=, people=, sources=, urls=, kind=, starred=, fields=, framework=,
    /// stages=, uuid=, parse=, origin=, follows=}`.
    ///
    /// Returns the new entry, or nil and "exists" when an entry with this `origin` (or, during an
    /// import, this `uuid`) is already in the journal, or nil and "older" when the entry is dated
    /// before `pln import --since`. With a registered `framework` and `stages`, `body` may be left
    /// out: it is written as `pln reflect` writes it, one `## Title` section per answered stage.
    func add(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        switch try addEntry(arguments) {
        case .added(let entry, _):
            let value = ScriptValues.entry(entry)
            _ = fire("entry.added", value)
            return [value]
        case .notAdded(let values):
            return values
        }
    }

    /// `pln.add` as Lua calls it: the new entry's table is written straight onto the stack
    /// unless an `entry.added` hook needs it as a value (an importer calls this per record).
    func addFast(_ arguments: [LuaValue]) throws(ScriptError) -> LuaResult {
        switch try addEntry(arguments) {
        case .added(let entry, let fields):
            if registry.hooks["entry.added"]?.isEmpty == false {
                let value = ScriptValues.entry(entry)
                _ = fire("entry.added", value)
                return .values([value])
            }
            return .table(write: { ScriptValues.write(entry, fields: fields, to: $0) }, fallback: { ScriptValues.entry(entry) })
        case .notAdded(let values):
            return .values(values)
        }
    }

    /// What `pln.add` did: the entry it saved, or the values it returns without one.
    enum AddOutcome {
        /// The entry, and its custom fields as saved (not to be read back from the JSON text).
        case added(Entry, fields: JSONValue?)
        case notAdded([LuaValue])
    }

    private func addEntry(_ arguments: [LuaValue]) throws(ScriptError) -> AddOutcome {
        let args = ScriptArguments(arguments, "pln.add")
        let table = try args.table(0, "the entry")
        let f = "pln.add"
        let frameworkName = try table.string("framework", in: f)
        let stages = try stageAnswers(table["stages"], framework: frameworkName, f)
        var givenBody = try table.string("body", in: f, required: stages.isEmpty)
        if givenBody == nil, let name = frameworkName {
            guard let framework = registry.prompts[name]?.framework else {
                throw args.fail("'body' is required: no framework '\(name)' is registered to write it from the stages")
            }
            do {
                givenBody = try ReflectionDraft(framework: framework, answers: stages).body
            } catch {
                throw args.fail(error.description.replacingOccurrences(of: "; nothing saved", with: ""))
            }
        }
        // Text from scripts and imports never keeps terminal control characters.
        let body = Capture.trimmed(TextRepair.clean(givenBody ?? ""))
        guard !body.isEmpty else { throw args.fail("'body' is empty") }
        let stamp = try timestamp(try table.string("date", in: f), f)
        var draft = (try table.bool("parse", in: f) ?? true)
            ? EntryDraft(parsing: body, timestamp: stamp)
            : EntryDraft(timestamp: stamp, body: body)
        if let uuid = try table.string("uuid", in: f) { draft.uuid = uuid.lowercased() }
        draft.kind = try table.string("kind", in: f) ?? (stages.isEmpty ? "note" : "reflection")
        draft.framework = frameworkName
        draft.starred = try table.bool("starred", in: f) ?? false
        var fields: JSONValue?
        if !table["fields"].isNil {
            let json = try ScriptValues.json(table["fields"])
            guard case .object = json else { throw args.fail("'fields' must be a table with string keys") }
            draft.fields = json.serialized
            fields = json
        }
        for tag in try table.strings("tags", in: f) {
            let name = TextRepair.clean(tag.hasPrefix("#") ? String(tag.dropFirst()) : tag)
            guard !name.isEmpty else { throw args.fail("an empty tag") }
            if !draft.tags.contains(where: { $0.lowercased() == name.lowercased() }) { draft.tags.append(name) }
        }
        draft.people += try personLinks(table["people"], f)
        draft.sources += try sourceCitations(table["sources"], f)
        for url in try table.strings("urls", in: f) {
            let trimmed = Self.trimmedWord(url)
            guard !trimmed.isEmpty, !Self.containsWhitespace(trimmed) else {
                throw args.fail("'urls' must hold URLs without spaces, not '\(url)'")
            }
            if !draft.urls.contains(trimmed) { draft.urls.append(trimmed) }
        }
        let origin = try table.string("origin", in: f)
        if let origin, origin.isEmpty { throw args.fail("'origin' is empty") }
        let follows: LuaValue = table["follows"]
        switch follows {
        case .nil, .string, .integer: break
        case .number(let number) where Int64(exactly: number) != nil: break
        default: throw args.fail("'follows' must be an entry id or an origin (\"platform:id\")")
        }
        let run = importRun
        if let since = run?.options.sinceTimestamp, draft.timestamp.seconds < since.seconds {
            run?.skip("before --since")
            return .notAdded([.nil, .string("older")])
        }
        let db = try writableDatabase(f)
        try deferFullText(db)
        let saved = draft
        let givenUUID = !table["uuid"].isNil
        let added = try database(f) { () throws -> (entry: Entry, followed: (id: Int64, uuid: String)?)? in
            if let origin, try self.saveCache.statement(.originExists, in: db).hasRowRaw(.text(origin)) {
                return nil
            }
            // Only a uuid the script chose can already exist; generated ones are fresh.
            if givenUUID, let existing = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT id FROM entry WHERE uuid = ?"), arguments: [saved.uuid]) {
                if run != nil { return nil }
                throw ScriptError.host("pln.add: an entry with uuid \(saved.uuid) already exists (entry \(existing))")
            }
            let report = try JournalStore.add(saved, in: db, cache: self.saveCache)
            if let origin {
                try self.saveCache.statement(.insertOrigin, in: db)
                    .runRaw(.text(origin), .integer(report.id))
            }
            let followed = try Self.followTarget(follows, in: db)
            if let followed {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entry_link (from_id, to_id, role) VALUES (?, ?, 'follows-up')")
                    .execute(arguments: [report.id, followed.id])
            }
            if !stages.isEmpty {
                try JournalStore.saveStages(stages, followUps: [], entryID: report.id, in: db)
                return (try JournalStore.entry(id: report.id, in: db)!, followed)
            }
            // What the new entry holds is in the draft and the report (the keys of URL sources):
            // no need to read it back.
            let sources = saved.sources + report.urlKeys.map { SourceCitation(key: $0, locator: "") }
            return (Entry(id: report.id, uuid: saved.uuid, timestamp: saved.timestamp, body: saved.body, kind: saved.kind,
                          framework: saved.framework, starred: saved.starred, fields: saved.fields, tags: saved.tags,
                          people: Self.distinct(saved.people), sources: Self.distinct(sources)), followed)
        }
        guard let added else {
            run?.alreadyImported += 1
            return .notAdded([.nil, .string("exists")])
        }
        var entry = added.entry
        if let followed = added.followed, !entry.links.contains(where: { $0.id == followed.id }) {
            entry.links.append(EntryLink(id: followed.id, uuid: followed.uuid, role: "follows-up"))
        }
        return .added(entry, fields: fields)
    }

    /// The entry `follows` names: an id, or an origin ("twitter:123") recorded by an import.
    private static func followTarget(_ follows: LuaValue, in db: Database) throws -> (id: Int64, uuid: String)? {
        var id: Int64?
        switch follows {
        case .integer(let number): id = number
        case .number(let number): id = Int64(exactly: number)
        case .string(let text) where Int64(text) != nil: id = Int64(text)
        case .string(let origin):
            id = try Int64.fetchOne(
                db.cachedStatement(sql: "SELECT entry_id FROM entry_origin WHERE origin = ?"), arguments: [origin])
        default: break
        }
        guard let id, let uuid = try String.fetchOne(
            db.cachedStatement(sql: "SELECT uuid FROM entry WHERE id = ?"), arguments: [id]) else { return nil }
        return (id, uuid)
    }

    /// `pln.update(id, {body=, date=, kind=, starred=, fields=, framework=, tags=, people=, sources=})`.
    ///
    /// A new body is parsed for links as `pln edit` does; tags, people and sources given in the
    /// table are added.
    func update(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.update")
        let id = try args.integer(0, "the id")
        let table = try args.table(1, "the changes")
        let f = "pln.update"
        let db = try writableDatabase(f)
        try flushFullText()
        saveCache.reset()  // a new body may leave a tag unused, and unused tags are removed
        guard let current = try database(f, { try JournalStore.entry(id: id, in: db) }) else {
            throw args.fail("no entry with id \(id)")
        }
        let body = try table.string("body", in: f).map { Capture.trimmed(TextRepair.clean($0)) }
        if body?.isEmpty == true { throw args.fail("'body' is empty") }
        let stamp = try table.string("date", in: f).map { (text: String) throws(ScriptError) -> Timestamp in try timestamp(text, f) }
        let tags = try table.strings("tags", in: f)
        let people = try personLinks(table["people"], f)
        let sources = try sourceCitations(table["sources"], f)
        var fieldsJSON: String?
        if !table["fields"].isNil {
            let json = try ScriptValues.json(table["fields"])
            guard case .object = json else { throw args.fail("'fields' must be a table with string keys") }
            fieldsJSON = json.serialized
        }
        let kind = try table.string("kind", in: f)
        let starred = try table.bool("starred", in: f)
        let framework = try table.string("framework", in: f)
        let entry = try database(f) { () throws -> Entry in
            if let body {
                // A new text: its links are parsed again, as `pln edit` does.
                let draft = EntryDraft(parsing: body, timestamp: stamp ?? current.timestamp, kind: current.kind)
                _ = try JournalStore.update(id: id, with: draft, in: db)
            } else if let stamp {
                // Only the date: every link stays.
                try db.execute(sql: "UPDATE entry SET created = ?, ts = ? WHERE id = ?",
                               arguments: [stamp.iso8601, stamp.seconds, id])
            }
            if let kind { try db.execute(sql: "UPDATE entry SET kind = ? WHERE id = ?", arguments: [kind, id]) }
            if let starred { try JournalStore.setStarred(starred, ids: [id], in: db) }
            if let framework { try db.execute(sql: "UPDATE entry SET framework = ? WHERE id = ?", arguments: [framework, id]) }
            if let fieldsJSON { try db.execute(sql: "UPDATE entry SET fields = ? WHERE id = ?", arguments: [fieldsJSON, id]) }
            if !tags.isEmpty || !people.isEmpty || !sources.isEmpty {
                var extra = EntryDraft(timestamp: current.timestamp, body: "")
                extra.tags = tags.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
                extra.people = people
                extra.sources = sources
                try JournalStore.addLinks(extra, entryID: id, in: db)
            }
            return try JournalStore.entry(id: id, in: db)!
        }
        let value = ScriptValues.entry(entry)
        _ = fire("entry.updated", value)
        return [value]
    }

    /// `pln.delete(id)`.
    func delete(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.delete")
        let id = try args.integer(0, "the id")
        let db = try writableDatabase("pln.delete")
        try flushFullText()
        saveCache.reset()  // deleting entries removes tags left unused
        try database("pln.delete") { try JournalStore.delete(ids: [id], in: db) }
        _ = fire("entry.deleted", .table(.record(["id": .integer(id)])))
        return [.boolean(true)]
    }

    /// `pln.person("@jane")` reads; `pln.person{handle=, name=, roles=, topics=, handles=,
    /// email=, met=, through=, every_days=, notes=}` creates or updates. The record comes back
    /// written straight onto the stack (an importer calls this per record).
    func person(_ arguments: [LuaValue]) throws(ScriptError) -> LuaResult {
        let args = ScriptArguments(arguments, "pln.person")
        if let handle = args[0].string {
            return Self.result(try personRow(handle, db: try currentDatabase("pln.person")))
        }
        let table = try args.table(0, "a handle or a person table")
        let f = "pln.person"
        let handle = Self.bare(TextRepair.clean(try table.string("handle", in: f, required: true)!))
        guard !handle.isEmpty, !Self.containsWhitespace(handle) else { throw args.fail("'handle' must be one word") }
        var columns: [(String, DatabaseValueConvertible?)] = []
        for key in ["name", "email", "met", "notes"] {
            if let value = try table.string(key, in: f) { columns.append((key, TextRepair.clean(value))) }
        }
        for key in ["roles", "topics"] where !table[key].isNil {
            columns.append((key, JSONValue.array(try table.strings(key, in: f).map { .string(TextRepair.clean($0)) }).serialized))
        }
        if !table["handles"].isNil {
            let json = try ScriptValues.json(table["handles"])
            guard case .object = json else { throw args.fail("'handles' must be a table of platform = handle") }
            columns.append(("handles", json.serialized))
        }
        if let days = try table.integer("every_days", in: f) {
            guard days > 0 else { throw args.fail("'every_days' must be positive") }
            columns.append(("cadence_days", days))
        }
        let through = try table.string("through", in: f).map(Self.bare)
        let db = try writableDatabase(f)
        try database(f) {
            let (id, _) = try JournalStore.personID(handle: handle, in: db)
            if let through {
                let (throughID, _) = try JournalStore.personID(handle: through, in: db)
                columns.append(("through_id", throughID))
            }
            if !columns.isEmpty {
                let sets = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
                try db.cachedStatement(sql: "UPDATE person SET \(sets) WHERE id = ?")
                    .execute(arguments: StatementArguments(columns.map(\.1) + [id]))
            }
        }
        return Self.result(try personRow(handle, db: db))
    }

    /// A person for Lua: their table written onto the stack, or nil.
    private static func result(_ row: PersonRow?) -> LuaResult {
        guard let row else { return .values([.nil]) }
        return .table(write: row.write, fallback: { row.value })
    }

    /// `pln.source("key")` reads; `pln.source{key=, type=, title=, authors=, issued=, …}` creates or
    /// updates. Without a key, `url` finds the web source by normalised URL (or creates it, keyed
    /// as a bare URL in typed text would be) and the other fields update it. The record comes
    /// back written straight onto the stack (an importer calls this per record).
    func source(_ arguments: [LuaValue]) throws(ScriptError) -> LuaResult {
        let args = ScriptArguments(arguments, "pln.source")
        if let key = args[0].string {
            return Self.result(try sourceRow(key, db: try currentDatabase("pln.source")))
        }
        let table = try args.table(0, "a key or a source table")
        let f = "pln.source"
        let key = try table.string("key", in: f)
        let url = try table.string("url", in: f).map(Self.trimmedWord)
        if let key {
            guard !key.isEmpty, !Self.containsWhitespace(key) else { throw args.fail("'key' must be one word") }
        } else {
            guard let url, !url.isEmpty, !Self.containsWhitespace(url) else {
                throw args.fail("give 'key', or 'url' to find or create a web source by its address")
            }
        }
        var columns: [(String, String)] = []
        if let type = try table.string("type", in: f) { columns.append(("type", type)) }
        for column in SourceRecord.storedTextColumns where column != "authors" && !(key == nil && column == "url") {
            switch table[column] {
            case .nil: continue
            case .integer(let number) where column == "issued" || column == "volume" || column == "issue":
                columns.append((column, String(number)))
            default:
                if let value = try table.string(column, in: f) { columns.append((column, TextRepair.clean(value))) }
            }
        }
        if !table["authors"].isNil {
            let authors = try table.strings("authors", in: f).map(TextRepair.clean)
            columns.append(("authors", JSONValue.array(authors.map { .string($0) }).serialized))
        }
        let db = try writableDatabase(f)
        if columns.contains(where: { $0.0 == "hashtag" }) { saveCache.resetChats() }
        // The key saved, and for a web source this call created, its record (nothing cites it
        // yet, and what was inserted is known: reading it back cost a bookmark import 7%).
        let saved = try database(f) { () throws -> (key: String, row: SourceRow?) in
            func update(_ id: Int64) throws {
                guard !columns.isEmpty else { return }
                let sets = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
                var values: [DatabaseValueConvertible?] = columns.map(\.1)
                values.append(id)
                try db.cachedStatement(sql: "UPDATE source SET \(sets), stub = 0 WHERE id = ?")
                    .execute(arguments: StatementArguments(values))
            }
            guard let key else {
                // A new web source is created with the columns; a known one is updated.
                let source = try JournalStore.webSource(url: url!, in: db, cache: saveCache, creatingWith: columns)
                guard let inserted = source.inserted else {
                    try update(source.id)
                    return (source.key, nil)
                }
                return (source.key, SourceRow(uuid: inserted.uuid, key: source.key, url: url!, created: inserted.created,
                                              columns: columns))
            }
            let id = try JournalStore.sourceID(key: key, in: db).id
            try update(id)
            if let url {
                let normalized = URLNormalizer.normalize(url)
                try db.cachedStatement(sql: """
                    UPDATE source SET url_norm = ? WHERE id = ? AND NOT EXISTS (SELECT 1 FROM source WHERE url_norm = ? AND id <> ?)
                    """).execute(arguments: [normalized, id, normalized, id])
            }
            return (try String.fetchOne(db.cachedStatement(sql: "SELECT key FROM source WHERE id = ?"), arguments: [id]) ?? "", nil)
        }
        if let row = saved.row { return Self.result(row) }
        return Self.result(try sourceRow(saved.key, db: db))
    }

    /// A source for Lua: its table written onto the stack, or nil.
    private static func result(_ row: SourceRow?) -> LuaResult {
        guard let row else { return .values([.nil]) }
        return .table(write: row.write, fallback: { row.value })
    }

    /// `pln.link{entry=, person=, role=}`, `{entry=, source=, locator=}`, `{entry=, to=, role=}`,
    /// `{person=, source=, role=}`.
    func link(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.link")
        let table = try args.table(0, "the link")
        let f = "pln.link"
        let entryID = try table.integer("entry", in: f)
        let person = try table.string("person", in: f).map(Self.bare)
        let sourceKey = try table.string("source", in: f)
        let target = try table.integer("to", in: f)
        let role = try table.string("role", in: f)
        let locator = try table.string("locator", in: f) ?? ""
        let db = try writableDatabase(f)
        try database(f) {
            func checkEntry(_ id: Int64) throws {
                guard try Int64.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM entry WHERE id = ?"), arguments: [id]) != nil else {
                    throw ScriptError.host("pln.link: no entry with id \(id)")
                }
            }
            switch (entryID, person, sourceKey, target) {
            case let (entry?, person?, nil, nil):
                try checkEntry(entry)
                let (personID, _) = try JournalStore.personID(handle: person, in: db)
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entry_person (entry_id, person_id, role) VALUES (?, ?, ?)")
                    .execute(arguments: [entry, personID, role ?? "mentioned"])
            case let (entry?, nil, key?, nil):
                try checkEntry(entry)
                let (sourceID, _) = try JournalStore.sourceID(key: key, in: db)
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator) VALUES (?, ?, ?)")
                    .execute(arguments: [entry, sourceID, locator])
            case let (entry?, nil, nil, to?):
                try checkEntry(entry)
                try checkEntry(to)
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO entry_link (from_id, to_id, role) VALUES (?, ?, ?)")
                    .execute(arguments: [entry, to, role ?? "follows-up"])
            case let (nil, person?, key?, nil):
                let (personID, _) = try JournalStore.personID(handle: person, in: db)
                let (sourceID, _) = try JournalStore.sourceID(key: key, in: db)
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO person_source (person_id, source_id, role) VALUES (?, ?, ?)")
                    .execute(arguments: [personID, sourceID, role ?? "recommended"])
            default:
                throw ScriptError.host("pln.link: give entry with one of person, source or to; or person with source")
            }
        }
        return [.boolean(true)]
    }
}
