import Testing

@testable import PLNCore

@Suite("APA citation")
struct APACitationTests {
    static let hattie = SourceRecord(
        key: "hattie2007", type: "article-journal", title: "The power of feedback",
        authors: ["Hattie, John", "Timperley, Helen"], issued: "2007-03", container: "Review of Educational Research",
        volume: "77", issue: "1", pages: "81-112", doi: "10.3102/003465430298487")

    // MARK: Journal articles

    @Test("a journal article with a DOI, in the three italics modes")
    func journalArticle() {
        #expect(APACitation.reference(Self.hattie) == """
            Hattie, J., & Timperley, H. (2007). The power of feedback. Review of Educational Research, 77(1), 81–112. \
            https://doi.org/10.3102/003465430298487
            """)
        #expect(APACitation.reference(Self.hattie, italics: .markdown) == """
            Hattie, J., & Timperley, H. (2007). The power of feedback. *Review of Educational Research*, *77*(1), 81–112. \
            https://doi.org/10.3102/003465430298487
            """)
        #expect(APACitation.reference(Self.hattie, italics: .terminal) == """
            Hattie, J., & Timperley, H. (2007). The power of feedback. \u{1B}[3mReview of Educational Research\u{1B}[23m, \
            \u{1B}[3m77\u{1B}[23m(1), 81–112. https://doi.org/10.3102/003465430298487
            """)
    }

    @Test("DOIs are normalised to https://doi.org/", arguments: [
        "10.3102/003465430298487", "doi:10.3102/003465430298487", "DOI: 10.3102/003465430298487",
        "https://doi.org/10.3102/003465430298487", "http://dx.doi.org/10.3102/003465430298487",
        "  https://DOI.org/10.3102/003465430298487 ",
    ])
    func doiForms(doi: String) {
        var source = Self.hattie
        source.doi = doi
        #expect(APACitation.reference(source).hasSuffix(" 81–112. https://doi.org/10.3102/003465430298487"))
    }

    @Test("a journal article with a URL and no DOI; the DOI wins when both are given")
    func articleWithURL() {
        let source = SourceRecord(
            key: "k", type: "article-journal", title: "Retrieval practice in the classroom", authors: ["Agarwal, Pooja K."],
            issued: "2019", container: "Journal of Classroom Studies", volume: "3", issue: "2", pages: "12",
            url: "https://example.org/article/12")
        #expect(APACitation.reference(source, italics: .markdown) == """
            Agarwal, P. K. (2019). Retrieval practice in the classroom. *Journal of Classroom Studies*, *3*(2), 12. \
            https://example.org/article/12
            """)
        var both = source
        both.doi = "10.1234/abcd"
        #expect(APACitation.reference(both).hasSuffix(", 12. https://doi.org/10.1234/abcd"))
    }

    @Test("page ranges take an en dash however the range was typed", arguments: [
        "12-18", "12--18", "12 - 18", "12–18", "12—18",
    ])
    func pageRanges(pages: String) {
        let source = SourceRecord(key: "k", type: "article-journal", title: "T", authors: ["Doe, Jane"], issued: "2001",
                                  container: "J", volume: "4", pages: pages)
        #expect(APACitation.reference(source) == "Doe, J. (2001). T. J, 4, 12–18.")
    }

    @Test("a journal article shows the year only; a magazine article shows the full date")
    func periodicalDates() {
        var source = Self.hattie
        source.issued = "2007-03-01"
        #expect(APACitation.reference(source).contains("(2007). The power"))
        source.type = "article-magazine"
        #expect(APACitation.reference(source).contains("(2007, March 1). The power"))
    }

    // MARK: Books, chapters, reports

    @Test("a book: italic title, publisher")
    func book() {
        let source = SourceRecord(
            key: "hattie2009", type: "book",
            title: "Visible learning: A synthesis of over 800 meta-analyses relating to achievement",
            authors: ["Hattie, John"], issued: "2009", publisher: "Routledge", isbn: "978-0-415-47618-8")
        #expect(APACitation.reference(source, italics: .markdown) == """
            Hattie, J. (2009). *Visible learning: A synthesis of over 800 meta-analyses relating to achievement*. Routledge.
            """)
        #expect(APACitation.reference(source) == """
            Hattie, J. (2009). Visible learning: A synthesis of over 800 meta-analyses relating to achievement. Routledge.
            """)
    }

    @Test("a title ending in ? or ! takes no extra period, inside or outside italics")
    func titleEndingInQuestionMark() {
        let book = SourceRecord(key: "w", type: "book", title: "Why don't students like school?",
                                authors: ["Willingham, Daniel T."], issued: "2009", publisher: "Jossey-Bass")
        #expect(APACitation.reference(book, italics: .markdown)
                == "Willingham, D. T. (2009). *Why don't students like school?* Jossey-Bass.")
        #expect(APACitation.reference(book, italics: .terminal)
                == "Willingham, D. T. (2009). \u{1B}[3mWhy don't students like school?\u{1B}[23m Jossey-Bass.")
        let article = SourceRecord(key: "a", type: "article-journal", title: "Does homework help!", authors: ["Cooper, Harris"],
                                   issued: "2006", container: "Review of Educational Research", volume: "76", issue: "1", pages: "1-62")
        #expect(APACitation.reference(article)
                == "Cooper, H. (2006). Does homework help! Review of Educational Research, 76(1), 1–62.")
        var stated = book
        stated.title = "Study skills etc."
        #expect(APACitation.reference(stated) == "Willingham, D. T. (2009). Study skills etc. Jossey-Bass.")
    }

    @Test("a chapter: plain chapter title, In *Book* (pp. x–y), publisher, DOI")
    func chapter() {
        let source = SourceRecord(
            key: "sweller2011", type: "chapter", title: "Cognitive load theory", authors: ["Sweller, John"], issued: "2011",
            container: "Psychology of learning and motivation", pages: "37-76", publisher: "Academic Press",
            doi: "https://doi.org/10.1016/B978-0-12-387691-1.00002-8")
        #expect(APACitation.reference(source, italics: .markdown) == """
            Sweller, J. (2011). Cognitive load theory. In *Psychology of learning and motivation* (pp. 37–76). \
            Academic Press. https://doi.org/10.1016/B978-0-12-387691-1.00002-8
            """)
        var onePage = source
        onePage.pages = "5"
        onePage.doi = nil
        #expect(APACitation.reference(onePage) == """
            Sweller, J. (2011). Cognitive load theory. In Psychology of learning and motivation (p. 5). Academic Press.
            """)
    }

    @Test("a report by an organisation, with and without a separate publisher")
    func report() {
        let oecd = SourceRecord(
            key: "oecd2019", type: "report", title: "PISA 2018 results (Volume I): What students know and can do",
            authors: ["Organisation for Economic Co-operation and Development"], issued: "2019-12-03",
            publisher: "OECD Publishing", doi: "10.1787/5f07c754-en")
        #expect(APACitation.reference(oecd, italics: .markdown) == """
            Organisation for Economic Co-operation and Development. (2019). \
            *PISA 2018 results (Volume I): What students know and can do*. OECD Publishing. https://doi.org/10.1787/5f07c754-en
            """)
        let nci = SourceRecord(
            key: "nci2019", type: "report", title: "Taking time: Support for people with cancer",
            authors: ["National Cancer Institute"], issued: "2019", publisher: "National Cancer Institute",
            url: "https://www.cancer.gov/publications/patient-education/takingtime.pdf")
        #expect(APACitation.reference(nci, italics: .markdown) == """
            National Cancer Institute. (2019). *Taking time: Support for people with cancer*. \
            https://www.cancer.gov/publications/patient-education/takingtime.pdf
            """)
    }

    // MARK: Web pages, video, audio

    @Test("a web page: full date, site name, URL; the site is left out when it is the author")
    func webpage() {
        let page = SourceRecord(
            key: "k", type: "webpage", title: "How retrieval practice strengthens memory", authors: ["Ruiz, Ana Maria"],
            issued: "2020-11-03", container: "The Learning Scientists", url: "https://example.com/retrieval")
        #expect(APACitation.reference(page, italics: .markdown) == """
            Ruiz, A. M. (2020, November 3). *How retrieval practice strengthens memory*. The Learning Scientists. \
            https://example.com/retrieval
            """)
        let who = SourceRecord(
            key: "who2018", type: "webpage", title: "Climate change and health", authors: ["World Health Organization"],
            issued: "2018-05", container: "world health organization", url: "https://www.who.int/climate")
        #expect(APACitation.reference(who, italics: .markdown) == """
            World Health Organization. (2018, May). *Climate change and health*. https://www.who.int/climate
            """)
    }

    @Test("a YouTube video: channel as author, [Video], YouTube, URL")
    func video() {
        let video = SourceRecord(
            key: "k", type: "video", title: "The science of thinking", authors: ["Veritasium"], issued: "2019-03-01",
            container: "YouTube", url: "https://www.youtube.com/watch?v=abc123")
        let expected = """
            Veritasium. (2019, March 1). *The science of thinking* [Video]. YouTube. https://www.youtube.com/watch?v=abc123
            """
        #expect(APACitation.reference(video, italics: .markdown) == expected)
        var noContainer = video
        noContainer.container = nil
        #expect(APACitation.reference(noContainer, italics: .markdown) == expected)
        noContainer.title = "What is a memory palace?"
        #expect(APACitation.reference(noContainer).contains("(2019, March 1). What is a memory palace? [Video]. YouTube."))
    }

    @Test("a podcast episode: plain title, (No. n), [Audio podcast episode], In *Podcast*, producer, URL")
    func podcastEpisode() {
        let episode = SourceRecord(
            key: "glass2011", type: "podcast", title: "Amusement park", authors: ["Glass, Ira"], issued: "2011-08-12",
            container: "This American Life", issue: "443", publisher: "WBEZ Chicago",
            url: "https://www.thisamericanlife.org/443/amusement-park")
        #expect(APACitation.reference(episode, italics: .markdown) == """
            Glass, I. (2011, August 12). Amusement park (No. 443) [Audio podcast episode]. In *This American Life*. \
            WBEZ Chicago. https://www.thisamericanlife.org/443/amusement-park
            """)
        let song = SourceRecord(
            key: "k", type: "song", title: "Spaced repetition", authors: ["Lee, Min-Jun"], issued: "2022-01-05",
            container: "Study Hacks Radio", url: "https://example.com/ep1")
        #expect(APACitation.reference(song, italics: .markdown) == """
            Lee, M.-J. (2022, January 5). Spaced repetition [Audio podcast episode]. In *Study Hacks Radio*. https://example.com/ep1
            """)
    }

    // MARK: Other types

    @Test("a blog post: plain title, italic blog name")
    func blogPost() {
        let post = SourceRecord(
            key: "k", type: "post-weblog", title: "Can we talk scientifically about free will?",
            authors: ["Klymkowsky, Mike"], issued: "2018-09-15", container: "Sci-Ed",
            url: "https://blogs.example.org/scied/free-will")
        #expect(APACitation.reference(post, italics: .markdown) == """
            Klymkowsky, M. (2018, September 15). Can we talk scientifically about free will? *Sci-Ed*. \
            https://blogs.example.org/scied/free-will
            """)
    }

    @Test("software, thesis and the general form for other types")
    func otherTypes() {
        let software = SourceRecord(
            key: "k", type: "software", title: "Comprehensive meta-analysis",
            authors: ["Borenstein, Michael", "Hedges, Larry", "Higgins, Julian", "Rothstein, Hannah"],
            issued: "2014-05-01", publisher: "Biostat", url: "https://www.meta-analysis.com/")
        #expect(APACitation.reference(software, italics: .markdown) == """
            Borenstein, M., Hedges, L., Higgins, J., & Rothstein, H. (2014). *Comprehensive meta-analysis* \
            [Computer software]. Biostat. https://www.meta-analysis.com/
            """)
        let thesis = SourceRecord(
            key: "k", type: "thesis", title: "Feedback literacy in first-year students", authors: ["Nguyen, Thi Lan"],
            issued: "2021", container: "ProQuest Dissertations and Theses Global", publisher: "University of Melbourne")
        #expect(APACitation.reference(thesis, italics: .markdown) == """
            Nguyen, T. L. (2021). *Feedback literacy in first-year students* [Doctoral dissertation, University of Melbourne]. \
            ProQuest Dissertations and Theses Global.
            """)
        let speech = SourceRecord(
            key: "k", type: "speech", title: "Do schools kill creativity?", authors: ["Robinson, Ken"], issued: "2006-02",
            container: "TED Conference", url: "https://www.ted.com/talks/x")
        #expect(APACitation.reference(speech, italics: .markdown) == """
            Robinson, K. (2006, February). *Do schools kill creativity?* TED Conference. https://www.ted.com/talks/x
            """)
        let document = SourceRecord(
            key: "k", type: "document", title: "Assessment policy", authors: ["Open University"],
            container: "Open University", publisher: "The Open University Press", url: "https://example.ac.uk/policy")
        #expect(APACitation.reference(document) == """
            Open University. (n.d.). Assessment policy. The Open University Press. https://example.ac.uk/policy
            """)
        let post = SourceRecord(key: "k", type: "post", title: "Notes from the reading group", authors: ["Stein, Ana"],
                                issued: "2024-02-29", container: "Mastodon", publisher: "Mastodon")
        #expect(APACitation.reference(post) == "Stein, A. (2024, February 29). Notes from the reading group. Mastodon.")
        let unknown = SourceRecord(key: "k", type: "chat", title: "Explaining spaced repetition", authors: ["OpenAI"],
                                   issued: "2024")
        #expect(APACitation.reference(unknown, italics: .markdown) == "OpenAI. (2024). *Explaining spaced repetition*.")
    }

    // MARK: Authors

    @Test("personal names become family name and initials", arguments: [
        ("Hattie, John", "Hattie, J."),
        ("Agarwal, Pooja K.", "Agarwal, P. K."),
        ("Family, Given Middle", "Family, G. M."),
        ("Sartre, Jean-Paul", "Sartre, J.-P."),
        ("Sartre, J.-P.", "Sartre, J.-P."),
        ("Tolkien, J.R.R.", "Tolkien, J. R. R."),
        ("King, Martin Luther, Jr.", "King, M. L., Jr."),
        ("van Gogh, vincent", "van Gogh, V."),
        ("Østergaard, Åse", "Østergaard, Å."),
        ("Plato", "Plato"),
        ("American Psychological Association", "American Psychological Association"),
    ])
    func names(author: String, expected: String) {
        #expect(APACitation.authorName(author) == expected)
    }

    static func people(_ count: Int) -> [String] {
        (1...count).map { "Author\($0), Given" }
    }

    @Test("two, three, twenty and twenty-one authors")
    func authorLists() {
        func authorElement(_ authors: [String]) -> String {
            let source = SourceRecord(key: "k", type: "book", title: "T", authors: authors, issued: "2020")
            let reference = APACitation.reference(source)
            return String(reference[..<reference.firstRange(of: " (2020).")!.lowerBound])
        }
        #expect(authorElement(["Black, Paul", "Wiliam, Dylan"]) == "Black, P., & Wiliam, D.")
        #expect(authorElement(["Black, Paul", "Harrison, Christine", "Lee, Clare"]) == "Black, P., Harrison, C., & Lee, C.")
        #expect(authorElement(["Education Endowment Foundation", "Smith, Jo"]) == "Education Endowment Foundation, & Smith, J.")
        let twenty = (1...19).map { "Author\($0), G." }.joined(separator: ", ") + ", & Author20, G."
        #expect(authorElement(Self.people(20)) == twenty)
        let many = (1...19).map { "Author\($0), G." }.joined(separator: ", ") + ", . . . Author25, G."
        #expect(authorElement(Self.people(25)) == many)
        #expect(authorElement(Self.people(21)).hasSuffix("Author19, G., . . . Author21, G."))
        #expect(!authorElement(Self.people(21)).contains("Author20"))
        #expect(!authorElement(Self.people(21)).contains("&"))
    }

    @Test("an organisation as author ends with a period before the date")
    func organisationAuthor() {
        let source = SourceRecord(key: "k", type: "book", title: "Publication manual", authors: ["American Psychological Association"],
                                  issued: "2020", publisher: "American Psychological Association")
        #expect(APACitation.reference(source) == "American Psychological Association. (2020). Publication manual.")
    }

    @Test("no author: the title moves to the author position, before the date")
    func noAuthor() {
        let page = SourceRecord(
            key: "k", type: "webpage", title: "Understanding formative assessment", authors: [" "], issued: "2021-09-05",
            container: "Edutopia", url: "https://www.edutopia.org/formative")
        #expect(APACitation.reference(page, italics: .markdown) == """
            *Understanding formative assessment*. (2021, September 5). Edutopia. https://www.edutopia.org/formative
            """)
        let article = SourceRecord(key: "k", type: "article-journal", title: "Why feedback fails?", issued: "2020",
                                   container: "Teaching Today", volume: "9", pages: "4-5")
        #expect(APACitation.reference(article, italics: .markdown) == "Why feedback fails? (2020). *Teaching Today*, *9*, 4–5.")
    }

    @Test("no title: a bracketed description stands in")
    func noTitle() {
        let video = SourceRecord(key: "k", type: "video", authors: ["Veritasium"], issued: "2019",
                                 url: "https://youtu.be/abc")
        #expect(APACitation.reference(video) == "Veritasium. (2019). [Untitled video]. YouTube. https://youtu.be/abc")
    }

    // MARK: Dates

    @Test("dates", arguments: [
        ("2010", "(2010)."), ("2010-05", "(2010, May)."), ("2010-05-14", "(2010, May 14)."),
        ("2010-05-14T09:30:00Z", "(2010, May 14)."), ("2010?", "(2010)."), ("2010-05-14/2010-06-01", "(2010, May 14)."),
        ("2010-21", "(2010)."), ("2010-02-30", "(2010, February)."), (nil, "(n.d.)."), ("", "(n.d.)."),
        ("n.d.", "(n.d.)."), ("May 2010", "(n.d.)."),
    ] as [(String?, String)])
    func dates(issued: String?, expected: String) {
        let source = SourceRecord(key: "k", type: "webpage", title: "T", authors: ["Doe, Jane"], issued: issued)
        #expect(APACitation.reference(source) == "Doe, J. \(expected) T.")
    }
}
