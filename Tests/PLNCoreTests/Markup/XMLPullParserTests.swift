import Foundation
import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("XML pull parser")
struct XMLPullParserTests {
    private func events(_ xml: String) throws -> [XMLEvent] {
        let parser = XMLPullParser(text: xml, name: "t.xml")
        var result: [XMLEvent] = []
        while let event = try parser.next() { result.append(event) }
        return result
    }

    private func failure(_ xml: String) -> String? {
        do {
            _ = try events(xml)
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func readsAMediaWikiExport() throws {
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <!DOCTYPE x [ <!ENTITY e "v"> ]>
            <mediawiki xmlns="http://www.mediawiki.org/xml/export-0.11/" xml:lang="en">
              <!-- a comment -->
              <page>
                <title>Caf&#233; &amp; Co</title>
                <redirect title="Other" />
                <revision>
                  <comment deleted="deleted" />
                  <text xml:space="preserve">[[Category:X]] a &lt; b<![CDATA[ <raw> & ]]>end</text>
                  <text xml:space="preserve">  </text>
                </revision>
              </page>
            </mediawiki>
            """
        #expect(try events(xml) == [
            .start(name: "mediawiki", attributes: [MarkupAttribute("xmlns", "http://www.mediawiki.org/xml/export-0.11/"),
                                                   MarkupAttribute("xml:lang", "en")]),
            .start(name: "page", attributes: []),
            .start(name: "title", attributes: []), .text("Café & Co"), .end(name: "title"),
            .start(name: "redirect", attributes: [MarkupAttribute("title", "Other")]), .end(name: "redirect"),
            .start(name: "revision", attributes: []),
            .start(name: "comment", attributes: [MarkupAttribute("deleted", "deleted")]), .end(name: "comment"),
            .start(name: "text", attributes: [MarkupAttribute("xml:space", "preserve")]),
            .text("[[Category:X]] a < b <raw> & end"), .end(name: "text"),
            .start(name: "text", attributes: [MarkupAttribute("xml:space", "preserve")]), .text("  "), .end(name: "text"),
            .end(name: "revision"),
            .end(name: "page"),
            .end(name: "mediawiki"),
        ])
    }

    @Test func keepsNamespacePrefixesAndDecodesAttributes() throws {
        #expect(try events("<rss:a dc:x='1 &quot;2&quot;' y=\"a\tb\">\u{FEFF}text\nmore</rss:a>") == [
            .start(name: "rss:a", attributes: [MarkupAttribute("dc:x", "1 \"2\""), MarkupAttribute("y", "a b")]),
            .text("\u{FEFF}text\nmore"), .end(name: "rss:a"),
        ])
        #expect(try events("\u{FEFF}<a>&#x1F600;&#10;</a>") == [.start(name: "a", attributes: []), .text("😀\n"), .end(name: "a")])
    }

    @Test func reportsLines() throws {
        let parser = XMLPullParser(text: "<a>\n  <b>x\ny</b>\n</a>")
        var lines: [Int] = []
        while try parser.next() != nil { lines.append(parser.line) }
        #expect(lines == [1, 2, 2, 3, 4])
    }

    @Test(arguments: [
        ("<a>\n<b></a>", "t.xml:2: mismatched end tag </a>: <b> (opened on line 2) is still open"),
        ("<a>\n<b>", "t.xml:2: the file ends inside <b> (opened on line 2)"),
        ("<a>\n<b attr=\"x\n\n", "t.xml:2: the file ends inside the tag <b> (opened on line 2)"),
        ("<a>\n\nfish &chips;</a>", "t.xml:3: unknown entity &chips;"),
        ("<a>fish & chips</a>", "t.xml:1: '&' must be written &amp; (or start a reference such as &lt; ending in ';')"),
        ("<a>&#xD800;</a>", "t.xml:1: invalid character reference &#xD800;"),
        ("<a b=c/>", "t.xml:1: the value of attribute 'b' in <a> must be quoted"),
        ("<a b/>", "t.xml:1: attribute 'b' in <a> has no value"),
        ("<a b='1' b='2'/>", "t.xml:1: attribute 'b' repeated in <a>"),
        ("<a b='<'/>", "t.xml:1: '<' in the value of attribute 'b' must be written &lt;"),
        ("</a>", "t.xml:1: end tag </a> without a matching start tag"),
        ("<a/><b/>", "t.xml:1: a second root element after the first one ended"),
        ("hello <a/>", "t.xml:1: text before the root element"),
        ("<a/>\ntrailing", "t.xml:2: text after the end of the root element"),
        ("<a><!-- open\n</a>", "t.xml:1: the file ends inside a comment (opened on line 1)"),
        ("<a><![CDATA[x</a>", "t.xml:1: the file ends inside a CDATA section (opened on line 1)"),
        ("<a><1/></a>", "t.xml:1: '1' is not a valid name"),
    ])
    func rejectsMalformedXML(_ xml: String, _ message: String) {
        #expect(failure(xml) == message)
    }

    @Test func rejectsInvalidUTF8() throws {
        let folder = TemporaryFolder()
        let path = folder.path + "/bad.xml"
        try Data([0x3C, 0x61, 0x3E, 0x0A, 0xFF, 0x3C, 0x2F, 0x61, 0x3E]).write(to: URL(fileURLWithPath: path))
        let parser = try XMLPullParser(path: path)
        #expect(try parser.next() == .start(name: "a", attributes: []))
        #expect(throws: PLNError.invalidUTF8(file: path, line: 2)) { try parser.next() }
    }

    /// A document larger than many chunks, with text and tags across chunk boundaries, reads
    /// the same from a file as from a string.
    @Test func streamsFilesInChunks() throws {
        var xml = "<dump>\n"
        for index in 0..<5000 {
            xml += "<page id=\"\(index)\"><title>Page &amp; \(index) é</title><text xml:space=\"preserve\">"
            xml += String(repeating: "wiki text ", count: index % 40) + "<![CDATA[cd]]></text></page>\n"
        }
        xml += "</dump>\n"
        let folder = TemporaryFolder()
        let path = folder.path + "/dump.xml"
        try xml.write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try XMLPullParser(path: path)
        let fromText = XMLPullParser(text: xml)
        var count = 0
        var lastLine = 0
        while let event = try fromFile.next() {
            #expect(event == (try fromText.next()))
            #expect(fromFile.line == fromText.line)
            lastLine = fromFile.line
            count += 1
        }
        #expect(try fromText.next() == nil)
        #expect(count == 2 + 5000 * 8)
        #expect(lastLine == 5002)
    }

    @Test func missingFilesAreIOErrors() {
        #expect(throws: PLNError.io(path: "/nonexistent/x.xml", reason: "No such file or directory")) {
            _ = try XMLPullParser(path: "/nonexistent/x.xml")
        }
    }
}
