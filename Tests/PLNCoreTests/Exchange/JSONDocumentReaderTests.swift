import Foundation
import PLNTestSupport
import Testing
@testable import PLNCore

/// A JSON document read a piece at a time (`JSONDocumentReader`), as `pln import` reads one.
@Suite("JSON documents read piece by piece")
struct JSONDocumentReaderTests {
    let folder = TemporaryFolder()

    /// The pieces of `text` as (key, JSON text, line), members as ("=key", value, line).
    func pieces(_ text: String) throws -> [(String, String, Int)] {
        let path = folder.write("doc.json", text)
        let reader = try LineReader(path: path)
        let first = try #require(try reader.nextBytes())
        let document = JSONDocumentReader(reader: reader, first: first, firstLine: 1, arrayKeys: ["people", "entries"])
        var found: [(String, String, Int)] = []
        while let piece = try document.next() {
            switch piece {
            case .element(let key, let bytes, let line): found.append((key ?? "", String(decoding: bytes, as: UTF8.self), line))
            case .member(let key, _, let value, let line): found.append(("=" + key, String(decoding: value, as: UTF8.self), line))
            }
        }
        return found
    }

    func problem(_ text: String) -> JSONDocumentReader.Problem? {
        do {
            _ = try pieces(text)
            return nil
        } catch {
            return error as? JSONDocumentReader.Problem
        }
    }

    /// A document on one line (minified) longer than a piece: its records come out the same,
    /// read a megabyte at a time.
    @Test func aMinifiedDocumentIsReadInPieces() throws {
        let records = (0..<40_000).map { #"{"date":"2026-10-04T08:00:00Z","body":"record \#($0) é€"}"# }
        let text = #"{"format":"pln","people":[],"entries":["# + records.joined(separator: ",") + "]}"
        #expect(text.utf8.count > 2 * JSONDocumentReader.pieceLimit)
        let found = try pieces(text)
        #expect(found.count == 1 + records.count)
        #expect(found.first.map { [$0.0, $0.1] } == ["=format", #""pln""#])
        #expect(found.dropFirst().map(\.1) == records)
        #expect(found.allSatisfy { $0.2 == 1 })
    }

    @Test func anExportComesOutRecordByRecord() throws {
        let found = try pieces("""
            {"format":"pln","version":1,
            "people":[
            {"handle":"@sam","roles":["a]b","c"]},
            {"handle":"@ana \\"}\\" x","topics":{"k":[1,{"z":2}]}}],
            "entries":[],
            "extra": [1, 2],
              "entries" : [ {"body":"one"} ,
              {"body":
                "two"}, 3, -4.5e2, true, null, "s,]"
              ]}
            """)
        #expect(found.map(\.0) == ["=format", "=version", "people", "people", "=extra",
                                   "entries", "entries", "entries", "entries", "entries", "entries", "entries"])
        #expect(found.map(\.1) == [#""pln""#, "1", #"{"handle":"@sam","roles":["a]b","c"]}"#,
                                   #"{"handle":"@ana \"}\" x","topics":{"k":[1,{"z":2}]}}"#, "[1, 2]",
                                   #"{"body":"one"}"#, "{\"body\":\n    \"two\"}", "3", "-4.5e2", "true", "null", #""s,]""#])
        #expect(found.map(\.2) == [1, 1, 3, 4, 6, 7, 8, 9, 9, 9, 9, 9])
    }

    @Test func anArrayOfRecordsAndASingleRecord() throws {
        let array = try pieces("[\n{\"body\":\"a\"},{\"body\":\"b\"}\n]\n\n")
        #expect(array.map(\.1) == [#"{"body":"a"}"#, #"{"body":"b"}"#])
        #expect(array.map(\.2) == [2, 2])
        #expect(try pieces("[]").isEmpty)
        let record = try pieces(#"{"date":"2026-10-01T08:00:00Z","tags":["x"],"body":"b"}"#)
        #expect(record.map(\.0) == ["=date", "=tags", "=body"])
    }

    @Test(arguments: [
        ("[{\"a\":1}\n{\"b\":2}]", 2, "expected ',' or ']' in array"),
        ("[{\"a\":1},]", 1, "unexpected character ']'"),
        ("[,{\"a\":1}]", 1, "unexpected character ','"),
        ("{\"people\":[{\"a\":1}]\n\"x\":1}", 2, "expected ',' or '}' in object"),
        ("{\"people\" [] }", 1, "expected ':' after object key"),
        ("{people: []}", 1, "expected a string key in object"),
        ("[{\"a\":1}]\nmore", 2, "unexpected text after the JSON value"),
        ("\"just a string\"", 1, "expected a JSON object or array of entries"),
        ("[{\"a\":\"broken\n\"}]", 1, "unescaped line break in string"),
        ("[{\"a\":[1,2}", 2, "unexpected end of JSON"),  // after the last line
    ])
    func problemsNameTheirLine(text: String, line: Int, message: String) throws {
        let found = try #require(problem(text))
        #expect(found.line == line)
        #expect(found.message == message)
    }
}
