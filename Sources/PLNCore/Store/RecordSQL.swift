/// The statements a run executes for every record it saves, prepared once per run and held by
/// the run's `SaveCache`: GRDB's statement cache finds a statement by hashing and comparing its
/// whole SQL text, which for an import's 7-8 statements a record cost about 1.5% of the import.
package enum RecordSQL: Int, CaseIterable, Sendable {
    case insertEntry
    /// A JSONL import's entry, which may already be in the journal (the same UUID).
    case insertEntryUnlessKnown
    case linkTag
    case linkPerson
    case linkSource
    case originExists
    case insertOrigin
    case insertWebSource
    case insertWebSourceOrFail

    var text: String {
        switch self {
        case .insertEntry:
            """
            INSERT INTO entry (uuid, created, ts, body, kind, framework, starred, fields)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """
        case .insertEntryUnlessKnown:
            """
            INSERT INTO entry (uuid, created, ts, body, kind, framework, starred, fields) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (uuid) DO NOTHING
            """
        case .linkTag: "INSERT OR IGNORE INTO entry_tag (entry_id, tag_id) VALUES (?, ?)"
        case .linkPerson: "INSERT OR IGNORE INTO entry_person (entry_id, person_id, role) VALUES (?, ?, ?)"
        case .linkSource: "INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator) VALUES (?, ?, ?)"
        case .originExists: "SELECT 1 FROM entry_origin WHERE origin = ?"
        case .insertOrigin: "INSERT INTO entry_origin (origin, entry_id) VALUES (?, ?)"
        case .insertWebSource: JournalStore.insertWebSource.ignoring
        case .insertWebSourceOrFail: JournalStore.insertWebSource.plain
        }
    }

    /// This insert for `rows` rows in one statement (the row's placeholders repeated after
    /// VALUES), for the link inserts `LinkBatch` gathers.
    func text(rows: Int) -> String {
        let single = text
        guard rows > 1, let values = single.range(of: "VALUES ") else { return single }
        return single + String(repeating: ", " + single[values.upperBound...], count: rows - 1)
    }
}
