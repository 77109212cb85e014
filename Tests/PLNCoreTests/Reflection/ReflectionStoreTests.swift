import Foundation
import GRDB
import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("Reflections in the store")
struct ReflectionStoreTests {
    let folder = TemporaryFolder()
    let context = DateContext(now: Date(timeIntervalSince1970: 1_795_959_000), timeZone: TimeZone(identifier: "Europe/Berlin")!)
    static let gibbs = Framework(name: "gibbs", title: "Gibbs", stages: [
        .init(name: "description", title: "Description"),
        .init(name: "feelings", title: "Feelings", required: false),
        .init(name: "action-plan", title: "Action plan", required: false, action: true),
    ])

    func save(_ store: JournalStore, _ answers: [(String, String)], due: String? = nil) throws -> Int64 {
        let draft = try ReflectionDraft(framework: Self.gibbs, answers: answers.map { StageAnswer(stage: $0.0, body: $0.1) },
                                        followUp: due.map { FollowUp(stage: "action-plan", due: $0) })
        return try store.write { db in
            try JournalStore.addReflection(draft, timestamp: Timestamp(date: context.now, timeZone: context.timeZone), in: db)
        }.id
    }

    func ids(_ store: JournalStore, _ query: String) throws -> [Int64] {
        var found: [Int64] = []
        try store.forEachEntry(matching: EntryQuery(query, context: context)) { entry, _ in found.append(entry.id) }
        return found
    }

    @Test func stagesAreStoredSearchableAndQueryable() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let first = try save(store, [("description", "Jigsaw reading #ell with @ana"), ("action-plan", "Shorter texts")], due: "2026-12-10")
        let second = try save(store, [("description", "Fishbowl debate"), ("feelings", "Anxious")])
        let entry = try store.entry(id: first)
        #expect(entry.kind == "reflection")
        #expect(entry.framework == "gibbs")
        #expect(entry.stages == [StageAnswer(stage: "description", body: "Jigsaw reading #ell with @ana"),
                                 StageAnswer(stage: "action-plan", body: "Shorter texts")])
        #expect(entry.followUps == [FollowUp(stage: "action-plan", due: "2026-12-10")])
        #expect(entry.tags == ["ell"])
        #expect(try ids(store, "stage:action-plan") == [first])
        #expect(try ids(store, "framework:gibbs -stage:action-plan") == [second])
        #expect(try ids(store, "shorter") == [first])
        #expect(try ids(store, "stage:feelings anxious") == [second])
        // Deleting the reflection takes its stages and follow-up with it.
        try store.write { db in try JournalStore.delete(ids: [first], in: db) }
        let left = try store.read { db in
            (try Int.fetchOne(db, sql: "SELECT count(*) FROM entry_stage")!, try Int.fetchOne(db, sql: "SELECT count(*) FROM followup")!)
        }
        #expect(left.0 == 2 && left.1 == 0)
    }

    @Test func answeringAFollowUpLinksTheOutcomeAndClosesIt() throws {
        let store = try JournalStore(path: folder.path + "/journal.db")
        let reflection = try save(store, [("description", "x"), ("action-plan", "Try cold calling")], due: "2026-11-30")
        var due: [FollowUpItem] = []
        try store.forEachFollowUp(dueBy: "2026-11-29") { due.append($0) }
        #expect(due.isEmpty)
        try store.forEachFollowUp(dueBy: "2026-11-30") { due.append($0) }
        #expect(due.map(\.entryID) == [reflection])
        #expect(due.first?.plan == "Try cold calling")
        let outcome = try store.write { db in
            try JournalStore.answerFollowUp(entryID: reflection, stage: nil,
                                            outcome: EntryDraft(parsing: "It worked", timestamp: Timestamp(seconds: 1, utcOffset: 0)), in: db)
        }.id
        let saved = try store.entry(id: outcome)
        #expect(saved.links.map(\.role) == ["outcome"])
        #expect(saved.links.map(\.id) == [reflection])
        #expect(try store.entry(id: reflection).followUps.first?.outcomeID == outcome)
        due.removeAll()
        try store.forEachFollowUp(dueBy: nil) { due.append($0) }
        #expect(due.isEmpty)
        #expect(throws: PLNError.invalidArgument("entry \(reflection) has no open follow-up")) {
            try store.write { db in
                try JournalStore.answerFollowUp(entryID: reflection, stage: nil,
                                                outcome: EntryDraft(parsing: "again", timestamp: Timestamp(seconds: 1, utcOffset: 0)), in: db)
            }
        }
    }
}
