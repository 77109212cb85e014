/// A journal entry as users see it: the row plus its tags, people, sources and links.
package struct Entry: Sendable, Equatable {
    package var id: Int64
    package var uuid: String
    package var timestamp: Timestamp
    package var body: String
    package var kind: String
    package var framework: String?
    package var starred: Bool
    /// Custom fields as a serialised JSON object, nil when there are none.
    package var fields: String?
    package var tags: [String]
    package var people: [PersonLink]
    package var sources: [SourceCitation]
    package var links: [EntryLink]
    /// A structured reflection's answers by stage, in the framework's order (empty otherwise).
    package var stages: [StageAnswer]
    /// A structured reflection's follow-ups (empty otherwise).
    package var followUps: [FollowUp]

    package init(
        id: Int64, uuid: String, timestamp: Timestamp, body: String, kind: String = "note",
        framework: String? = nil, starred: Bool = false, fields: String? = nil, tags: [String] = [],
        people: [PersonLink] = [], sources: [SourceCitation] = [], links: [EntryLink] = [],
        stages: [StageAnswer] = [], followUps: [FollowUp] = []
    ) {
        self.id = id
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
        self.links = links
        self.stages = stages
        self.followUps = followUps
    }
}

/// A person linked to an entry, with the role of the link.
package struct PersonLink: Sendable, Equatable, Hashable {
    /// The handle without its leading '@'.
    package var handle: String
    /// mentioned, learned-from, shared-with, met.
    package var role: String

    package init(handle: String, role: String = "mentioned") {
        self.handle = handle
        self.role = role
    }
}

/// A link from one entry to another (follows-up, outcome).
package struct EntryLink: Sendable, Equatable, Hashable {
    package var id: Int64
    package var uuid: String
    package var role: String

    package init(id: Int64, uuid: String, role: String) {
        self.id = id
        self.uuid = uuid
        self.role = role
    }
}
