import Testing
@testable import PLNCore

@Suite("HTML tokenizer")
struct HTMLTokenizerTests {
    private func tokens(_ html: String) -> [HTMLToken] { Array(HTMLTokenizer(html)) }

    @Test func readsNetscapeBookmarkMarkup() {
        let html = """
            <!DOCTYPE NETSCAPE-Bookmark-file-1>
            <DT><A HREF="https://example.com/?a=1&amp;b=2" ADD_DATE=1700000000 Tags='ell,pd'>Tom &amp; Jerry</A>
            <DD>A note
            """
        #expect(tokens(html) == [
            .text("\n"),
            .start(name: "dt", attributes: [], selfClosing: false),
            .start(name: "a", attributes: [MarkupAttribute("href", "https://example.com/?a=1&b=2"),
                                           MarkupAttribute("add_date", "1700000000"), MarkupAttribute("tags", "ell,pd")],
                   selfClosing: false),
            .text("Tom & Jerry"),
            .end(name: "a"),
            .text("\n"),
            .start(name: "dd", attributes: [], selfClosing: false),
            .text("A note"),
        ])
    }

    @Test func toleratesWhatBrowsersTolerate() {
        #expect(tokens("a < b <3 and </ 3> done") == [.text("a "), .text("< b "), .text("<3 and "), .text(" done")])
        #expect(tokens("<br/><img src=x alt='a \"b\"' disabled>") == [
            .start(name: "br", attributes: [], selfClosing: true),
            .start(name: "img", attributes: [MarkupAttribute("src", "x"), MarkupAttribute("alt", "a \"b\""),
                                             MarkupAttribute("disabled", "")], selfClosing: false),
        ])
        // The first of a repeated attribute wins; a tag cut off by the end is dropped.
        #expect(tokens("<p class=a CLASS=b>x<a href=\"y") == [
            .start(name: "p", attributes: [MarkupAttribute("class", "a")], selfClosing: false), .text("x"),
        ])
        #expect(tokens("</P >x</>") == [.end(name: "p"), .text("x")])
        #expect(tokens("<?xml version=\"1.0\"?><![CDATA[x]]>y") == [.text("y")])
    }

    @Test func readsComments() {
        #expect(tokens("a<!-- one -- two -->b<!---->c<!-->d<!-- open") == [
            .text("a"), .comment(" one -- two "), .text("b"), .comment(""), .text("c"), .comment(""), .text("d"),
            .comment(" open"),
        ])
    }

    @Test func readsScriptAndStyleAsRawText() {
        #expect(tokens("<script>if (a<b && c) {}</p></SCRIPT ><style>p>q{}</style><title>A &amp; B</title>") == [
            .start(name: "script", attributes: [], selfClosing: false), .text("if (a<b && c) {}</p>"), .end(name: "script"),
            .start(name: "style", attributes: [], selfClosing: false), .text("p>q{}"), .end(name: "style"),
            .start(name: "title", attributes: [], selfClosing: false), .text("A & B"), .end(name: "title"),
        ])
    }

    @Test func countsLines() {
        var tokenizer = HTMLTokenizer("<a>\n\n<b\nc=d>x\ny</b>")
        var lines: [Int] = []
        while tokenizer.next() != nil { lines.append(tokenizer.line) }
        #expect(lines == [1, 1, 3, 4, 5])
    }

    @Test func keepsEmojiAndNonASCII() {
        #expect(tokens("<p title=\"🎉 café\">日本 🎉</p>") == [
            .start(name: "p", attributes: [MarkupAttribute("title", "🎉 café")], selfClosing: false), .text("日本 🎉"), .end(name: "p"),
        ])
    }
}
