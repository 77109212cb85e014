import GRDB
import Testing
@testable import PLNCore

/// `Statement.runRaw` binds as GRDB would and fails as GRDB would.
@Suite("Raw statement runs")
struct RawStatementTests {
    @Test func bindsTextIntegersNullAndTheEmptyString() throws {
        let queue = try DatabaseQueue()
        let rows = try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER, s TEXT, o TEXT)")
            let insert = try db.makeStatement(sql: "INSERT INTO t (n, s, o) VALUES (?, ?, ?)")
            try insert.runRaw(.integer(1), .text("héllo ✓"), .null)
            try insert.runRaw(.integer(-7), .text(""), .text(nil as String?))
            try insert.runRaw(.integer(Int64.max), .text("x"), .text("y" as String?))
            return try Row.fetchAll(db, sql: "SELECT n, s, o, typeof(s) AS ts, typeof(o) AS to_ FROM t ORDER BY rowid")
        }
        #expect(rows.map { $0["n"] as Int64 } == [1, -7, Int64.max])
        #expect(rows.map { $0["s"] as String } == ["héllo ✓", "", "x"])
        #expect(rows.map { $0["ts"] as String } == ["text", "text", "text"])
        #expect(rows.map { $0["to_"] as String } == ["null", "null", "text"])
    }

    @Test func aFailureIsADatabaseErrorAndTheStatementRunsAgain() throws {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (n INTEGER NOT NULL UNIQUE)")
            let insert = try db.makeStatement(sql: "INSERT INTO t (n) VALUES (?)")
            try insert.runRaw(.integer(1))
            #expect {
                try insert.runRaw(.integer(1))
            } throws: { error in
                (error as? DatabaseError)?.resultCode == .SQLITE_CONSTRAINT
                    && (error as? DatabaseError)?.message?.contains("UNIQUE") == true
            }
            #expect(throws: DatabaseError.self) { try insert.runRaw(.null) }
            try insert.runRaw(.integer(2))
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM t") == 2)
            #expect(db.lastInsertedRowID == 2)
        }
    }
}
