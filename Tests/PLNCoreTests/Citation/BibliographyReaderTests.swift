import Testing

@testable import PLNCore

@Suite("Bibliography reader")
struct BibliographyReaderTests {
    /// The error `parse` throws for `text`, nil when it parses.
    private func failure(_ text: String, _ format: BibliographyReader.Format, name: String = "refs") -> PLNError? {
        do {
            _ = try BibliographyReader.parse(text, format: format, name: name)
            return nil
        } catch {
            return error
        }
    }

    private func malformed(_ line: Int?, _ message: String, name: String = "refs") -> PLNError {
        .malformedInput(file: name, line: line, message: message)
    }

    // MARK: - Detection

    @Test("the format is guessed from the first non-blank text", arguments: [
        ("@article{a, title = {T}}", BibliographyReader.Format.bibtex),
        ("\n\n  @book{b,}", .bibtex),
        ("% This file was created with JabRef 5.9.\n% Encoding: UTF-8\n\n@Article{a,}", .bibtex),
        ("TY  - JOUR\nTI  - T\nER  - \n", .ris),
        ("\u{FEFF}\r\nTY  - BOOK\r\nER  -\r\n", .ris),
        ("[\n  {\"id\": \"a\"}\n]", .cslJSON),
        ("{\"id\": \"a\", \"type\": \"book\"}", .cslJSON),
    ])
    func detects(text: String, format: BibliographyReader.Format) {
        #expect(BibliographyReader.detect(text) == format)
    }

    @Test("text in none of the formats is not guessed", arguments: ["", "   \n\t", "Hattie, J. (2007). The power of feedback.", "TI  - no TY first", "% only a comment"])
    func detectsNothing(text: String) {
        #expect(BibliographyReader.detect(text) == nil)
    }

    @Test("formats have the names the command line uses")
    func formatNames() {
        #expect(BibliographyReader.Format.allCases.map(\.rawValue) == ["bibtex", "ris", "csl-json"])
    }

    // MARK: - BibTeX

    static let zoteroBibTeX = """
        % Exported from Zotero 7, with two @string macros added by hand
        @comment{jabref-meta: databaseType:bibtex;}

        @string{rer = "Review of Educational Research"}
        @STRING{waxmann = {Waxmann}}

        @article{hattie_power_2007,
        	title = {The {Power} of {Feedback}},
        	volume = {77},
        	issn = {0034-6543},
        	url = {https://doi.org/10.3102/003465430298487},
        	doi = {10.3102/003465430298487},
        	language = {en},
        	number = {1},
        	urldate = {2024-01-15},
        	journal = rer,
        	author = {Hattie, John and Timperley, Helen},
        	month = mar,
        	year = {2007},
        	pages = {81--112},
        	file = {Hattie - 2007 - The Power of Feedback.pdf:/home/ana/Zotero/storage/Q8JZ2K/Hattie.pdf:application/pdf},
        }

        @incollection{muller_feedback_2015,
        	address = {M{\\"u}nster},
        	title = {Feedback im {Unterricht} -- {Lernen} \\& {Leisten}},
        	isbn = {978-3-8309-3215-4},
        	booktitle = {Handbuch {Schulp\\"{a}dagogik}},
        	publisher = waxmann,
        	author = {M{\\"u}ller, J{\\"o}rg and Fran\\c{c}oise Dupont and {World Health Organization}},
        	editor = {Schmidt, Anna},
        	year = {2015},
        	pages = {45--67},
        }

        @Book{brown_make_2014,
          Author    = "Peter C. Brown and Roediger, III, Henry L. and Mark A. McDaniel",
          Title     = "{Make It Stick}: The Science of Successful Learning",
          Publisher = {Belknap Press} # { of Harvard University Press},
          Address   = {Cambridge, MA},
          Year      = 2014,
          ISBN      = {978-0-674-72901-8},
        }

        @misc{who_feedback_2021,
        	title = {Giving feedback in health education},
        	url = {https://www.who.int/publications/feedback_guide},
        	author = {{World Health Organization}},
        	year = {2021},
        	note = {Accessed: 2024-01-15},
        }

        @techreport{black_inside_1998,
        	title = {Inside the black box: {Raising} standards through classroom assessment},
        	institution = {King's College London, School of Education},
        	author = {Black, Paul and Wiliam, Dylan},
        	year = {1998},
        }

        @phdthesis{odegard_formativ_2019,
        	title = {Formativ vurdering i praksis},
        	school = {Universitetet i Oslo},
        	author = {{\\O}deg{\\aa}rd, Ingrid},
        	date = {2019-06-14},
        }

        @online{ericsson_peak_2016,
        	author = {Ericsson, K.~Anders},
        	title = {Peak: Secrets from the New Science of Expertise},
        	url = {https://example.org/peak?ref=a_b},
        	urldate = {2024-01-15},
        	date = {2016-04},
        }
        @misc{handout, title = {Feedback handout}, year = {2020}}
        """

