import Foundation
import GRDB

/// A follow-up with what `pln followups` shows of its reflection.
package struct FollowUpItem: Sendable, Equatable {
    /// The reflection's entry id: the id users answer a follow-up by.
    package var entryID: Int64
    package var framework: String?
    package var stage: String
    package var due: String
    package var outcomeID: Int64?
    /// When the reflection was written.
    package var created: Timestamp
    /// The answer to the action stage: the plan being followed up.
    package var plan: String
}

extension JournalStore {
    /// Streams follow-ups in due order: the open ones due on or before `dueBy` (a local day), or
    /// every open one when `dueBy` is nil; with `includeClosed`, answered ones too.
    /// - Complexity: open follow-ups come from the partial index on `due`; memory is one row.
    package func forEachFollowUp(dueBy: String?, includeClosed: Bool = false,
                                 _ body: (FollowUpItem) throws -> Void) throws(PLNError) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if !includeClosed { conditions.append("f.outcome_id IS NULL") }
        if let dueBy {
            conditions.append("f.due <= ?")
            arguments.append(dueBy)
        }
        let sql = """
            SELECT f.entry_id, e.framework, f.stage, f.due, f.outcome_id, e.created, coalesce(s.body, '')
            FROM followup f JOIN entry e ON e.id = f.entry_id
            LEFT JOIN entry_stage s ON s.entry_id = f.entry_id AND s.stage = f.stage
            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
            ORDER BY f.due, f.entry_id, f.stage
            """
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: StatementArguments(arguments))
            while let row = try cursor.next() {
                try Interrupt.check()
                let created: String = row[5]
                try body(FollowUpItem(
                    entryID: row[0], framework: row[1], stage: row[2], due: row[3], outcomeID: row[4],
                    created: Timestamp(iso8601: created, assumingZone: TimeZone(identifier: "UTC")!)
                        ?? Timestamp(seconds: 0, utcOffset: 0),
                    plan: row[6]))
            }
        }
    }

    /// The open follow-up of entry `entryID` (on `stage` when given).
    /// - Throws: `invalidArgument` when there is none, or several and no stage says which.
    package static func openFollowUp(entryID: Int64, stage: String?, in db: Database) throws -> FollowUp {
        guard try Int64.fetchOne(db, sql: "SELECT 1 FROM entry WHERE id = ?", arguments: [entryID]) != nil else {
            throw PLNError.noSuchEntry(entryID)
        }
        let rows = try Row.fetchAll(db, sql: "SELECT stage, due FROM followup WHERE entry_id = ? AND outcome_id IS NULL ORDER BY stage",
                                    arguments: [entryID])
        let open = rows.map { FollowUp(stage: $0[0], due: $0[1]) }
        if let stage {
            guard let match = open.first(where: { $0.stage == stage }) else {
                throw PLNError.invalidArgument("entry \(entryID) has no open follow-up on stage '\(stage)'")
            }
            return match
        }
        guard let first = open.first else { throw PLNError.invalidArgument("entry \(entryID) has no open follow-up") }
        guard open.count == 1 else {
            throw PLNError.invalidArgument(
                "entry \(entryID) has follow-ups on \(open.map(\.stage).joined(separator: ", ")); say which with --stage")
        }
        return first
    }

    /// Saves `outcome` as the answer to a follow-up of entry `entryID`: the new entry links to
    /// the reflection with role `outcome`, and the follow-up is closed.
    @discardableResult
    package static func answerFollowUp(entryID: Int64, stage: String?, outcome: EntryDraft, in db: Database) throws -> SaveReport {
        let followUp = try openFollowUp(entryID: entryID, stage: stage, in: db)
        guard let uuid = try String.fetchOne(db, sql: "SELECT uuid FROM entry WHERE id = ?", arguments: [entryID]) else {
            throw PLNError.noSuchEntry(entryID)
        }
        var draft = outcome
        draft.links.append((uuid: uuid, role: "outcome"))
        let report = try add(draft, in: db)
        try db.execute(sql: "UPDATE followup SET outcome_id = ? WHERE entry_id = ? AND stage = ?",
                       arguments: [report.id, entryID, followUp.stage])
        return report
    }

    /// Sets (or moves) the follow-up of an action stage of reflection `entryID`.
    package static func setFollowUp(entryID: Int64, stage: String, due: String, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO followup (entry_id, stage, due) VALUES (?, ?, ?)
            ON CONFLICT (entry_id, stage) DO UPDATE SET due = excluded.due
            """, arguments: [entryID, stage, due])
    }
}
