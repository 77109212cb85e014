import PLNCore

/// A source as scripts see it (`pln.source`, `pln.sources`): the same shape as the JSON output.
///
/// Read by `pln.source` with SQLite's own calls and written straight onto the Lua stack: an
/// importer that upserts a web source per bookmark gets the record back for each, and GRDB's
/// `Row`, a dictionary of its columns and a `LuaValue` tree cost more than the upsert itself.
struct SourceRow {
    /// The text columns, in the order `texts` holds them.
    static let textKeys = ["uuid", "key", "type", "title", "issued", "container", "volume", "issue", "pages",
                           "publisher", "url", "doi", "isbn", "hashtag", "platform", "schedule", "created"]

    /// One source by key: `textKeys`, then authors, stub and the number of entries citing it.
    static let byKey = """
        SELECT \(textKeys.map { "s.\($0)" }.joined(separator: ", ")), s.authors, s.stub,
          (SELECT count(DISTINCT entry_id) FROM entry_source WHERE source_id = s.id)
        FROM source s WHERE s.key = ?
        """

    var texts: [String?]
    /// The CSL names, parsed from the stored JSON array.
    var authors: JSONValue?
    var stub: Bool
    var entries: Int64?

    /// The row `byKey` selects.
    init(_ row: RawRow) {
        let count = Int32(Self.textKeys.count)
        texts = (0..<count).map { row.text($0) }
        authors = row.text(count).flatMap { try? JSONParser.parse($0) }
        stub = (row.integer(count + 1) ?? 0) != 0
        entries = row.integer(count + 2)
    }

    /// A web source just inserted with `columns` (type and text columns other than url, by
    /// name): what `byKey` would read back.
    init(uuid: String, key: String, url: String, created: String, columns: [(String, String)]) {
        texts = [String?](repeating: nil, count: Self.textKeys.count)
        authors = nil
        for (name, value) in [("uuid", uuid), ("key", key), ("type", "webpage"), ("url", url), ("created", created)] + columns {
            if let index = Self.textIndex[name] {
                texts[index] = value
            } else if name == "authors" {
                authors = try? JSONParser.parse(value)
            }
        }
        stub = false
        entries = 0
    }

    private static let textIndex = Dictionary(uniqueKeysWithValues: textKeys.enumerated().map { ($1, $0) })

    /// A row read by GRDB (`pln.sources`, whose query filters the count).
    init(_ row: [String: DatabaseText]) {
        texts = Self.textKeys.map { row[$0]?.text }
        authors = row["authors"]?.text.flatMap { try? JSONParser.parse($0) }
        stub = (row["stub"]?.integer ?? 0) != 0
        entries = row["entries"]?.integer
    }

    var value: LuaValue {
        var fields: [(LuaValue, LuaValue)] = []
        for (key, text) in zip(Self.textKeys, texts) {
            if let text { fields.append((.string(key), .string(text))) }
        }
        fields.append((.string("authors"), authors.map(ScriptValues.lua) ?? .table(LuaTable())))
        fields.append((.string("stub"), .boolean(stub)))
        if let entries { fields.append((.string("entries"), .integer(entries))) }
        return .table(LuaTable(fields: fields))
    }

    /// Writes the table `value` gives straight onto the stack.
    func write(to w: LuaTableWriter) {
        w.begin(fields: texts.count + 3)
        for (key, text) in zip(Self.textKeys, texts) {
            if let text { w.set(key: key, text) }
        }
        if let authors { w.set("authors", json: authors) } else { w.set("authors") { _ in } }
        w.set("stub", stub)
        if let entries { w.set("entries", entries) }
    }
}
