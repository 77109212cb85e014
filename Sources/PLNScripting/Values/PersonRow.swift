import PLNCore

/// A person as scripts see it (`pln.person`, `pln.people`): the same shape as the JSON output.
///
/// Read by `pln.person` with SQLite's own calls and written straight onto the Lua stack, as
/// `SourceRow` is: an importer looks up or upserts the people of every record.
struct PersonRow {
    /// The text columns kept as they are, in the order `texts` holds them.
    static let textKeys = ["uuid", "name", "email", "met", "notes", "created"]
    /// The JSON columns, in the order `lists` holds them.
    static let jsonKeys = ["roles", "topics", "handles"]

    /// One person by handle: `textKeys`, handle, through, cadence, `jsonKeys`, then the
    /// number of entries naming them and the date of the last.
    static let byHandle = """
        SELECT \(textKeys.map { "p.\($0)" }.joined(separator: ", ")), p.handle, t.handle, p.cadence_days,
          \(jsonKeys.map { "p.\($0)" }.joined(separator: ", ")),
          (SELECT count(DISTINCT entry_id) FROM entry_person WHERE person_id = p.id),
          (SELECT max(e.created) FROM entry_person ep JOIN entry e ON e.id = ep.entry_id WHERE ep.person_id = p.id)
        FROM person p LEFT JOIN person t ON t.id = p.through_id WHERE p.handle = ?
        """

    var texts: [String?]
    /// Without the leading "@".
    var handle: String?
    var through: String?
    var everyDays: Int64?
    /// Parsed from the stored JSON.
    var lists: [JSONValue?]
    var entries: Int64?
    var last: String?

    /// The row `byHandle` selects.
    init(_ row: RawRow) {
        var column: Int32 = 0
        func next() -> Int32 {
            defer { column += 1 }
            return column
        }
        texts = Self.textKeys.map { _ in row.text(next()) }
        handle = row.text(next())
        through = row.text(next())
        everyDays = row.integer(next())
        lists = Self.jsonKeys.map { _ in row.text(next()).flatMap { try? JSONParser.parse($0) } }
        entries = row.integer(next())
        last = row.text(next())
    }

    /// A row read by GRDB (`pln.people`, whose query filters the count).
    init(_ row: [String: DatabaseText]) {
        texts = Self.textKeys.map { row[$0]?.text }
        handle = row["handle"]?.text
        through = row["through"]?.text
        everyDays = row["cadence_days"]?.integer
        lists = Self.jsonKeys.map { key in row[key]?.text.flatMap { try? JSONParser.parse($0) } }
        entries = row["entries"]?.integer
        last = row["last"]?.text
    }

    var value: LuaValue {
        var fields: [(LuaValue, LuaValue)] = []
        for (key, text) in zip(Self.textKeys, texts) {
            if let text { fields.append((.string(key), .string(text))) }
        }
        if let handle { fields.append((.string("handle"), .string("@" + handle))) }
        if let through { fields.append((.string("through"), .string("@" + through))) }
        if let everyDays { fields.append((.string("every_days"), .integer(everyDays))) }
        for (key, list) in zip(Self.jsonKeys, lists) {
            fields.append((.string(key), list.map(ScriptValues.lua) ?? .table(LuaTable())))
        }
        if let entries { fields.append((.string("entries"), .integer(entries))) }
        if let last { fields.append((.string("last"), .string(last))) }
        return .table(LuaTable(fields: fields))
    }

    /// Writes the table `value` gives straight onto the stack.
    func write(to w: LuaTableWriter) {
        w.begin(fields: texts.count + 8)
        for (key, text) in zip(Self.textKeys, texts) {
            if let text { w.set(key: key, text) }
        }
        if let handle { w.set("handle", "@" + handle) }
        if let through { w.set("through", "@" + through) }
        if let everyDays { w.set("every_days", everyDays) }
        for (key, list) in zip(Self.jsonKeys, lists) {
            if let list { w.set(key: key, json: list) } else { w.set(key: key) { _ in } }
        }
        if let entries { w.set("entries", entries) }
        if let last { w.set("last", last) }
    }
}
