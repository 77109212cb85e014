import Foundation
import GRDB

extension JournalStore {
    /// Saves a structured reflection: the entry (kind `reflection`), one `entry_stage` row per
    /// answered stage, and its follow-up, in the caller's transaction.
    @discardableResult
    package static func addReflection(_ reflection: ReflectionDraft, timestamp: Timestamp, in db: Database) throws -> SaveReport {
        let report = try add(reflection.entryDraft(timestamp: timestamp), in: db)
        try saveStages(reflection.answers, followUps: reflection.followUp.map { [$0] } ?? [], entryID: report.id, in: db)
        return report
    }

    /// Writes the stage rows and follow-ups of entry `entryID` (used by save and import).
    package static func saveStages(_ answers: [StageAnswer], followUps: [FollowUp], entryID: Int64, in db: Database) throws {
        for (position, answer) in answers.enumerated() {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO entry_stage (entry_id, stage, position, body) VALUES (?, ?, ?, ?)")
                .execute(arguments: [entryID, answer.stage, position + 1, answer.body])
        }
        for followUp in followUps {
            try db.cachedStatement(sql: "INSERT OR REPLACE INTO followup (entry_id, stage, due, outcome_id) VALUES (?, ?, ?, ?)")
                .execute(arguments: [entryID, followUp.stage, followUp.due, followUp.outcomeID])
        }
    }

    /// Replaces the stage rows of entry `entryID` with `answers` (after its body was edited);
    /// follow-ups stay.
    package static func replaceStages(_ answers: [StageAnswer], entryID: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM entry_stage WHERE entry_id = ?", arguments: [entryID])
        try saveStages(answers, followUps: [], entryID: entryID, in: db)
    }

    /// SQL columns (for a FROM clause aliasing the entry `e`) with a reflection's stages and
    /// follow-ups as JSON arrays, NULL for an entry without a framework — so ordinary entries
    /// cost one comparison. Read back by `reflectionParts`.
    package static let reflectionColumns = """
        CASE WHEN e.framework IS NULL THEN NULL ELSE (SELECT json_group_array(json_array(s.position, s.stage, s.body))
            FROM entry_stage s WHERE s.entry_id = e.id) END AS stages,
        CASE WHEN e.framework IS NULL THEN NULL ELSE (SELECT json_group_array(json_array(f.stage, f.due, f.outcome_id, o.uuid))
            FROM followup f LEFT JOIN entry o ON o.id = f.outcome_id WHERE f.entry_id = e.id) END AS followups
        """

    /// Decodes the two columns of `reflectionColumns`.
    package static func reflectionParts(stages: String?, followUps: String?) -> ([StageAnswer], [FollowUp]) {
        var answers: [(Int64, StageAnswer)] = []
        if let stages, let rows = (try? JSONParser.parse(stages))?.arrayValue {
            for row in rows {
                guard let parts = row.arrayValue, parts.count == 3, let stage = parts[1].stringValue,
                      let body = parts[2].stringValue else { continue }
                answers.append((parts[0].intValue ?? 0, StageAnswer(stage: stage, body: body)))
            }
        }
        var list: [FollowUp] = []
        if let followUps, let rows = (try? JSONParser.parse(followUps))?.arrayValue {
            for row in rows {
                guard let parts = row.arrayValue, parts.count == 4, let stage = parts[0].stringValue,
                      let due = parts[1].stringValue else { continue }
                list.append(FollowUp(stage: stage, due: due, outcomeID: parts[2].intValue, outcomeUUID: parts[3].stringValue))
            }
        }
        return (answers.sorted { $0.0 < $1.0 }.map(\.1), list.sorted { $0.stage < $1.stage })
    }
}
