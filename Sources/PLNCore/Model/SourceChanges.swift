/// Changes to one source (`pln source add/edit`); nil leaves a field as it is, "" clears it.
package struct SourceChanges: Sendable {
    package var type: String?
    package var title: String?
    package var authors: [String]?
    package var issued: String?
    package var container: String?
    package var volume: String?
    package var issue: String?
    package var pages: String?
    package var publisher: String?
    package var url: String?
    package var doi: String?
    package var isbn: String?
    /// For a chat: its hashtag (without '#'); entries with that tag are linked to it.
    package var hashtag: String?
    /// For a chat: where it happens (twitter, mastodon, …).
    package var platform: String?
    /// For a chat: its weekly time, "tue 20:00 America/New_York" (checked by `ChatSchedule`).
    package var schedule: String?

    package init() {}

    /// The CSL item types pln knows by name (others are accepted as written).
    package static let knownTypes = [
        "article-journal", "article-magazine", "article-newspaper", "book", "chapter", "chat", "document", "post",
        "post-weblog", "podcast", "report", "software", "song", "speech", "thesis", "video", "webpage",
    ]
}
