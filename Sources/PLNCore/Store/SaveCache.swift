import GRDB

/// Ids the journal already gave out, remembered across the saves of one import.
///
/// An import saves a hundred thousand entries that name the same few hundred tags, people and
/// web sources again and again; looking each up in SQLite is most of the cost of a save. And
/// an entry tagged with a chat's hashtag is linked to that chat, which means a scan of `source`
/// (the column has no index) per tag. `JournalStore.add` given a cache asks it first.
///
/// Only ids are cached, and ids stay valid while rows are only added: whoever deletes or
/// merges rows, or rolls back a savepoint, calls `reset()`.
package final class SaveCache {
    private var chats: [String: [Int64]]?
    private var tags: [String: Int64] = [:]
    private var people: [String: Int64] = [:]
    private var sources: [String: Int64] = [:]
    private var webSources: [String: (id: Int64, key: String)] = [:]
    private var keySuffixes: [String: Int] = [:]
    /// The last address normalised, and how: an importer that creates a web source and then
    /// an entry citing it gives the same address twice in a row.
    private var lastURL: (url: String, normalized: String)?
    /// The run's per-record statements (see `RecordSQL`), by case.
    private var statements = [Statement?](repeating: nil, count: RecordSQL.allCases.count)

    package init() {}

    /// Forgets everything (after a rollback, a delete, a merge).
    package func reset() {
        chats = nil
        tags.removeAll(keepingCapacity: true)
        people.removeAll(keepingCapacity: true)
        sources.removeAll(keepingCapacity: true)
        webSources.removeAll(keepingCapacity: true)
        keySuffixes.removeAll(keepingCapacity: true)
        lastURL = nil
        statements = [Statement?](repeating: nil, count: RecordSQL.allCases.count)
    }

    /// The statement for `sql`, prepared at its first use in the run.
    package func statement(_ sql: RecordSQL, in db: Database) throws -> Statement {
        if let statement = statements[sql.rawValue] { return statement }
        let statement = try db.cachedStatement(sql: sql.text)
        statements[sql.rawValue] = statement
        return statement
    }

    /// Forgets the chat hashtags only (a source may have been given one).
    package func resetChats() { chats = nil }

    /// The chat sources whose hashtag is `tag` (compared as SQLite's NOCASE does).
    func chatSources(for tag: String, in db: Database) throws -> [Int64] {
        if chats == nil {
            var found: [String: [Int64]] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT id, hashtag FROM source WHERE hashtag IS NOT NULL AND hashtag <> ''")
            while let row = try rows.next() {
                let hashtag: String = row[1]
                found[Self.folded(hashtag), default: []].append(row[0])
            }
            chats = found
        }
        guard let chats, !chats.isEmpty else { return [] }
        return chats[Self.folded(tag)] ?? []
    }

    func tagID(_ name: String) -> Int64? { tags[Self.folded(name)] }
    func setTagID(_ id: Int64, for name: String) { tags[Self.folded(name)] = id }
    func personID(_ handle: String) -> Int64? { people[Self.folded(handle)] }
    func setPersonID(_ id: Int64, for handle: String) { people[Self.folded(handle)] = id }
    func sourceID(_ key: String) -> Int64? { sources[Self.folded(key)] }
    func setSourceID(_ id: Int64, for key: String) { sources[Self.folded(key)] = id }
    func normalizedURL(_ url: String) -> String {
        if let lastURL, lastURL.url == url { return lastURL.normalized }
        let normalized = URLNormalizer.normalize(url)
        lastURL = (url, normalized)
        return normalized
    }
    func webSource(_ normalizedURL: String) -> (id: Int64, key: String)? { webSources[normalizedURL] }
    func setWebSource(_ source: (id: Int64, key: String), for normalizedURL: String) { webSources[normalizedURL] = source }
    /// The largest N of the "base-N" source keys handed out, once it has been read.
    func keySuffix(_ base: String) -> Int? { keySuffixes[base] }
    func setKeySuffix(_ suffix: Int, for base: String) { keySuffixes[base] = suffix }

    /// ASCII letters lower-cased, as NOCASE compares them.
    static func folded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 >= 65 && $0 <= 90 }) else { return text }
        return String(decoding: text.utf8.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
    }
}
