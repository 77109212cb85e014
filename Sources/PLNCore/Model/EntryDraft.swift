import Foundation

/// An entry about to be saved: the text and everything that will be linked to it.
package struct EntryDraft: Sendable {
    package var uuid: String
    package var timestamp: Timestamp
    package var body: String
    package var kind: String
    package var framework: String?
    package var starred: Bool
    package var fields: String?
    package var tags: [String]
    package var people: [PersonLink]
    package var sources: [SourceCitation]
    /// Bare URLs to link as web sources, created or reused by normalised URL.
    package var urls: [String]
    /// Links to other entries, by UUID (resolved when the entry is saved).
    package var links: [(uuid: String, role: String)]

    package init(
        uuid: String = UUIDGenerator.next(), timestamp: Timestamp, body: String,
        kind: String = "note", framework: String? = nil, starred: Bool = false, fields: String? = nil,
        tags: [String] = [], people: [PersonLink] = [], sources: [SourceCitation] = [], urls: [String] = [],
        links: [(uuid: String, role: String)] = []
    ) {
        self.uuid = uuid
        self.timestamp = timestamp
        self.body = body
        self.kind = kind
        self.framework = framework
        self.starred = starred
        self.fields = fields
        self.tags = tags
        self.people = people
        self.sources = sources
        self.urls = urls
        self.links = links
    }

    /// A draft whose links come from the inline syntax of `body`.
    package init(parsing body: String, timestamp: Timestamp, kind: String = "note") {
        let inline = InlineParser.parse(body)
        self.init(
            timestamp: timestamp, body: body, kind: kind, tags: inline.tags,
            people: inline.people.map { PersonLink(handle: $0) }, sources: inline.sources, urls: inline.urls
        )
    }
}
