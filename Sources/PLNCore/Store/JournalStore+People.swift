import Foundation
import GRDB

extension JournalStore {
    private static func jsonList(_ values: [String]) -> String {
        JSONValue.array(values.map { .string($0) }).serialized
    }

    /// Creates the person `handle`; an existing handle is an error.
    package static func addPerson(_ handle: String, _ changes: PersonChanges, in db: Database) throws {
        if try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE handle = ?", arguments: [handle]) != nil {
            throw PLNError.invalidArgument("@\(handle) is already in the journal (pln person edit @\(handle) changes it)")
        }
        _ = try personID(handle: handle, in: db)
        try editPerson(handle, changes, in: db)
    }

    /// Applies `changes` to the person `handle`.
    package static func editPerson(_ handle: String, _ changes: PersonChanges, in db: Database) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE handle = ?", arguments: [handle]) else {
            throw PLNError.invalidArgument("no person @\(handle) (pln person add @\(handle) creates one)")
        }
        var columns: [(String, DatabaseValueConvertible?)] = []
        if let name = changes.name { columns.append(("name", name.isEmpty ? nil : name)) }
        if let roles = changes.roles { columns.append(("roles", roles.isEmpty ? nil : jsonList(roles))) }
        if let topics = changes.topics { columns.append(("topics", topics.isEmpty ? nil : jsonList(topics))) }
        if let met = changes.met { columns.append(("met", met.isEmpty ? nil : met)) }
        if let email = changes.email { columns.append(("email", email.isEmpty ? nil : email)) }
        if let notes = changes.notes { columns.append(("notes", notes.isEmpty ? nil : notes)) }
        if let days = changes.cadenceDays { columns.append(("cadence_days", days)) }
        if let handles = changes.handles {
            columns.append(("handles", handles.isEmpty ? nil
                : JSONValue.object(handles.map { ($0.platform, .string($0.handle)) }).serialized))
        }
        if let through = changes.through {
            guard through.lowercased() != handle.lowercased() else {
                throw PLNError.invalidArgument("@\(handle) cannot be introduced by themselves")
            }
            let (throughID, _) = try personID(handle: through, in: db)
            columns.append(("through_id", throughID))
        }
        guard !columns.isEmpty else { return }
        let sets = columns.map { "\($0.0) = ?" }.joined(separator: ", ")
        try db.execute(sql: "UPDATE person SET \(sets) WHERE id = ?", arguments: StatementArguments(columns.map(\.1) + [id]))
    }

    static let personSummarySQL = """
        SELECT p.handle, p.name, p.roles, p.topics, p.met, t.handle AS through, p.cadence_days, p.handles, p.email,
               p.notes, p.created,
               (SELECT count(DISTINCT ep.entry_id) FROM entry_person ep WHERE ep.person_id = p.id) AS entries,
               (SELECT e.created FROM entry_person ep JOIN entry e ON e.id = ep.entry_id WHERE ep.person_id = p.id
                 ORDER BY e.ts DESC LIMIT 1) AS last
        FROM person p LEFT JOIN person t ON t.id = p.through_id
        """

    static func personSummary(_ row: Row) -> PersonSummary {
        func list(_ text: String?) -> [String] {
            guard let text, let value = try? JSONParser.parse(text), case .array(let items) = value else { return [] }
            return items.compactMap(\.stringValue)
        }
        var handles: [(String, String)] = []
        if let text = row["handles"] as String?, let value = try? JSONParser.parse(text), case .object(let members) = value {
            handles = members.compactMap { name, value in value.stringValue.map { (name, $0) } }
        }
        let last = (row["last"] as String?).flatMap { Timestamp(iso8601: $0, assumingZone: TimeZone(identifier: "UTC")!) }
        return PersonSummary(
            handle: row["handle"], name: row["name"], roles: list(row["roles"]), topics: list(row["topics"]),
            met: row["met"], through: row["through"], cadenceDays: row["cadence_days"], handles: handles,
            email: row["email"], notes: row["notes"], entries: row["entries"], last: last, created: row["created"])
    }

    /// The person `handle`, with entry count and last contact.
    package static func person(_ handle: String, in db: Database) throws -> PersonSummary? {
        try Row.fetchOne(db, sql: personSummarySQL + " WHERE p.handle = ?", arguments: [handle]).map(personSummary)
    }

    /// People, optionally only those linked to entries matching `query`, sorted by `sort`
    /// (name, last, entries).
    package static func people(matching query: EntryQuery?, sort: String, in db: Database) throws -> [PersonSummary] {
        var sql = personSummarySQL
        var arguments = StatementArguments()
        if let query, query.expression != nil {
            let compiled = query.compile()
            sql += " WHERE p.id IN (SELECT ep.person_id FROM entry_person ep WHERE ep.entry_id IN "
                + "(SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause)))"
            arguments = compiled.arguments
        }
        switch sort {
        case "last": sql += " ORDER BY last IS NULL, (SELECT max(e.ts) FROM entry_person ep JOIN entry e ON e.id = ep.entry_id WHERE ep.person_id = p.id) DESC, p.handle COLLATE NOCASE"
        case "entries": sql += " ORDER BY entries DESC, p.handle COLLATE NOCASE"
        default: sql += " ORDER BY p.handle COLLATE NOCASE"
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map(personSummary)
    }

    /// Entries linked to a person, newest first.
    package static func entries(ofPerson handle: String, role: String? = nil, limit: Int, in db: Database) throws -> [Entry] {
        let ids = try Int64.fetchAll(db, sql: """
            SELECT DISTINCT e.id FROM entry_person ep JOIN person p ON p.id = ep.person_id JOIN entry e ON e.id = ep.entry_id
            WHERE p.handle = ? AND (? IS NULL OR ep.role = ?) ORDER BY e.ts DESC, e.id DESC LIMIT ?
            """, arguments: [handle, role, role, limit])
        return try ids.compactMap { try entry(id: $0, in: db) }
    }

    /// Moves everything of `from` onto `into` and removes `from`: links, introductions,
    /// recommendations, and the fields `into` lacks. Nothing is lost.
    package static func mergePerson(_ from: String, into: String, in db: Database) throws -> Int {
        guard let source = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE handle = ?", arguments: [from]) else {
            throw PLNError.invalidArgument("no person @\(from)")
        }
        guard let target = try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE handle = ?", arguments: [into]) else {
            throw PLNError.invalidArgument("no person @\(into)")
        }
        guard source != target else { throw PLNError.invalidArgument("@\(from) and @\(into) are the same person") }
        let moved = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_person WHERE person_id = ?", arguments: [source]) ?? 0
        try db.execute(sql: "INSERT OR IGNORE INTO entry_person (entry_id, person_id, role) SELECT entry_id, ?, role FROM entry_person WHERE person_id = ?",
                       arguments: [target, source])
        try db.execute(sql: "INSERT OR IGNORE INTO person_source (person_id, source_id, role) SELECT ?, source_id, role FROM person_source WHERE person_id = ?",
                       arguments: [target, source])
        try db.execute(sql: "UPDATE person SET through_id = ? WHERE through_id = ? AND id <> ?", arguments: [target, source, target])
        for column in ["name", "roles", "topics", "handles", "email", "met", "through_id", "cadence_days", "notes"] {
            try db.execute(sql: "UPDATE person SET \(column) = coalesce(\(column), (SELECT \(column) FROM person WHERE id = ?)) WHERE id = ?",
                           arguments: [source, target])
        }
        try db.execute(sql: "UPDATE person SET through_id = NULL WHERE id = ? AND through_id = ?", arguments: [target, target])
        try db.execute(sql: "DELETE FROM person WHERE id = ?", arguments: [source])
        return moved
    }
}
