import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("CSV reader")
struct CSVReaderTests {
    @Test func readsQuotesEmbeddedNewlinesCRLFAndBOM() throws {
        let text = "\u{FEFF}title,url,notes\r\n\"Think, pair, share\",https://x.org,\"said \"\"try it\"\"\nsecond line\"\r\n\r\nplain,,\n"
        let rows = try CSVReader(text: text).all()
        #expect(rows == [
            ["title", "url", "notes"],
            ["Think, pair, share", "https://x.org", "said \"try it\"\nsecond line"],
            ["plain", "", ""],
        ])
    }

    @Test func streamsFromAFileAndNamesTheLineOfAnError() throws {
        let folder = TemporaryFolder()
        let path = folder.write("b.csv", "a,b\n1,\"open\nstill open\n")
        let reader = try CSVReader(path: path)
        #expect(try reader.next() == ["a", "b"])
        #expect(throws: PLNError.malformedInput(file: path, line: 2,
                                                message: "unterminated quoted field (the quote opened on line 2 never closes)")) {
            try reader.next()
        }
        let junk = folder.write("c.csv", "a,b\n\"x\"y,z\n")
        let second = try CSVReader(path: junk)
        _ = try second.next()
        #expect(throws: PLNError.self) { try second.next() }
    }

    @Test func cutsOnCharactersWhereAnAccentJoinsAQuoteOrComma() throws {
        // U+0301 after a comma or quote makes one Character with it: no longer a delimiter or quote.
        let text = "caf\u{E9},\"na\u{EF}ve, yes\",x\n,\u{301}a,b\n\"\u{301}q\",c\ntab\tsep,\u{E9}\n"
        #expect(try CSVReader(text: text).all() == [
            ["caf\u{E9}", "na\u{EF}ve, yes", "x"],
            [",\u{301}a", "b"],
            ["\"\u{301}q\"", "c"],
            ["tab\tsep", "\u{E9}"],
        ])
        #expect(try CSVReader(text: "a\tb\t\"c\td\"\n", delimiter: "\t").all() == [["a", "b", "c\td"]])
        let folder = TemporaryFolder()
        let path = folder.write("d.csv", "a,b\n\"two\nlines\"x,z\n")
        let reader = try CSVReader(path: path)
        _ = try reader.next()
        #expect(throws: PLNError.malformedInput(
            file: path, line: 3, message: "unexpected 'x' after a closing quote (a field's quotes must surround all of it)")) {
            try reader.next()
        }
    }

    /// Fields written the RFC 4180 way read back as they were, whatever sits around their quotes,
    /// delimiters and line breaks (plain runs are copied whole).
    @Test func generatedRecordsReadBack() throws {
        let pieces = ["plain", "with, comma", "quote \"inside\"", "multi\nline", "", "é", "🎉 emoji", "a\"", "\"", ",", "  spaced  ",
                      "https://example.org/a?b=1&c=2", "x,\"y\"\nz"]
        var generator = SystemRandomNumberGenerator()
        var rows: [[String]] = []
        for _ in 0..<300 {
            rows.append((0..<Int.random(in: 1...5, using: &generator)).map { _ in
                (0..<Int.random(in: 1...2, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            })
        }
        func encoded(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        let text = rows.map { $0.map(encoded).joined(separator: ",") }.joined(separator: "\n") + "\n"
        // A record of one empty field is a blank line, which the reader skips.
        #expect(try CSVReader(text: text).all() == rows.filter { $0 != [""] })
    }

    @Test func keepsLoneQuotesInsideUnquotedFieldsAndOtherDelimiters() throws {
        #expect(try CSVReader(text: "5\" ruler,x\n").all() == [["5\" ruler", "x"]])
        #expect(try CSVReader(text: "a;b\n", delimiter: ";").all() == [["a", "b"]])
    }
}

@Suite("Source import detection")
struct SourceImportDetectionTests {
    @Test(arguments: [
        ("refs.bib", "", BibliographyReader.Format?.some(.bibtex)),
        ("refs.txt", "\u{FEFF}@article{k,", .some(.bibtex)),
        ("refs.txt", "TY  - JOUR\n", .some(.ris)),
        ("refs.json", #"[{"id":"k","type":"book","title":"T"}]"#, .some(.cslJSON)),
        ("export.json", #"{"format":"pln","version":1,"people":[],"sources":[{"key":"k","type":"book"}],"#, nil),
        ("export.jsonl", #"{"id":1,"uuid":"u","date":"2026-01-01T00:00:00Z","body":"x"}"#, nil),
        ("export.jsonl", #"{"record":"source","key":"k","type":"book"}"#, nil),
        ("notes.txt", "plain text", nil),
        ("items.json", "[\n  {\n    \"id\": \"http://zotero.org/users/1/items/A\",\n    \"type\" : \"legal_case\"", .some(.cslJSON)),
        ("outbox.json", #"{"@context":["https://www.w3.org/ns/activitystreams"],"id":"outbox.json","type":"OrderedCollection","#, nil),
    ])
    func detects(path: String, head: String, expected: BibliographyReader.Format?) {
        #expect(SourceImporter.detect(path: path, head: head) == expected)
    }
}
