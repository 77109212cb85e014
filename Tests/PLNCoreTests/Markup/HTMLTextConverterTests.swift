import Testing
@testable import PLNCore

@Suite("HTML to text")
struct HTMLTextConverterTests {
    private func text(_ html: String) -> String { HTMLTextConverter.text(from: html) }

    @Test func mastodonStatus() {
        let html = """
            <p>Tried think-pair-share today &amp; it worked! <a href="https://mastodon.social/tags/ELL" class="mention hashtag" \
            rel="tag">#<span>ELL</span></a> with <span class="h-card" translate="no"><a href="https://mastodon.social/@jane" \
            class="u-url mention">@<span>jane</span></a></span> and <span class="h-card"><a href="https://scholar.social/@bob" \
            class="u-url mention">@<span>bob@scholar.social</span></a></span></p><p>Paper: <a href="https://example.org/papers/\
            2023/think-pair-share-in-practice" target="_blank" rel="nofollow noopener noreferrer" translate="no"><span \
            class="invisible">https://</span><span class="ellipsis">example.org/papers/2023/think-p</span><span \
            class="invisible">air-share-in-practice</span></a><br />It&#39;s long 🎉</p>
            """
        #expect(text(html) == """
            Tried think-pair-share today & it worked! #ELL with @jane and @bob@scholar.social

            Paper: https://example.org/papers/2023/think-pair-share-in-practice
            It's long 🎉
            """)
    }

    @Test func linksBecomeMarkdownUnlessTheTextIsTheURL() {
        #expect(text("<a href=\"https://a.example/x\">the report</a>") == "[the report](https://a.example/x)")
        #expect(text("see <a href=\"https://a.example/x/\">a.example/x</a>.") == "see https://a.example/x/.")
        #expect(text("<a href=\"https://a.example/\"><img src=\"i.png\"></a>") == "https://a.example/")
        #expect(text("<a href=\"javascript:void(0)\">click</a> <a href=\"/local\">here</a>") == "click here")
        #expect(text("<a href=\"mailto:me@example.org\">me@example.org</a>") == "mailto:me@example.org")
        #expect(text("a <a href=\"https://b.example\"> spaced </a> c") == "a [spaced](https://b.example) c")
        #expect(text("<a href=\"https://b.example\"><strong>bold</strong> link</a>") == "[**bold** link](https://b.example)")
    }

    @Test func paragraphsAndBreaksNeverMakeRunsOfBlankLines() {
        #expect(text("<p>one</p>\n\n<p></p><p>two</p><br><br><br><p>three</p>") == "one\n\ntwo\n\nthree")
        #expect(text("<div>a</div><div>b</div>c<br>d") == "a\nb\nc\nd")
        #expect(text("  lots   of\n\t whitespace  ") == "lots of whitespace")
        #expect(text("x<br><br>y") == "x\n\ny")
        #expect(text("a&nbsp;&nbsp;b") == "a  b")
    }

    @Test func inlineFormatting() {
        #expect(text("<em>one</em> <i>two</i> <strong>three</strong> <b> four </b>five <code>x = 1</code>")
            == "*one* *two* **three** **four** five `x = 1`")
        #expect(text("<em></em>empty <strong> </strong>marks") == "empty marks")
        #expect(text("<h2>Title</h2><p>body</p>") == "## Title\n\nbody")
    }

    @Test func listsQuotesAndCode() {
        #expect(text("<p>Intro</p><ul><li>one</li><li>two<ul><li>nested</li></ul></li></ul><ol><li>first<li>second</ol>")
            == "Intro\n\n- one\n- two\n  - nested\n\n1. first\n2. second")
        #expect(text("<blockquote><p>quoted</p><p>more</p></blockquote><p>after</p>") == "> quoted\n>\n> more\n\nafter")
        #expect(text("<p>code:</p><pre>\nlet x = 1\n  indented\n</pre>") == "code:\n\n```\nlet x = 1\n  indented\n```")
        #expect(text("<hr><p>x</p>") == "---\n\nx")
    }

    @Test func scriptsStylesAndHeadAreDropped() {
        #expect(text("<html><head><title>T</title><style>p{}</style></head><body><script>x()</script><p>kept</p></body></html>")
            == "kept")
        #expect(text("<p>a<!-- hidden -->b</p>") == "ab")
    }

    @Test func embedsAndImages() {
        #expect(text("<p>Watch:</p><iframe width=\"425\" src=\"//www.youtube.com/embed/dQw4w9WgXcQ\"></iframe><p>end</p>")
            == "Watch:\n\nhttps://www.youtube.com/embed/dQw4w9WgXcQ\n\nend")
        #expect(text("<img src=\"x.png\" alt=\"A chart\"> below") == "A chart below")
    }

    @Test func linkTargetsComeInOrderOnceEach() {
        let html = """
            <p><a href="https://m.example/tags/ell" class="mention hashtag" rel="tag">#ell</a> \
            <a href="https://b.example/x">x</a> <a href="/relative">r</a> <a href="mailto:a@b.example">m</a>
            <iframe src="//www.youtube.com/embed/abc"></iframe> <a href="HTTPS://b.example/y">y</a>
            <a href="https://b.example/x">again</a></p>
            """
        #expect(HTMLTextConverter.textAndLinks(from: html).links
            == ["https://b.example/x", "https://www.youtube.com/embed/abc", "HTTPS://b.example/y"])
    }

    @Test func plainTextAndBrokenMarkupSurvive() {
        #expect(text("just text, no tags") == "just text, no tags")
        #expect(text("<p>unclosed <b>bold") == "unclosed **bold")
        #expect(text("3 < 4 and 5 > 2") == "3 < 4 and 5 > 2")
        #expect(text("") == "")
    }

    @Test func linkLabelsLoseOnlyTheirOuterSpaces() {
        #expect(HTMLTextConverter.trimmingSpaces("  café au lait 😀 ") == "café au lait 😀")
        #expect(HTMLTextConverter.trimmingSpaces("no spaces") == "no spaces")
        #expect(HTMLTextConverter.trimmingSpaces("   ") == "")
        #expect(HTMLTextConverter.trimmingSpaces("") == "")
        #expect(HTMLTextConverter.trimmingSpaces("\u{A0}kept\u{A0}") == "\u{A0}kept\u{A0}")
        #expect(text(#"<p>See <a href="https://b.example/x">  the  page</a> now</p>"#) == "See [the page](https://b.example/x) now")
    }

    @Test func schemesAreCheckedWhateverTheirCase() {
        #expect(text("<a href=\"JavaScript:alert(1)\">x</a> <a href=\"DATA:text/plain,y\">y</a>") == "x y")
        #expect(text("<a href=\"ftp://f.example/a\">file</a>") == "[file](ftp://f.example/a)")
        #expect(text("<a href=\"1ab:x\">n</a> <a href=\"a_b:x\">u</a> <a href=\":x\">e</a>") == "n u e")
        #expect(text("<a href=\"été:x\">t</a>") == "[t](été:x)")  // Unicode letters, as before
        #expect(HTMLTextConverter.textAndLinks(from: """
            <a href="http://">a</a><a href="HtTp://b.example">b</a><a href="https:/c.example">c</a>\
            <a href="httpx://d.example">d</a><a href="http:">e</a>
            """).links == ["http://", "HtTp://b.example"])
    }

    @Test func whiteSpaceCollapsesInsideAndAroundWords() {
        #expect(text("a\tb  c\nd e") == "a b c d e")
        #expect(text("<p> one  two\u{A0}three </p>") == "one two three")
        #expect(text("x <a href=\"https://b.example\">  two  words\t</a>  y") == "x [two words](https://b.example) y")
        #expect(text("à la carte") == "à la carte")  // C3 A0 is not a no-break space
        #expect(text("<b>bold</b>  \n <i>it</i>") == "**bold** *it*")
    }

    @Test func rawTextElementsAreFoundByName() {
        #expect(text("<textarea>a &amp; <b>b</b></textarea> c") == "a & <b>b</b> c")
        #expect(text("<xmp><p>shown</p></xmp>") == "<p>shown</p>")
        #expect(text("<IFRAME>x<y</iframe>z") == "x<yz")
        #expect(text("<noscript><p>n</p></noscript><noembed><b>e</b></noembed><NOFRAMES><i>f</i></noframes>")
            == "<b>e</b><i>f</i>")
        #expect(text("<scripts><b>kept</b></scripts>") == "**kept**")
    }

    @Test func classListsAreSplitOnSpaces() {
        #expect(HTMLTextConverter.hasToken("mention u-url", "mention"))
        #expect(HTMLTextConverter.hasToken("u-url  mention ", "mention"))
        #expect(!HTMLTextConverter.hasToken("mentions", "mention"))
        #expect(!HTMLTextConverter.hasToken("", "tag"))
        #expect(HTMLTextConverter.hasToken("nofollow noopener tag", "tag"))
        #expect(!HTMLTextConverter.hasToken("hashtäg", "hashtag"))
    }
}
