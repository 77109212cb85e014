import Foundation
import GRDB

/// How a topic's entries look at practice through Brookfield's four lenses.
///
/// An entry counts toward `self` when it is a first-person reflection (kind `reflection`, a
/// structured reflection with a framework, a `self` stage, or a body written in the first
/// person: the word I, me, my or myself), toward `learners` when it records
/// learner feedback (tagged `#studentvoice` or `#student-voice`, or a `learners` stage), toward
/// `colleagues` when it links a person, and toward `literature` when it cites a scholarly source
/// (CSL type book, chapter, report, thesis or article…). One entry may count toward several.
package struct LensCoverage: Sendable, Equatable {
    package var topic: String
    /// The entries looked at: the topic's most recently added ones, at most `sample`.
    package var entries: Int
    /// The topic's entries in all.
    package var total: Int
    package var selfLens: Int
    package var learners: Int
    package var colleagues: Int
    package var literature: Int

    /// The lens names, in Brookfield's order.
    package static let lenses = ["self", "learners", "colleagues", "literature"]

    /// How many of each topic's latest entries are examined: enough to describe current
    /// practice, and a bound on the work for a topic with hundreds of thousands of entries.
    package static let sample = 1000

    /// The counts in `lenses` order.
    package var counts: [Int] { [selfLens, learners, colleagues, literature] }

    /// Lenses no entry of the topic looks through.
    package var missing: [String] { zip(Self.lenses, counts).filter { $0.1 == 0 }.map(\.0) }

    /// Coverage of the topic `tagID` over its `sample` most recently added entries.
    ///
    /// - Complexity: a handful of index seeks per examined entry.
    package static func measure(tagID: Int64, name: String, total: Int, in db: Database) throws -> LensCoverage {
        db.add(function: firstPersonFunction)
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT count(*),
              coalesce(sum(e.kind = 'reflection' OR e.framework IS NOT NULL
                OR EXISTS (SELECT 1 FROM entry_stage s WHERE s.entry_id = e.id AND s.stage = 'self')
                OR pln_first_person(e.body)), 0),
              coalesce(sum(EXISTS (SELECT 1 FROM entry_tag v JOIN tag t ON t.id = v.tag_id
                  WHERE v.entry_id = e.id AND t.name IN ('studentvoice', 'student-voice'))
                OR EXISTS (SELECT 1 FROM entry_stage s WHERE s.entry_id = e.id AND s.stage = 'learners')), 0),
              coalesce(sum(EXISTS (SELECT 1 FROM entry_person p WHERE p.entry_id = e.id)), 0),
              coalesce(sum(EXISTS (SELECT 1 FROM entry_source es JOIN source src ON src.id = es.source_id
                WHERE es.entry_id = e.id AND (src.type IN ('book', 'chapter', 'report', 'thesis') OR src.type LIKE 'article%'))), 0)
            FROM (SELECT entry_id FROM entry_tag WHERE tag_id = ? ORDER BY entry_id DESC LIMIT ?) x
            JOIN entry e ON e.id = x.entry_id
            """), arguments: [tagID, sample])
        guard let row else { return LensCoverage(topic: name, entries: 0, total: total, selfLens: 0, learners: 0, colleagues: 0, literature: 0) }
        return LensCoverage(topic: name, entries: row[0], total: total, selfLens: row[1], learners: row[2],
                            colleagues: row[3], literature: row[4])
    }

    /// `pln_first_person(text)`: 1 when `text` is written in the first person.
    static let firstPersonFunction = DatabaseFunction("pln_first_person", argumentCount: 1, pure: true) { values in
        guard let text = String.fromDatabaseValue(values[0]) else { return false }
        return isFirstPerson(text)
    }

    /// Whether `text` has the word I, me, my, myself or mine (any case; "I'm" and "I've" count).
    ///
    /// A byte scan: ASCII letters and any non-ASCII character make up words; everything else
    /// (spaces, digits, punctuation, straight and curly apostrophes) ends one, so "time",
    /// "enemy" or "Ií" never match and "I’ve" does.
    package static func isFirstPerson(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var start = 0
            var index = 0
            func isWord(_ from: Int, _ to: Int) -> Bool {
                var word: UInt64 = 0
                let length = to - from
                guard length >= 1, length <= 6 else { return false }
                for i in from..<to { word = word << 8 | UInt64(bytes[i] | 0x20) }
                // "i", "me", "my", "mine", "myself" in ASCII, lowercase.
                return word == 0x69 || word == 0x6D65 || word == 0x6D79 || word == 0x6D69_6E65 || word == 0x6D79_7365_6C66
            }
            while index <= bytes.count {
                var boundary = index == bytes.count
                var width = 1
                if !boundary {
                    let byte = bytes[index]
                    if byte >= 0x80 {
                        // Letters beyond ASCII continue a word ("Ií"); curly quotes end one ("I’ve").
                        if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x98 || bytes[index + 2] == 0x99 {
                            boundary = true
                            width = 3
                        }
                    } else {
                        boundary = !((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
                    }
                }
                if boundary {
                    if index > start, isWord(start, index) { return true }
                    start = index + width
                }
                index += width
            }
            return false
        }
    }
}
