/// A source's bibliographic fields, as citation formats and `pln source` read them.
package struct SourceRecord: Sendable, Equatable {
    package var key: String
    /// A CSL item type: book, chapter, article-journal, webpage, post, post-weblog, video,
    /// podcast, song, software, report, thesis, speech, chat, document …
    package var type: String
    package var title: String?
    /// Creators as "Family, Given" (people) or a plain name (organisations), in order.
    package var authors: [String]
    /// EDTF-style date: "2010", "2010-05", "2010-05-14".
    package var issued: String?
    /// The journal, book, site, channel or podcast the item is part of.
    package var container: String?
    package var volume: String?
    package var issue: String?
    package var pages: String?
    package var publisher: String?
    package var url: String?
    package var doi: String?
    package var isbn: String?

    package init(key: String, type: String, title: String? = nil, authors: [String] = [], issued: String? = nil,
                 container: String? = nil, volume: String? = nil, issue: String? = nil, pages: String? = nil,
                 publisher: String? = nil, url: String? = nil, doi: String? = nil, isbn: String? = nil) {
        self.key = key
        self.type = type
        self.title = title
        self.authors = authors
        self.issued = issued
        self.container = container
        self.volume = volume
        self.issue = issue
        self.pages = pages
        self.publisher = publisher
        self.url = url
        self.doi = doi
        self.isbn = isbn
    }
}

extension SourceRecord {
    /// The source table's text columns, in schema order; they are also the JSON member names
    /// of a source in exports.
    package static let storedTextColumns = [
        "title", "authors", "issued", "container", "volume", "issue", "pages", "publisher", "url", "doi",
        "isbn", "hashtag", "platform", "schedule",
    ]

    /// The record with terminal control characters removed from every field, for display.
    package func sanitized() -> SourceRecord {
        func clean(_ text: String?) -> String? { text.map { TerminalText.sanitize($0, keepNewlines: false) } }
        return SourceRecord(
            key: TerminalText.sanitize(key, keepNewlines: false), type: TerminalText.sanitize(type, keepNewlines: false),
            title: clean(title), authors: authors.map { TerminalText.sanitize($0, keepNewlines: false) }, issued: clean(issued),
            container: clean(container), volume: clean(volume), issue: clean(issue), pages: clean(pages),
            publisher: clean(publisher), url: clean(url), doi: clean(doi), isbn: clean(isbn))
    }
}
