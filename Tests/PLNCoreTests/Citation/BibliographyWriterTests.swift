import Testing

@testable import PLNCore

@Suite("Bibliography writer")
struct BibliographyWriterTests {
    static let hattie = SourceRecord(
        key: "hattie2007", type: "article-journal", title: "The power of feedback",
        authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03", container: "Review of Educational Research",
        volume: "77", issue: "1", pages: "81-112", doi: "https://doi.org/10.3102/003465430298487")

    static let everyField = SourceRecord(
        key: "full2020", type: "book", title: "A book with every field", authors: ["Doe, Jane Q.", "Open University"],
        issued: "2020-05-14", container: "Series of things", volume: "2", issue: "7", pages: "1-300",
        publisher: "Routledge", url: "https://example.com/book?id=1", doi: "doi:10.1000/xyz", isbn: "978-0-415-47618-8")

    /// Every type pln knows, plus one it doesn't, so each format's mapping is exercised.
    static let types = [
        "article-journal", "article-magazine", "article-newspaper", "book", "chapter", "chat", "document", "post",
        "post-weblog", "podcast", "report", "software", "song", "speech", "thesis", "video", "webpage", "mixtape",
    ]

    // MARK: BibTeX

    /// True when every brace closes one opened before it and all are closed by the end.
    static func bracesBalance(_ text: String) -> Bool {
        var depth = 0
        for character in text {
            if character == "{" { depth += 1 }
            if character == "}" { depth -= 1; if depth < 0 { return false } }
        }
        return depth == 0
    }

    /// The `name = value` pairs of a BibTeX entry written one field per line.
    static func bibtexFields(_ entry: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in entry.split(separator: "\n").dropFirst().dropLast() {
            let body = line.hasSuffix(",") ? line.dropLast() : line[...]
            guard let equals = body.firstRange(of: " = ") else { continue }
            fields[String(body[..<equals.lowerBound]).trimmingSpaces] = String(body[equals.upperBound...])
        }
        return fields
    }

