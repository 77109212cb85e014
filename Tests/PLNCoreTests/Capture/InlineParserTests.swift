import Testing

@testable import PLNCore

@Suite("InlineParser")
struct InlineParserTests {
    // MARK: Tags

    @Test(
        "recognises tags",
        arguments: [
            ("#reading", ["reading"]),
            ("today #reading and #writing", ["reading", "writing"]),
            ("#élève", ["élève"]),
            ("#e\u{0301}le\u{0300}ve", ["e\u{0301}le\u{0300}ve"]),
            ("#日本語 notes", ["日本語"]),
            ("#ell-chat", ["ell-chat"]),
            ("#k_12", ["k_12"]),
            ("#_draft", ["_draft"]),
            ("#2026-plan", ["2026-plan"]),
            ("#1a", ["1a"]),
            ("(#paren)", ["paren"]),
            ("end of sentence #done.", ["done"]),
            ("list: #a, #b; #c!", ["a", "b", "c"]),
            ("##double", ["double"]),
            ("\n#start-of-line", ["start-of-line"]),
            ("#تعلم", ["تعلم"]),
        ] as [(String, [String])]
    )
    func tags(body: String, expected: [String]) {
        #expect(InlineParser.parse(body).tags == expected)
    }

    @Test("a trailing hyphen is not part of a tag")
    func trailingHyphen() {
        #expect(InlineParser.parse("#ell-chat- and #x--").tags == ["ell-chat", "x"])
    }

    @Test(
        "rejects non-tags",
        arguments: [
            "C# is a language",
            "a#b",
            "it&#39;s an entity",
            "&#x27;hex entity",
            "see example.org/#section",
            "issue #1 and #2026",
            "#12-14 is a range",
            "# heading",
            "#",
            "#-dash",
            "price: #½",
            "`#notatag`",
            "```\n#fenced\n```",
            "http://x/#y",
        ]
    )
    func nonTags(body: String) {
        #expect(InlineParser.parse(body).tags.isEmpty)
    }

    @Test("tags are deduplicated case-insensitively, keeping the first spelling")
    func tagDedup() {
        #expect(InlineParser.parse("#ELL then #ell then #Ell and #other").tags == ["ELL", "other"])
        #expect(InlineParser.parse("#Élève #élève").tags == ["Élève"])
    }

    // MARK: People

    @Test(
        "recognises people",
        arguments: [
            ("@jane", ["jane"]),
            ("thanks @jane.", ["jane"]),
            ("met @jane-doe and @bob_smith", ["jane-doe", "bob_smith"]),
            ("cc @j.doe, @k.lee", ["j.doe", "k.lee"]),
            ("ask @sam- later", ["sam"]),
            ("(@paren)", ["paren"]),
            ("@jane@example.social", ["jane@example.social"]),
            ("follow @jane@example.social.", ["jane@example.social"]),
            ("@Zoë and @李明", ["Zoë", "李明"]),
            ("@3pm", ["3pm"]),
        ] as [(String, [String])]
    )
    func people(body: String, expected: [String]) {
        #expect(InlineParser.parse(body).people == expected)
    }

    @Test(
        "rejects non-people",
        arguments: [
            "mail jane@example.com",
            "j.doe+tag@example.com",
            "first.last@example.org",
            "see you @ 3",
            "meet @3",
            "@",
            "@-x",
            "@.x",
            "`@code`",
            "https://medium.com/@writer",
        ]
    )
    func nonPeople(body: String) {
        #expect(InlineParser.parse(body).people.isEmpty)
    }

    @Test("a second '@' without a dotted domain is not part of the handle")
    func fediverseNeedsDomain() {
        #expect(InlineParser.parse("@jane@localhost").people == ["jane"])
        #expect(InlineParser.parse("@jane@.com").people == ["jane"])
        #expect(InlineParser.parse("@jane.@example.social").people == ["jane"])
    }

    @Test("people are deduplicated case-insensitively, keeping the first spelling")
    func peopleDedup() {
        #expect(InlineParser.parse("@Jane @jane @JANE @bob").people == ["Jane", "bob"])
        #expect(InlineParser.parse("@a@Example.social @A@example.social").people == ["a@Example.social"])
    }

    // MARK: Sources

    @Test(
        "recognises citations",
        arguments: [
            ("[[hattie2009]]", [SourceCitation(key: "hattie2009")]),
            ("[[hattie2009, p. 38]]", [SourceCitation(key: "hattie2009", locator: "p. 38")]),
            ("[[talk,12:30]]", [SourceCitation(key: "talk", locator: "12:30")]),
            ("[[ spaced , ch. 2, §3 ]]", [SourceCitation(key: "spaced", locator: "ch. 2, §3")]),
            ("[[key,]]", [SourceCitation(key: "key")]),
            ("[[doi:10.1000/182]]", [SourceCitation(key: "doi:10.1000/182")]),
            ("[[a_b-c.d]]", [SourceCitation(key: "a_b-c.d")]),
            ("[[Müller2020]]", [SourceCitation(key: "Müller2020")]),
            ("[[[nested]]]", [SourceCitation(key: "nested")]),
            ("[[broken [[good]]", [SourceCitation(key: "good")]),
            ("[[a]] and [[b, p. 2]]", [SourceCitation(key: "a"), SourceCitation(key: "b", locator: "p. 2")]),
        ] as [(String, [SourceCitation])]
    )
    func citations(body: String, expected: [SourceCitation]) {
        #expect(InlineParser.parse(body).sources == expected)
    }

    @Test(
        "malformed brackets are plain text",
        arguments: [
            "[[ ]]",
            "[[]]",
            "[[unclosed",
            "[[unclosed\nline]]",
            "[[two words]]",
            "[[, p. 3]]",
            "[single]",
            "[[a]b]]",
            "`[[code]]`",
        ]
    )
    func malformedCitations(body: String) {
        #expect(InlineParser.parse(body).sources.isEmpty)
    }