    @Test("a Zotero BibTeX export with @string, comments, accents and an @incollection")
    func zoteroExport() throws {
        let records = try BibliographyReader.parse(Self.zoteroBibTeX, format: .bibtex, name: "library.bib")
        #expect(records == [
            SourceRecord(
                key: "hattie_power_2007", type: "article-journal", title: "The Power of Feedback",
                authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03", container: "Review of Educational Research",
                volume: "77", issue: "1", pages: "81-112", url: "https://doi.org/10.3102/003465430298487",
                doi: "10.3102/003465430298487"),
            SourceRecord(
                key: "muller_feedback_2015", type: "chapter", title: "Feedback im Unterricht – Lernen & Leisten",
                authors: ["Müller, Jörg", "Dupont, Françoise", "World Health Organization"], issued: "2015",
                container: "Handbuch Schulpädagogik", pages: "45-67", publisher: "Waxmann", isbn: "978-3-8309-3215-4"),
            SourceRecord(
                key: "brown_make_2014", type: "book", title: "Make It Stick: The Science of Successful Learning",
                authors: ["Brown, Peter C.", "Roediger, Henry L., III", "McDaniel, Mark A."], issued: "2014",
                publisher: "Belknap Press of Harvard University Press", isbn: "978-0-674-72901-8"),
            SourceRecord(
                key: "who_feedback_2021", type: "webpage", title: "Giving feedback in health education",
                authors: ["World Health Organization"], issued: "2021", url: "https://www.who.int/publications/feedback_guide"),
            SourceRecord(
                key: "black_inside_1998", type: "report",
                title: "Inside the black box: Raising standards through classroom assessment",
                authors: ["Black, Paul", "Wiliam, Dylan"], issued: "1998", publisher: "King's College London, School of Education"),
            SourceRecord(
                key: "odegard_formativ_2019", type: "thesis", title: "Formativ vurdering i praksis", authors: ["Ødegård, Ingrid"],
                issued: "2019-06-14", publisher: "Universitetet i Oslo"),
            SourceRecord(
                key: "ericsson_peak_2016", type: "webpage", title: "Peak: Secrets from the New Science of Expertise",
                authors: ["Ericsson, K. Anders"], issued: "2016-04", url: "https://example.org/peak?ref=a_b"),
            SourceRecord(key: "handout", type: "document", title: "Feedback handout", issued: "2020"),
        ])
        // Accents come out precomposed (NFC), as typed text would be, not as a letter plus a combining mark.
        #expect(records[1].authors[0].unicodeScalars.count == "Müller, Jörg".unicodeScalars.count)
        #expect(Array(records[1].authors[0].unicodeScalars) == Array("M\u{FC}ller, J\u{F6}rg".unicodeScalars))
    }

    @Test("LaTeX in values becomes plain text", arguments: [
        ("{Schr{\\\"o}dinger}", "Schrödinger"),
        ("Schr\\\"{o}dinger", "Schrödinger"),
        ("Schr\\\"odinger", "Schrödinger"),
        ("Caf\\'e cr\\`eme", "Café crème"),
        ("Ma{\\'\\i}z and \\'{\\i}", "Maíz and í"),
        ("Gar\\c{c}on, \\v{S}koda, Ha\\v cek, Erd\\H{o}s", "Garçon, Škoda, Haček, Erdős"),
        ("Stra{\\ss}e, {\\o}l, \\AE{}sop, \\l{}\\'od\\'z", "Straße, øl, Æsop, łódź"),
        ("Research \\& Development at 50\\% \\$1 \\#2 file\\_name", "Research & Development at 50% $1 #2 file_name"),
        ("pages 1--2, a---b, well-known", "pages 1–2, a—b, well-known"),
        ("J.~R.~R. Tolkien", "J. R. R. Tolkien"),
        ("The \\emph{Power} of \\textbf{\\textit{Feedback}}", "The Power of Feedback"),
        ("{\\em Emphasis} and {\\bf bold}", "Emphasis and bold"),
        ("Typesetting with \\LaTeX{} and \\TeX", "Typesetting with LaTeX and TeX"),
        ("``Quoted'' text", "\u{201C}Quoted\u{201D} text"),
        ("Tilde \\textasciitilde{} caret \\textasciicircum{} brace \\textbraceleft{}x\\textbraceright{} slash \\textbackslash{}",
         "Tilde ~ caret ^ brace {x} slash \\"),
        ("  spread\n\t  over   lines  ", "spread over lines"),
        ("Math $x^2$ kept", "Math x^2 kept"),
    ])
    func latex(value: String, expected: String) throws {
        let records = try BibliographyReader.parse("@misc{k, title = {\(value)}}", format: .bibtex, name: "x.bib")
        #expect(records.first?.title == expected)
    }

    @Test("BibTeX names become Family, Given; organisations in braces stay whole", arguments: [
        ("Hattie, John and Timperley, Helen and {World Health Organization}",
         ["Hattie, John", "Timperley, Helen", "World Health Organization"]),
        ("John Hattie AND Helen Timperley", ["Hattie, John", "Timperley, Helen"]),
        ("Ludwig van Beethoven and Jean de La Fontaine", ["van Beethoven, Ludwig", "de La Fontaine, Jean"]),
        ("van Beethoven, Ludwig", ["van Beethoven, Ludwig"]),
        ("King, Jr., Martin Luther", ["King, Martin Luther, Jr."]),
        ("{Barnes and Noble} and Plato", ["Barnes and Noble", "Plato"]),
        ("Hattie, J. and others", ["Hattie, J."]),
        ("{\\'E}mile Durkheim and {\\\"O}zt{\\\"u}rk, Ay{\\c{s}}e", ["Durkheim, Émile", "Öztürk, Ayşe"]),
        ("Jean {de la Cour}", ["de la Cour, Jean"]),
    ])
    func names(field: String, expected: [String]) throws {
        let records = try BibliographyReader.parse("@book{k,\n  author = {\(field)},\n}", format: .bibtex, name: "x.bib")
        #expect(records.first?.authors == expected)
    }

    @Test("entry types map to CSL types", arguments: [
        ("article", "article-journal"), ("ARTICLE", "article-journal"), ("book", "book"), ("incollection", "chapter"),
        ("inbook", "chapter"), ("inproceedings", "paper-conference"), ("conference", "paper-conference"),
        ("techreport", "report"), ("phdthesis", "thesis"), ("mastersthesis", "thesis"), ("misc", "document"),
        ("online", "document"), ("electronic", "document"), ("unpublished", "document"), ("manual", "document"),
    ])
    func entryTypes(entryType: String, type: String) throws {
        let records = try BibliographyReader.parse("@\(entryType){k, title = {T}}", format: .bibtex, name: "x.bib")
        #expect(records.first?.type == type)
        let withURL = try BibliographyReader.parse("@\(entryType){k, url = {https://example.org}}", format: .bibtex, name: "x.bib")
        let webTypes = ["misc", "online", "electronic"]
        #expect(withURL.first?.type == (webTypes.contains(entryType) ? "webpage" : type))
    }

    @Test("containers, publishers and dates come from the fields each entry type uses")
    func fieldMapping() throws {
        let text = """
            @inproceedings{conf, booktitle = {Proc. of {CHI}}, organization = {ACM}, publisher = {ACM Press}, year = 2019, month = {May}}
            @article{biblatex, journaltitle = {Learning and Instruction}, date = {2010-05-14/2010-05-20}, issue = {Spring}}
            @techreport{tr, institution = {RAND}, number = {TR-123}, year = {2001}, month = 11}
            @mastersthesis{ma, school = {Universit{\\"a}t Wien}, year = {2012}, month = {12}, day = {3}}
            @book{b, publisher = {Penguin}, year = {in press}, doi = {10.1000/abc\\_def}}
            @article{sept, journal = {J}, year = {1999}, month = {Sept.}}
            """
        let records = try BibliographyReader.parse(text, format: .bibtex, name: "x.bib")
        #expect(records == [
            SourceRecord(key: "conf", type: "paper-conference", issued: "2019-05", container: "Proc. of CHI", publisher: "ACM Press"),
            SourceRecord(key: "biblatex", type: "article-journal", issued: "2010-05-14", container: "Learning and Instruction",
                         issue: "Spring"),
            SourceRecord(key: "tr", type: "report", issued: "2001-11", issue: "TR-123", publisher: "RAND"),
            SourceRecord(key: "ma", type: "thesis", issued: "2012-12-03", publisher: "Universität Wien"),
            SourceRecord(key: "b", type: "book", publisher: "Penguin", doi: "10.1000/abc_def"),
            SourceRecord(key: "sept", type: "article-journal", issued: "1999-09", container: "J"),
        ])
    }

    @Test("BibTeX syntax: parentheses, # joins, macros, quotes with braces, comments and stray @ in text")
    func syntax() throws {
        let text = """
            Text before any entry is a comment, even with an address like ana@example.org in it.
            @String(publ = "Sage")
            @preamble{ "\\newcommand{\\noopsort}[1]{}" }
            @comment{ anything {nested} at all }
            % @article{commented_out, title = {Not read}}
            @ARTICLE(paren_entry,
              TITLE = "A {"}quoted{"} title with {\\noopsort{a}}braces",
              Journal = publ # { Open} # " Access",
              YEAR = "2020",
            )
            @article{last,title={No spaces},year=2001}   % trailing comment
            """
        let records = try BibliographyReader.parse(text, format: .bibtex, name: "x.bib")
        #expect(records == [
            SourceRecord(key: "paren_entry", type: "article-journal", title: "A \"quoted\" title with braces", issued: "2020",
                         container: "Sage Open Access"),
            SourceRecord(key: "last", type: "article-journal", title: "No spaces", issued: "2001"),
        ])
    }

    @Test("Windows line endings and a byte-order mark are read like plain newlines")
    func crlf() throws {
        let text = "\u{FEFF}@book{a,\r\n  title = {One\r\n  Two},\r\n  year = {2001}\r\n}\r\n@book{b, title = {Three}}\r\n"
        let records = try BibliographyReader.parse(text, format: .bibtex, name: "x.bib")
        #expect(records == [
            SourceRecord(key: "a", type: "book", title: "One Two", issued: "2001"),
            SourceRecord(key: "b", type: "book", title: "Three"),
        ])
        #expect(failure("@book{a,\r\n  title = {One},\r\n  year = 2001 2002\r\n}", .bibtex) ==
            malformed(3, "expected ',' or '}' after the field 'year'"))
    }

    @Test("a file with no entries gives no records", arguments: ["", "% nothing here\n", "@comment{x}\n@string{a = {b}}"])
    func emptyBibTeX(text: String) throws {
        #expect(try BibliographyReader.parse(text, format: .bibtex, name: "x.bib") == [])
    }

    @Test("sources written by BibliographyWriter read back as they were")
    func bibtexRoundTrip() throws {
        let sources = [
            SourceRecord(
                key: "hattie2007", type: "article-journal", title: "The power of feedback",
                authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03", container: "Review of Educational Research",
                volume: "77", issue: "1", pages: "81-112", doi: "10.3102/003465430298487"),
            SourceRecord(
                key: "specials", type: "chapter", title: "R&D at 50% for $5: #1 of file_names {a} ~ ^ \\ ö",
                authors: ["King, Martin Luther, Jr.", "World Health Organization", "Barnes and Noble"], issued: "2015",
                container: "Handbook of {Things}", pages: "45-67", publisher: "Routledge", isbn: "978-1-138-12345-6"),
            SourceRecord(key: "web", type: "webpage", title: "A page", authors: ["Doe, Jane"], issued: "2021-05",
                         url: "https://example.org/a_b?x=1%202#frag"),
            SourceRecord(key: "tr", type: "report", title: "A report", issued: "1998", publisher: "RAND"),
            SourceRecord(key: "th", type: "thesis", title: "A thesis", issued: "2019", publisher: "Universitetet i Oslo"),
        ]
        let text = sources.map(BibliographyWriter.bibtex).joined(separator: "\n\n")
        #expect(try BibliographyReader.parse(text, format: .bibtex, name: "x.bib") == sources)
    }

    // MARK: BibTeX errors

    @Test("an unbalanced brace reports the line where its entry starts")
    func unbalancedBrace() {
        let text = """
            @article{ok,
              title = {Fine},
            }

            @article{broken,
              title = {The {Power} of Feedback,
              year = {2007},
            }

            @book{later, title = {Never reached}}
            """
        #expect(failure(text, .bibtex, name: "library.bib") ==
            malformed(5, "the entry starting on line 5 is not closed (unbalanced braces?)", name: "library.bib"))
        #expect(failure(text, .bibtex, name: "library.bib")?.description ==
            "library.bib:5: the entry starting on line 5 is not closed (unbalanced braces?)")
    }

    @Test("an entry left open before the next one, or at the end of the file, is not closed")
    func unterminatedEntry() {
        let openBeforeNext = """
            @article{a,
              title = {A},

            @article{b, title = {B}}
            """
        #expect(failure(openBeforeNext, .bibtex) == malformed(1, "the entry starting on line 1 is not closed (unbalanced braces?)"))
        #expect(failure("@book{x, title = {T}}\n\n@book{y,\n  title = \"open", .bibtex) ==
            malformed(3, "the entry starting on line 3 is not closed (unbalanced braces?)"))
        #expect(failure("\n@book{y, title = {T}", .bibtex) == malformed(2, "the entry starting on line 2 is not closed (unbalanced braces?)"))
        #expect(failure("@comment{ never closed", .bibtex) == malformed(1, "the entry starting on line 1 is not closed (unbalanced braces?)"))
    }

    @Test("an extra closing brace that ends an entry early is an error, not lost fields")
    func extraBrace() {
        let text = """
            @article{a,
              title = {The {Power}} of Feedback},
              year = {2007},
            }
            """
        #expect(failure(text, .bibtex) == malformed(2, "expected ',' or '}' after the field 'title'"))
        let closesEntry = """
            @article{a,
              title = {The Power of Feedback}},
              year = {2007},
            }
            """
        #expect(failure(closesEntry, .bibtex) ==
            malformed(2, "unexpected ',' after the end of the entry starting on line 1 (an extra '}'?)"))
    }

    @Test("a missing key, a field without '=', a missing value and an unknown macro give their line")
    func bibtexSyntaxErrors() {
        #expect(failure("\n@article{\n  title = {T},\n}", .bibtex) == malformed(2, "the @article entry starting on line 2 has no key"))
        #expect(failure("@article{, title = {T}}", .bibtex) == malformed(1, "the @article entry starting on line 1 has no key"))
        #expect(failure("@article{k,\n  title = {T},\n  year {2007},\n}", .bibtex) ==
            malformed(3, "expected '=' after the field name 'year'"))
        #expect(failure("@article{k,\n  keywords,\n}", .bibtex) == malformed(2, "expected '=' after the field name 'keywords'"))
        #expect(failure("@article{k,\n  title = ,\n}", .bibtex) == malformed(2, "expected a value for the field 'title'"))
        #expect(failure("@article{k,\n  title = {T},\n  journal = jeducpsych,\n}", .bibtex) ==
            malformed(3, "unknown macro 'jeducpsych' in the field 'journal' (define it with @string, or put the text in braces)"))
        #expect(failure("@article{k title = {T}}", .bibtex) == malformed(1, "expected ',' after the key 'k'"))
        #expect(failure("@article\nk, title = {T}}", .bibtex) == malformed(1, "expected '{' after '@article'"))
        #expect(failure("@string{ = {x}}", .bibtex) == malformed(1, "expected a macro name in the @string on line 1"))
    }

    @Test("a key used twice, in any case, names both lines")
    func duplicateBibTeXKey() {
        let text = """
            @article{hattie2007,
              title = {The power of feedback},
            }

            @book{Hattie2007,
              title = {Visible learning},
            }
            """
        #expect(failure(text, .bibtex) == malformed(5, "the key 'Hattie2007' is already used by the entry on line 1"))
    }

    // MARK: - RIS

    static let risExport = [
        "TY  - JOUR",
        "TI  - The Power of Feedback",
        "AU  - Hattie, John",
        "AU  - Timperley, Helen",
        "T2  - Review of Educational Research",
        "AB  - Feedback is one of the most powerful influences on learning and achievement.",
        "DA  - 2007/03/01/",
        "PY  - 2007",
        "DO  - 10.3102/003465430298487",
        "DP  - SAGE Journals",
        "VL  - 77",
        "IS  - 1",
        "SP  - 81",
        "EP  - 112",
        "J2  - Rev. Educ. Res.",
        "LA  - en",
        "SN  - 0034-6543",
        "UR  - https://doi.org/10.3102/003465430298487",
        "Y2  - 2024/01/15/10:22:31",
        "ER  - ",
        "",
        "TY  - BOOK",
        "TI  - Make It Stick: The Science of Successful Learning",
        "AU  - Brown, Peter C.",
        "AU  - Roediger,Henry L.,III",
        "AU  - McDaniel, Mark A.",
        "CY  - Cambridge, MA",
        "DA  - 2014///",
        "PY  - 2014",
        "SN  - 978-0-674-72901-8",
        "PB  - Belknap Press",
        "ER  - ",
        "",
        "TY  - CHAP",
        "TI  - Formative assessment in practice",
        "A1  - Müller, Jörg",
        "A2  - Schmidt, Anna",
        "ED  - Weber, Karl",
        "T2  - Handbook of Classroom Assessment",
        "JO  - not the container",
        "PY  - 2015",
        "SP  - 45–67",
        "PB  - Routledge",
        "SN  - 978-1-138-12345-6",
        "ER  -",
        "",
    ].joined(separator: "\n")

    @Test("a RIS export of a journal article, a book and a chapter")
    func risExport() throws {
        let records = try BibliographyReader.parse(Self.risExport, format: .ris, name: "export.ris")
        #expect(records == [
            SourceRecord(
                key: "hattie2007", type: "article-journal", title: "The Power of Feedback",
                authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03-01", container: "Review of Educational Research",
                volume: "77", issue: "1", pages: "81-112", url: "https://doi.org/10.3102/003465430298487",
                doi: "10.3102/003465430298487"),
            SourceRecord(
                key: "brown2014", type: "book", title: "Make It Stick: The Science of Successful Learning",
                authors: ["Brown, Peter C.", "Roediger, Henry L., III", "McDaniel, Mark A."], issued: "2014",
                publisher: "Belknap Press", isbn: "978-0-674-72901-8"),
            SourceRecord(
                key: "muller2015", type: "chapter", title: "Formative assessment in practice", authors: ["Müller, Jörg"],
                issued: "2015", container: "Handbook of Classroom Assessment", pages: "45-67", publisher: "Routledge",
                isbn: "978-1-138-12345-6"),
        ])
    }

    @Test("RIS types map to CSL types", arguments: [
        ("JOUR", "article-journal"), ("BOOK", "book"), ("CHAP", "chapter"), ("RPRT", "report"), ("THES", "thesis"),
        ("ELEC", "webpage"), ("WEB", "webpage"), ("VIDEO", "video"), ("MPCT", "video"), ("SOUND", "song"),
        ("GEN", "document"), ("PAT", "document"), ("MGZN", "article-magazine"), ("BLOG", "post-weblog"),
    ])
    func risTypes(risType: String, type: String) throws {
        let records = try BibliographyReader.parse("TY  - \(risType)\nTI  - T\nER  - \n", format: .ris, name: "x.ris")
        #expect(records.first?.type == type)
    }

    @Test("RIS keys: folded family name and year, letters for repeats, untitled and the number without an author")
    func risKeys() throws {
        let text = [
            "TY  - JOUR", "AU  - Hattie, John", "PY  - 2007", "ER  - ",
            "TY  - JOUR", "AU  - Hattie, J.", "Y1  - 2007/05/02/", "ER  - ",
            "TY  - ELEC", "TI  - Anonymous page", "ER  - ",
            "TY  - BOOK", "AU  - Ødegård-Ståhl, Ingrid", "PY  - 2019", "ER  - ",
            "TY  - RPRT", "AU  - World Health Organization", "ER  - ",
            "TY  - JOUR", "AU  - hattie, john", "PY  - 2007", "ER  - ",
        ].joined(separator: "\n")
        let records = try BibliographyReader.parse(text, format: .ris, name: "x.ris")
        #expect(records.map(\.key) == ["hattie2007", "hattie2007a", "untitled3", "odegardstahl2019", "worldhealthorganization",
                                       "hattie2007b"])
        #expect(records[1].issued == "2007-05-02")
        #expect(records[4].authors == ["World Health Organization"])
    }

    @Test("RIS dates: the year, or a date of the same year that says more")
    func risDates() throws {
        func issued(_ lines: [String]) throws -> String? {
            let text = (["TY  - GEN"] + lines + ["ER  - "]).joined(separator: "\n")
            return try BibliographyReader.parse(text, format: .ris, name: "x.ris").first?.issued
        }
        #expect(try issued(["PY  - 2007"]) == "2007")
        #expect(try issued(["PY  - 2007///"]) == "2007")
        #expect(try issued(["PY  - 2007", "DA  - 2007/03//"]) == "2007-03")
        #expect(try issued(["DA  - 2007/03/14/Spring meeting"]) == "2007-03-14")
        #expect(try issued(["PY  - 2007", "DA  - 2019/01/01/"]) == "2007")
        #expect(try issued(["DA  - 2007-3-4"]) == "2007-03-04")
        #expect(try issued(["PY  - n.d."]) == nil)
        #expect(try issued(["DA  - 2007/02/30/"]) == nil)
    }

    @Test("RIS with CRLF line endings, a byte-order mark, and blank lines inside a record")
    func risLineEndings() throws {
        let text = "\u{FEFF}TY  - BOOK\r\nTI  - Visible Learning \r\n\r\nAU  - Hattie, John\r\nPY  - 2009\r\nSP  - 12\r\nER  -\r\n"
        #expect(try BibliographyReader.parse(text, format: .ris, name: "x.ris") == [
            SourceRecord(key: "hattie2009", type: "book", title: "Visible Learning", authors: ["Hattie, John"], issued: "2009",
                         pages: "12"),
        ])
    }

    @Test("sources written by BibliographyWriter as RIS read back as they were, with derived keys")
    func risRoundTrip() throws {
        let sources = [
            SourceRecord(
                key: "hattie2007", type: "article-journal", title: "The power of feedback",
                authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03-14", container: "Review of Educational Research",
                volume: "77", issue: "1", pages: "81-112", doi: "10.3102/003465430298487"),
            SourceRecord(key: "king1963", type: "book", title: "Strength to Love", authors: ["King, Martin Luther, Jr."],
                         issued: "1963", publisher: "Harper & Row", isbn: "978-0-8006-9740-8"),
            SourceRecord(key: "veritasium2021", type: "video", title: "The science of learning",
                         authors: ["Veritasium"], issued: "2021-05", container: "YouTube", url: "https://youtu.be/x"),
        ]
        let text = sources.map(BibliographyWriter.ris).joined()
        #expect(try BibliographyReader.parse(text, format: .ris, name: "x.ris") == sources)
    }

    // MARK: RIS errors

    @Test("a record without ER reports the line where it starts")
    func missingER() {
        let atEnd = ["TY  - JOUR", "AU  - Hattie, John", "ER  - ", "", "TY  - BOOK", "TI  - Visible Learning", ""].joined(separator: "\n")
        #expect(failure(atEnd, .ris, name: "export.ris") == malformed(5, "the record starting on line 5 has no ER", name: "export.ris"))
        let beforeNext = ["TY  - JOUR", "TI  - First", "", "TY  - BOOK", "TI  - Second", "ER  - "].joined(separator: "\n")
        #expect(failure(beforeNext, .ris) == malformed(1, "the record starting on line 1 has no ER"))
    }

    @Test("a line that is not a tag line, or text outside a record, gives its line")
    func risBadLines() {
        let continuation = ["TY  - JOUR", "AB  - An abstract that", "wraps onto a second line", "ER  - "].joined(separator: "\n")
        #expect(failure(continuation, .ris) == malformed(3, "expected a 'XX  - value' tag line in the record starting on line 1"))
        let outside = ["TY  - JOUR", "ER  - ", "", "Exported by EndNote", "TY  - BOOK", "ER  - "].joined(separator: "\n")
        #expect(failure(outside, .ris) == malformed(4, "text outside a record (a record starts with 'TY  - ')"))
        #expect(failure("\nAU  - Hattie, John\nER  - ", .ris) == malformed(2, "'AU' outside a record (a record starts with 'TY  - ')"))
        #expect(failure("TY  - GEN\nER  - \nER  - ", .ris) == malformed(3, "ER outside a record"))
    }

    // MARK: - CSL-JSON

    static let zoteroCSL = """
        [
        	{
        		"id": "hattie2007",
        		"type": "article-journal",
        		"abstract": "Feedback is one of the most powerful influences on learning and achievement.",
        		"container-title": "Review of Educational Research",
        		"DOI": "10.3102/003465430298487",
        		"ISSN": "0034-6543",
        		"issue": "1",
        		"journalAbbreviation": "Rev. Educ. Res.",
        		"language": "en",
        		"page": "81-112",
        		"source": "SAGE Journals",
        		"title": "The Power of Feedback",
        		"URL": "https://doi.org/10.3102/003465430298487",
        		"volume": "77",
        		"author": [
        			{ "family": "Hattie", "given": "John" },
        			{ "family": "Timperley", "given": "Helen" }
        		],
        		"accessed": { "date-parts": [["2024", 1, 15]] },
        		"issued": { "date-parts": [["2007", 3]] }
        	},
        	{
        		"id": "beethoven2014",
        		"type": "book",
        		"edition": "1",
        		"ISBN": "978-0-674-72901-8",
        		"number-of-pages": 313,
        		"publisher": "Belknap Press",
        		"publisher-place": "Cambridge, MA",
        		"title": "Make It Stick: The Science of Successful <i>Learning</i>",
        		"volume": 2,
        		"author": [
        			{ "family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van" },
        			{ "family": "King", "given": "Martin Luther", "suffix": "Jr." },
        			{ "literal": "World Health Organization" }
        		],
        		"issued": { "date-parts": [[2014, 4, 14]] }
        	},
        	{
        		"id": 42,
        		"type": "webpage",
        		"container-title": "WHO",
        		"title": "Giving feedback in health education",
        		"URL": "https://www.who.int/publications/feedback",
        		"editor": [ { "family": "Schmidt", "given": "Anna" } ],
        		"issued": { "raw": "2021-05-14" }
        	}
        ]
        """

    @Test("a CSL-JSON export from Zotero with three items")
    func zoteroCSLExport() throws {
        let records = try BibliographyReader.parse(Self.zoteroCSL, format: .cslJSON, name: "library.json")
        #expect(records == [
            SourceRecord(
                key: "hattie2007", type: "article-journal", title: "The Power of Feedback",
                authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03", container: "Review of Educational Research",
                volume: "77", issue: "1", pages: "81-112", url: "https://doi.org/10.3102/003465430298487",
                doi: "10.3102/003465430298487"),
            SourceRecord(
                key: "beethoven2014", type: "book", title: "Make It Stick: The Science of Successful Learning",
                authors: ["van Beethoven, Ludwig", "King, Martin Luther, Jr.", "World Health Organization"], issued: "2014-04-14",
                volume: "2", publisher: "Belknap Press", isbn: "978-0-674-72901-8"),
            SourceRecord(
                key: "42", type: "webpage", title: "Giving feedback in health education", authors: ["Schmidt, Anna"],
                issued: "2021-05-14", container: "WHO", url: "https://www.who.int/publications/feedback"),
        ])
    }

    @Test("one CSL-JSON item on its own, not in an array, is read too")
    func singleCSLItem() throws {
        let text = #"{"id": "solo", "type": "motion_picture", "title": "A talk", "issued": {"date-parts": [[2020, 13]]}, "page": "3–9"}"#
        #expect(try BibliographyReader.parse(text, format: .cslJSON, name: "x.json") == [
            SourceRecord(key: "solo", type: "video", title: "A talk", issued: "2020", pages: "3-9"),
        ])
    }

    @Test("CSL-JSON dates: date-parts, or raw only when it is already a date", arguments: [
        (#"{"date-parts": [[2007]]}"#, "2007"),
        (#"{"date-parts": [["2007", "3", "14"]]}"#, "2007-03-14"),
        (#"{"date-parts": [[2007, 3], [2008, 1]]}"#, "2007-03"),
        (#"{"raw": "2007-03"}"#, "2007-03"),
        (#"{"raw": "March 2007"}"#, nil),
        (#"{"literal": "2007"}"#, "2007"),
        (#""2010-05-14""#, "2010-05-14"),
        (#"{"date-parts": []}"#, nil),
    ] as [(String, String?)])
    func cslDates(json: String, expected: String?) throws {
        let text = #"[{"id": "k", "type": "book", "issued": "# + json + "}]"
        #expect(try BibliographyReader.parse(text, format: .cslJSON, name: "x.json").first?.issued == expected)
    }

    @Test("sources written by BibliographyWriter as CSL-JSON read back as they were")
    func cslRoundTrip() throws {
        let sources = [
            SourceRecord(
                key: "hattie2007", type: "article-journal", title: "The power of feedback",
                authors: ["Hattie, John", "Timperley, Helen", "World Health Organization"], issued: "2007-03-14",
                container: "Review of Educational Research", volume: "77", issue: "1", pages: "81-112",
                doi: "10.3102/003465430298487"),
            SourceRecord(key: "talk", type: "video", title: "A talk", authors: ["King, Martin Luther, Jr."], issued: "2020",
                         url: "https://youtu.be/x"),
            SourceRecord(key: "episode", type: "podcast", title: "Episode 12", issued: "2021-05", container: "A podcast",
                         issue: "12", publisher: "BBC", isbn: "978-1-138-12345-6"),
        ]
        let text = "[" + sources.map(BibliographyWriter.cslJSON).joined(separator: ",\n") + "]"
        #expect(try BibliographyReader.parse(text, format: .cslJSON, name: "x.json") == sources)
    }

    // MARK: CSL-JSON errors

    @Test("invalid JSON reports the parser's line")
    func badJSON() {
        let text = """
            [
              {
                "id": "a",
                "title": "Missing comma"
                "type": "book"
              }
            ]
            """
        #expect(failure(text, .cslJSON, name: "library.json") ==
            malformed(5, "invalid JSON: expected ',' or '}' in object", name: "library.json"))
        #expect(failure("[\n  {\"id\": \"a\"},\n", .cslJSON) == malformed(3, "invalid JSON: unexpected end of JSON"))
    }

    @Test("an item without an id reports its number and the line where it starts")
    func missingID() {
        let text = """
            [
              {"id": "first", "type": "book"},
              {
                "type": "book",
                "title": "No id"
              }
            ]
            """
        #expect(failure(text, .cslJSON, name: "library.json") == malformed(3, "item 2 has no id", name: "library.json"))
        #expect(failure(#"[{"id": null}]"#, .cslJSON) == malformed(1, "item 1 has no id"))
        #expect(failure("[\n  {\"id\": \"  \"}\n]", .cslJSON) == malformed(2, "item 1 has an empty id"))
        #expect(failure("[\n  {\"id\": true}\n]", .cslJSON) == malformed(2, "item 1 has an id that is neither a string nor a number"))
    }

    @Test("an item that is not an object, or a document that is not a list of items, is an error")
    func notAnObject() throws {
        let text = """
            [
              {"id": "a", "type": "book"},
              "b",
              {"id": "c", "type": "book"}
            ]
            """
        #expect(failure(text, .cslJSON) == malformed(3, "item 2 is not an object"))
        #expect(failure("\n  \"just text\"", .cslJSON) == malformed(2, "expected an array of CSL-JSON items"))
        #expect(try BibliographyReader.parse("[]", format: .cslJSON, name: "x.json") == [])
    }

    @Test("a repeated id names both items")
    func duplicateID() {
        let text = """
            [
              {"id": "hattie2007", "type": "article-journal"},
              {"id": "brown2014", "type": "book"},
              {"id": "HATTIE2007", "type": "book"}
            ]
            """
        #expect(failure(text, .cslJSON) == malformed(4, "item 3 has the id 'HATTIE2007' of item 1; ids must be unique"))
        #expect(failure(#"[{"id": 7}, {"id": "7"}]"#, .cslJSON) == malformed(1, "item 2 has the id '7' of item 1; ids must be unique"))
    }
}