    @Test("a journal article as BibTeX")
    func bibtexArticle() {
        let entry = BibliographyWriter.bibtex(Self.hattie)
        #expect(entry == """
            @article{hattie2007,
              author = {Hattie, John and Timperley, Helen},
              title = {{The power of feedback}},
              journal = {Review of Educational Research},
              year = {2007},
              month = mar,
              volume = {77},
              number = {1},
              pages = {81--112},
              doi = {10.3102/003465430298487}
            }
            """)
        #expect(Self.bracesBalance(entry))
    }

    @Test("BibTeX types and the fields each one uses", arguments: [
        ("article-journal", "article", "journal", "publisher"),
        ("book", "book", "note", "publisher"),
        ("chapter", "incollection", "booktitle", "publisher"),
        ("report", "techreport", "note", "institution"),
        ("thesis", "phdthesis", "note", "school"),
        ("webpage", "misc", "note", "publisher"),
        ("video", "misc", "note", "publisher"),
        ("podcast", "misc", "note", "publisher"),
        ("post", "misc", "note", "publisher"),
    ])
    func bibtexTypes(type: String, entryType: String, containerField: String, publisherField: String) throws {
        var source = Self.everyField
        source.type = type
        let entry = BibliographyWriter.bibtex(source)
        #expect(entry.hasPrefix("@\(entryType){full2020,\n"))
        #expect(entry.hasSuffix("\n}"))
        #expect(Self.bracesBalance(entry))
        let fields = Self.bibtexFields(entry)
        #expect(fields["author"] == "{Doe, Jane Q. and {Open University}}")
        #expect(fields["title"] == "{{A book with every field}}")
        #expect(fields[containerField] == "{Series of things}")
        #expect(fields[publisherField] == "{Routledge}")
        #expect(fields["year"] == "{2020}")
        #expect(fields["month"] == "may")
        #expect(fields["volume"] == "{2}")
        #expect(fields["number"] == "{7}")
        #expect(fields["pages"] == "{1--300}")
        #expect(fields["doi"] == "{10.1000/xyz}")
        #expect(fields["isbn"] == "{978-0-415-47618-8}")
        if entryType == "misc" {
            #expect(fields["howpublished"] == "{\\url{https://example.com/book?id=1}}")
            #expect(fields["url"] == nil)
        } else {
            #expect(fields["url"] == "{https://example.com/book?id=1}")
            #expect(fields["howpublished"] == nil)
        }
    }

    @Test("every type gives a balanced entry", arguments: types)
    func bibtexEveryType(type: String) {
        var source = Self.everyField
        source.type = type
        #expect(Self.bracesBalance(BibliographyWriter.bibtex(source)))
    }

    @Test("BibTeX specials are escaped and braces stay balanced")
    func bibtexEscaping() {
        let source = SourceRecord(
            key: "odd key,{1}", type: "webpage", title: "R&D: 100% of $5 for #1 in snake_case {set} ~ x^2 \\ end }{",
            authors: ["O'Neil, Cathy", "AT&T Research"], issued: "2021", container: "Fish & Chips",
            url: "https://example.com/a_b?x=50%25#top{}")
        let entry = BibliographyWriter.bibtex(source)
        #expect(Self.bracesBalance(entry))
        #expect(entry.hasPrefix("@misc{odd_key__1_,\n"))
        let fields = Self.bibtexFields(entry)
        #expect(fields["title"] == """
            {{R\\&D: 100\\% of \\$5 for \\#1 in snake\\_case \\textbraceleft{}set\\textbraceright{} \
            \\textasciitilde{} x\\textasciicircum{}2 \\textbackslash{} end \\textbraceright{}\\textbraceleft{}}}
            """)
        #expect(fields["author"] == "{O'Neil, Cathy and {AT\\&T Research}}")
        #expect(fields["note"] == "{Fish \\& Chips}")
        #expect(fields["howpublished"] == "{\\url{https://example.com/a_b?x=50\\%25\\#top\\%7B\\%7D}}")
    }

    @Test("BibTeX leaves out what the record lacks")
    func bibtexMinimal() {
        let entry = BibliographyWriter.bibtex(SourceRecord(key: "bare", type: "document", title: "Only a title", issued: "someday"))
        #expect(entry == "@misc{bare,\n  title = {{Only a title}}\n}")
        #expect(BibliographyWriter.bibtex(SourceRecord(key: "", type: "book")) == "@book{source\n}")
    }

    @Test("BibTeX names: suffixes go between family and given names")
    func bibtexSuffix() {
        let entry = BibliographyWriter.bibtex(SourceRecord(key: "k", type: "book", authors: ["King, Martin Luther, Jr.", "Plato"]))
        #expect(Self.bibtexFields(entry)["author"] == "{King, Jr., Martin Luther and {Plato}}")
    }

    // MARK: RIS

    static func risLinesAreWellFormed(_ record: String) throws -> Bool {
        let tagLine = try Regex("^[A-Z][A-Z0-9]  - ")
        let lines = record.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        return record.hasSuffix("\nER  - \n") && lines.first?.hasPrefix("TY  - ") == true
            && lines.allSatisfy { $0.prefixMatch(of: tagLine) != nil }
    }

    @Test("a journal article as RIS")
    func risArticle() throws {
        let record = BibliographyWriter.ris(Self.hattie)
        #expect(record == """
            TY  - JOUR
            AU  - Hattie, John
            AU  - Timperley, Helen
            TI  - The power of feedback
            T2  - Review of Educational Research
            PY  - 2007
            DA  - 2007/03//
            VL  - 77
            IS  - 1
            SP  - 81
            EP  - 112
            DO  - 10.3102/003465430298487
            ER  - \("")

            """)
        #expect(try Self.risLinesAreWellFormed(record))
    }

    @Test("RIS types", arguments: [
        ("article-journal", "JOUR"), ("book", "BOOK"), ("chapter", "CHAP"), ("report", "RPRT"), ("thesis", "THES"),
        ("webpage", "ELEC"), ("post-weblog", "BLOG"), ("video", "VIDEO"), ("podcast", "SOUND"), ("software", "COMP"),
        ("document", "GEN"), ("mixtape", "GEN"),
    ])
    func risTypes(type: String, tag: String) throws {
        var source = Self.everyField
        source.type = type
        let record = BibliographyWriter.ris(source)
        #expect(record.hasPrefix("TY  - \(tag)\n"))
        #expect(try Self.risLinesAreWellFormed(record))
    }

    @Test("every RIS field, one per line")
    func risEveryField() throws {
        let record = BibliographyWriter.ris(Self.everyField)
        #expect(record == """
            TY  - BOOK
            AU  - Doe, Jane Q.
            AU  - Open University
            TI  - A book with every field
            T2  - Series of things
            PY  - 2020
            DA  - 2020/05/14/
            VL  - 2
            IS  - 7
            SP  - 1
            EP  - 300
            PB  - Routledge
            DO  - 10.1000/xyz
            UR  - https://example.com/book?id=1
            SN  - 978-0-415-47618-8
            ER  - \("")

            """)
        #expect(try Self.risLinesAreWellFormed(record))
    }

    @Test("RIS keeps values on one line and handles single pages and bare years")
    func risEdgeCases() throws {
        let source = SourceRecord(key: "k", type: "video", title: "Line one\nline two", authors: ["Doe, Jane", "  "],
                                  issued: "1999", pages: "e1002", url: "https://youtu.be/x")
        let record = BibliographyWriter.ris(source)
        #expect(try Self.risLinesAreWellFormed(record))
        #expect(record.contains("\nTI  - Line one line two\n"))
        #expect(record.contains("\nDA  - 1999///\n"))
        #expect(record.contains("\nSP  - e1002\n"))
        #expect(!record.contains("EP  - "))
        #expect(!record.contains("AU  - \n"))
        #expect(try Self.risLinesAreWellFormed(BibliographyWriter.ris(SourceRecord(key: "k", type: "webpage"))))
    }

    // MARK: CSL-JSON

    @Test("a journal article as CSL-JSON")
    func cslArticle() throws {
        let json = BibliographyWriter.cslJSON(Self.hattie)
        #expect(json == """
            {"id":"hattie2007","type":"article-journal","title":"The power of feedback",\
            "author":[{"family":"Hattie","given":"John"},{"family":"Timperley","given":"Helen"}],\
            "issued":{"date-parts":[[2007,3]]},"container-title":"Review of Educational Research","volume":"77",\
            "issue":"1","page":"81-112","DOI":"10.3102/003465430298487"}
            """)
        let item = try JSONParser.parse(json)
        #expect(item["id"] == .string("hattie2007"))
        #expect(item["author"]?.arrayValue?.count == 2)
        #expect(item["issued"]?["date-parts"] == .array([.array([.number(2007), .number(3)])]))
    }

    @Test("every CSL-JSON member")
    func cslEveryField() throws {
        let item = try JSONParser.parse(BibliographyWriter.cslJSON(Self.everyField))
        guard case .object(let members) = item else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == [
            "id", "type", "title", "author", "issued", "container-title", "volume", "issue", "page", "publisher",
            "URL", "DOI", "ISBN",
        ])
        #expect(item["type"] == .string("book"))
        #expect(item["author"] == .array([
            .object([("family", .string("Doe")), ("given", .string("Jane Q."))]),
            .object([("literal", .string("Open University"))]),
        ]))
        #expect(item["issued"] == .object([("date-parts", .array([.array([.number(2020), .number(5), .number(14)])]))]))
        #expect(item["page"] == .string("1-300"))
        #expect(item["publisher"] == .string("Routledge"))
        #expect(item["URL"] == .string("https://example.com/book?id=1"))
        #expect(item["DOI"] == .string("10.1000/xyz"))
        #expect(item["ISBN"] == .string("978-0-415-47618-8"))
    }

    @Test("CSL-JSON types: CSL types as written, pln's own mapped", arguments: [
        ("article-journal", "article-journal", nil), ("webpage", "webpage", nil), ("post-weblog", "post-weblog", nil),
        ("video", "motion_picture", "Video"), ("podcast", "song", "Audio podcast episode"),
        ("chat", "personal_communication", nil), ("mixtape", "document", nil),
    ] as [(String, String, String?)])
    func cslTypes(type: String, cslType: String, genre: String?) throws {
        var source = Self.everyField
        source.type = type
        let item = try JSONParser.parse(BibliographyWriter.cslJSON(source))
        #expect(item["type"] == .string(cslType))
        #expect(item["genre"]?.stringValue == genre)
    }

    @Test("CSL-JSON escapes text, omits missing members and keeps an unparseable date raw")
    func cslEdgeCases() throws {
        let source = SourceRecord(key: "k\"1", type: "webpage", title: "Quotes \" and \\ backslash\tand tab",
                                  authors: ["King, Martin Luther, Jr."], issued: "Spring 2019", pages: "12–18")
        let item = try JSONParser.parse(BibliographyWriter.cslJSON(source))
        #expect(item["id"] == .string("k\"1"))
        #expect(item["title"] == .string("Quotes \" and \\ backslash and tab"))
        #expect(item["author"] == .array([.object([
            ("family", .string("King")), ("given", .string("Martin Luther")), ("suffix", .string("Jr.")),
        ])]))
        #expect(item["issued"] == .object([("raw", .string("Spring 2019"))]))
        #expect(item["page"] == .string("12-18"))
        #expect(item["URL"] == nil)
        #expect(item["container-title"] == nil)
        let bare = BibliographyWriter.cslJSON(SourceRecord(key: "b", type: "book"))
        #expect(bare == #"{"id":"b","type":"book"}"#)
    }
}

private extension StringProtocol {
    var trimmingSpaces: String { String(drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed()) }
}
