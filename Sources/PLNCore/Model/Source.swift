/// Something learned from: a book, article, video, podcast, web page, recurring chat.
package struct Source: Sendable, Equatable {
    package var id: Int64
    package var uuid: String
    package var key: String
    /// A CSL item type (book, article-journal, webpage, …).
    package var type: String
    package var title: String?
    /// Serialised JSON array of CSL names.
    package var authors: String?
    package var issued: String?
    package var container: String?
    package var volume: String?
    package var issue: String?
    package var pages: String?
    package var publisher: String?
    package var url: String?
    package var doi: String?
    package var isbn: String?
    package var hashtag: String?
    package var platform: String?
    package var schedule: String?
    package var stub: Bool
    package var created: String

    /// The text columns in schema order, with their JSON names (which are the column names).
    package static let textColumns = [
        "title", "authors", "issued", "container", "volume", "issue", "pages", "publisher", "url", "doi",
        "isbn", "hashtag", "platform", "schedule",
    ]
}
