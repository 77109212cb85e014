import Foundation
import GRDB

extension JournalStore {
    /// Links entry `id` to `target`; returns the person or source it had to create, if any.
    ///
    /// A person or source not yet in the journal is created as a minimal record, as the inline
    /// syntax does.
    package static func link(_ id: Int64, to target: LinkTarget, role: String?, locator: String?,
                             in db: Database) throws -> String? {
        guard try Int64.fetchOne(db, sql: "SELECT 1 FROM entry WHERE id = ?", arguments: [id]) != nil else {
            throw PLNError.noSuchEntry(id)
        }
        let role = try check(role, for: target)
        switch target {
        case .person(let handle):
            if locator != nil { throw PLNError.invalidArgument("--at (a locator) is for sources") }
            let (personID, created) = try personID(handle: handle, in: db)
            try db.execute(sql: "INSERT OR IGNORE INTO entry_person (entry_id, person_id, role) VALUES (?, ?, ?)",
                           arguments: [id, personID, role])
            return created ? "@" + handle : nil
        case .source(let key):
            let (sourceID, created) = try sourceID(key: key, in: db)
            try db.execute(sql: "INSERT OR IGNORE INTO entry_source (entry_id, source_id, locator) VALUES (?, ?, ?)",
                           arguments: [id, sourceID, locator ?? ""])
            return created ? "[[\(key)]]" : nil
        case .entry(let other):
            if locator != nil { throw PLNError.invalidArgument("--at (a locator) is for sources") }
            guard other != id else { throw PLNError.invalidArgument("an entry cannot follow up itself") }
            guard try Int64.fetchOne(db, sql: "SELECT 1 FROM entry WHERE id = ?", arguments: [other]) != nil else {
                throw PLNError.noSuchEntry(other)
            }
            try db.execute(sql: "INSERT OR IGNORE INTO entry_link (from_id, to_id, role) VALUES (?, ?, ?)",
                           arguments: [id, other, role])
            return nil
        }
    }

    /// Removes the links from entry `id` to `target` (only those with `role` or `locator` when
    /// given); throws when there was none.
    package static func unlink(_ id: Int64, from target: LinkTarget, role: String?, locator: String?,
                               in db: Database) throws {
        guard try Int64.fetchOne(db, sql: "SELECT 1 FROM entry WHERE id = ?", arguments: [id]) != nil else {
            throw PLNError.noSuchEntry(id)
        }
        if role != nil { _ = try check(role, for: target) }
        switch target {
        case .person(let handle):
            try db.execute(sql: """
                DELETE FROM entry_person WHERE entry_id = ? AND person_id = (SELECT id FROM person WHERE handle = ?)
                  AND (? IS NULL OR role = ?)
                """, arguments: [id, handle, role, role])
        case .source(let key):
            try db.execute(sql: """
                DELETE FROM entry_source WHERE entry_id = ? AND source_id = (SELECT id FROM source WHERE key = ?)
                  AND (? IS NULL OR locator = ?)
                """, arguments: [id, key, locator, locator])
        case .entry(let other):
            try db.execute(sql: "DELETE FROM entry_link WHERE from_id = ? AND to_id = ? AND (? IS NULL OR role = ?)",
                           arguments: [id, other, role, role])
        }
        guard db.changesCount > 0 else {
            throw PLNError.invalidArgument("entry \(id) has no such link")
        }
    }

    private static func check(_ role: String?, for target: LinkTarget) throws(PLNError) -> String {
        guard let role else { return target.roles[0] }
        guard target.roles.contains(role) else {
            var message = "a link to \(target.kindName) cannot have the role '\(role)' (roles: \(target.roles.joined(separator: ", "))"
            message += ")"
            if let near = Suggestion.nearest(to: role, in: target.roles) { message += " — did you mean '\(near)'?" }
            throw .invalidArgument(message)
        }
        return role
    }

    /// Records that a person recommended (or wrote) a source.
    package static func linkPerson(_ handle: String, to key: String, role: String?, in db: Database) throws -> [String] {
        let role = role ?? "recommended"
        guard ["recommended", "authored"].contains(role) else {
            var message = "a person's link to a source is 'recommended' or 'authored', not '\(role)'"
            if let near = Suggestion.nearest(to: role, in: ["recommended", "authored"]) { message += " — did you mean '\(near)'?" }
            throw PLNError.invalidArgument(message)
        }
        var created: [String] = []
        let (personID, newPerson) = try personID(handle: handle, in: db)
        if newPerson { created.append("@" + handle) }
        let (sourceID, newSource) = try sourceID(key: key, in: db)
        if newSource { created.append("[[\(key)]]") }
        try db.execute(sql: "INSERT OR IGNORE INTO person_source (person_id, source_id, role) VALUES (?, ?, ?)",
                       arguments: [personID, sourceID, role])
        return created
    }

    /// Removes a person's recommendation (or authorship) of a source.
    package static func unlinkPerson(_ handle: String, from key: String, role: String?, in db: Database) throws {
        try db.execute(sql: """
            DELETE FROM person_source WHERE person_id = (SELECT id FROM person WHERE handle = ?)
              AND source_id = (SELECT id FROM source WHERE key = ?) AND (? IS NULL OR role = ?)
            """, arguments: [handle, key, role, role])
        guard db.changesCount > 0 else { throw PLNError.invalidArgument("@\(handle) has no such link to [[\(key)]]") }
    }
}