    @Test("citations are deduplicated by key (any case) and locator")
    func citationDedup() {
        let links = InlineParser.parse("[[Smith]] [[smith]] [[smith, p. 1]] [[SMITH, p. 1]] [[smith, p. 2]]")
        #expect(
            links.sources == [
                SourceCitation(key: "Smith"),
                SourceCitation(key: "smith", locator: "p. 1"),
                SourceCitation(key: "smith", locator: "p. 2"),
            ])
    }

    @Test("nothing inside a citation is parsed as a tag or person")
    func citationContentIsOpaque() {
        let links = InlineParser.parse("[[key, #3 @x]]")
        #expect(links.tags.isEmpty)
        #expect(links.people.isEmpty)
        #expect(links.sources == [SourceCitation(key: "key", locator: "#3 @x")])
    }

    // MARK: URLs

    @Test(
        "recognises URLs and strips trailing punctuation",
        arguments: [
            ("https://example.com", "https://example.com"),
            ("see http://example.com/a.", "http://example.com/a"),
            ("HTTPS://Example.com/Path", "HTTPS://Example.com/Path"),
            ("is it https://x.org/a?", "https://x.org/a"),
            ("https://x.org/a, then", "https://x.org/a"),
            ("https://x.org/a;", "https://x.org/a"),
            ("https://x.org/a:", "https://x.org/a"),
            ("wow https://x.org/a!", "https://x.org/a"),
            ("'https://x.org/a'", "https://x.org/a"),
            ("https://x.org/a...", "https://x.org/a"),
            ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_(bar)"),
            ("(see https://en.wikipedia.org/wiki/Foo_(bar))", "https://en.wikipedia.org/wiki/Foo_(bar)"),
            ("(see https://x.org/a)", "https://x.org/a"),
            ("(see https://x.org/a).", "https://x.org/a"),
            ("[https://x.org/a]", "https://x.org/a"),
            ("https://x.org/a[1]", "https://x.org/a[1]"),
            ("<https://x.org/a>", "https://x.org/a"),
            ("\"https://x.org/a\"", "https://x.org/a"),
            ("https://x.org/page#section", "https://x.org/page#section"),
            ("https://x.org/?q=1&r=2", "https://x.org/?q=1&r=2"),
            ("https://日本.jp/パス", "https://日本.jp/パス"),
        ] as [(String, String)]
    )
    func urls(body: String, expected: String) {
        #expect(InlineParser.parse(body).urls == [expected])
    }

    @Test(
        "rejects non-URLs",
        arguments: [
            "ftp://example.com",
            "http://",
            "https://.",
            "xhttp://example.com",
            "see `https://x.org/in-code`",
            "example.com/no-scheme",
        ]
    )
    func nonURLs(body: String) {
        #expect(InlineParser.parse(body).urls.isEmpty)
    }

    @Test("URLs are deduplicated exactly and kept in order")
    func urlDedup() {
        let links = InlineParser.parse("https://b.org https://a.org https://b.org. HTTPS://b.org")
        #expect(links.urls == ["https://b.org", "https://a.org", "HTTPS://b.org"])
    }

    @Test("a URL's fragment and '@' are not tags or people")
    func urlContentIsOpaque() {
        let links = InlineParser.parse("read https://x.org/page#intro and https://medium.com/@writer/post #real @real")
        #expect(links.tags == ["real"])
        #expect(links.people == ["real"])
        #expect(links.urls == ["https://x.org/page#intro", "https://medium.com/@writer/post"])
    }

    // MARK: Code spans

    @Test("code spans are skipped, unmatched backticks are literal")
    func codeSpans() {
        #expect(InlineParser.parse("`#a @b [[c]] https://d.org` #e").tags == ["e"])
        #expect(InlineParser.parse("``code with ` inside #x`` #y").tags == ["y"])
        #expect(InlineParser.parse("a lone ` then #tag").tags == ["tag"])
        #expect(InlineParser.parse("`` unmatched ` #tag").tags == ["tag"])
        let links = InlineParser.parse("`#a` @p `#b`")
        #expect(links.tags.isEmpty)
        #expect(links.people == ["p"])
    }

    // MARK: Whole bodies

    @Test("a realistic entry")
    func mixedEntry() {
        let body = """
            Planning #ELL-chat with @maria and @jo@mastodon.social (see [[krashen1982, p. 38]]).
            Slides: https://example.org/slides?id=4#s2. Email me at teacher@school.org.
            Not tags: C#, #1, `#todo`; again #ell-CHAT and [[Krashen1982, p. 38]].
            """
        #expect(
            InlineParser.parse(body)
                == InlineLinks(
                    tags: ["ELL-chat"],
                    people: ["maria", "jo@mastodon.social"],
                    sources: [SourceCitation(key: "krashen1982", locator: "p. 38")],
                    urls: ["https://example.org/slides?id=4#s2"]
                ))
    }

    @Test("text without markers yields nothing", arguments: ["", "plain words only", "tabs\tand\nlines", "émoji 🎉"])
    func empty(body: String) {
        let links = InlineParser.parse(body)
        #expect(links == InlineLinks())
        #expect(links.isEmpty)
    }

    @Test("pathological input stays fast")
    func pathological() {
        let backticks = String(repeating: "` `` ``` ", count: 5_000)
        let brackets = String(repeating: "[[a ", count: 10_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            _ = InlineParser.parse(backticks + brackets + "#end")
        }
        #expect(InlineParser.parse(brackets + "#end").tags == ["end"])
        #expect(elapsed < .seconds(2))
    }
}
