import Foundation

/// An entry record of an import with its fields read and checked, before anything is written.
///
/// Decoding needs no journal, so an import does it on its reading thread, beside the JSON
/// parse, and the writing thread only runs the statements (`Importer.save`).
struct ImportedEntry: Sendable {
    var uuid: String
    var timestamp: Timestamp
    /// The date as stored: ISO 8601 with its offset.
    var date: String
    var body: String
    var kind: String
    var framework: String?
    var starred: Bool
    /// The `fields` object as JSON text, nil when absent or empty.
    var fields: String?
    var tags: [String] = []
    var people: [PersonLink] = []
    var sources: [SourceCitation] = []
    /// Bare URLs of a record with text only, linked as web sources.
    var urls: [String] = []
    /// Links to other entries by UUID, resolved once every entry is in.
    var links: [(uuid: String, role: String)] = []
    var stages: [StageAnswer] = []
    /// A reflection's follow-ups, each with the UUID of the entry that closed it, if any.
    var followUps: [(followUp: FollowUp, outcome: String?)] = []

    typealias Problem = Importer.RecordProblem

    init<Value: JSONReadable>(_ value: Value, context: DateContext) throws(Problem) {
        guard case .object = value.shape else { throw Problem(message: "expected an entry object") }
        guard let body = try Importer.string(value, "body") else { throw Problem(message: "missing \"body\"") }
        self.body = body
        let dateText = try Importer.string(value, "date", required: true)!
        guard let timestamp = Timestamp(iso8601: dateText, assumingZone: context.timeZone) else {
            throw Problem(message: "\"date\" is not an ISO 8601 date-time: '\(dateText)'")
        }
        self.timestamp = timestamp
        // pln's own exports give the date as stored already: kept, not written out again.
        var canonical = false
        timestamp.withISO8601Bytes { written in
            canonical = dateText.utf8.withContiguousStorageIfAvailable { given in
                given.count == written.count && memcmp(given.baseAddress!, written.baseAddress!, given.count) == 0
            } ?? false
        }
        date = canonical ? dateText : timestamp.iso8601
        if let given = try Importer.string(value, "uuid") {
            // Lower-cased only when it has something to lower (a UUID is ASCII, mostly lower-case).
            let lower = given.utf8.withContiguousStorageIfAvailable { bytes in
                !bytes.contains(where: { ($0 >= 0x41 && $0 <= 0x5A) || $0 >= 0x80 })
            } ?? false
            uuid = lower ? given : given.lowercased()
        } else {
            uuid = UUIDGenerator.next()
        }
        kind = try Importer.string(value, "kind") ?? "note"
        framework = try Importer.string(value, "framework")
        switch value["starred"]?.shape {
        case nil, .null?: starred = false
        case .bool(let b)?: starred = b
        default: throw Problem(message: "\"starred\" must be true or false")
        }
        fields = try Importer.jsonText(value, "fields", array: false)

        if value["tags"] == nil, value["people"] == nil, value["sources"] == nil {
            // Hand-written input with text only: link what the text names.
            let inline = InlineParser.parse(body)
            tags = inline.tags
            people = inline.people.map { PersonLink(handle: $0) }
            sources = inline.sources
            urls = inline.urls
        } else {
            try readLinks(value)
        }
        if case .array(let items)? = value["links"]?.shape {
            for item in items {
                let target = try Importer.string(item, "uuid", required: true)!.lowercased()
                links.append((target, try Importer.string(item, "role") ?? "follows-up"))
            }
        }
        try readReflection(value, context: context)
        if framework == nil, !stages.isEmpty || !followUps.isEmpty {
            throw Problem(message: "\"stages\" and \"followups\" need a \"framework\"")
        }
    }

    /// The tags, people and sources as pln exports them (a `#`/`@` prefix is dropped).
    private mutating func readLinks<Value: JSONReadable>(_ value: Value) throws(Problem) {
        for tag in try Importer.stringArray(value, "tags") ?? [] {
            let name = Importer.stripPrefix(tag, "#")
            if name.isEmpty { throw Problem(message: "\"tags\" holds an empty tag") }
            tags.append(name)
        }
        switch value["people"]?.shape {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                switch item.shape {
                case .string(let handle): people.append(PersonLink(handle: Importer.stripPrefix(handle, "@")))
                case .object:
                    let handle = try Importer.string(item, "handle", required: true)!
                    people.append(PersonLink(handle: Importer.stripPrefix(handle, "@"),
                                             role: try Importer.string(item, "role") ?? "mentioned"))
                default: throw Problem(message: "\"people\" must hold handles or {handle, role} objects")
                }
            }
        default: throw Problem(message: "\"people\" must be an array")
        }
        if people.contains(where: { $0.handle.isEmpty }) { throw Problem(message: "\"people\" holds an empty handle") }
        switch value["sources"]?.shape {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                switch item.shape {
                case .string(let key): sources.append(SourceCitation(key: key, locator: ""))
                case .object:
                    let key = try Importer.string(item, "key", required: true)!
                    sources.append(SourceCitation(key: key, locator: try Importer.string(item, "locator") ?? ""))
                default: throw Problem(message: "\"sources\" must hold keys or {key, locator} objects")
                }
            }
        default: throw Problem(message: "\"sources\" must be an array")
        }
    }

    /// A reflection's `stages` ([{stage, body}]) and `followups` ([{stage, due, outcome}]);
    /// files without them (older exports, hand-written ones) import as before.
    private mutating func readReflection<Value: JSONReadable>(_ value: Value, context: DateContext) throws(Problem) {
        switch value["stages"]?.shape {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                let stage = try Importer.string(item, "stage", required: true)!
                guard !stages.contains(where: { $0.stage == stage }) else {
                    throw Problem(message: "\"stages\" names '\(stage)' twice")
                }
                stages.append(StageAnswer(stage: stage, body: try Importer.string(item, "body") ?? ""))
            }
        default: throw Problem(message: "\"stages\" must be an array of {stage, body} objects")
        }
        switch value["followups"]?.shape {
        case nil, .null?: break
        case .array(let items)?:
            for item in items {
                let stage = try Importer.string(item, "stage", required: true)!
                let due = try Importer.string(item, "due", required: true)!
                guard due.count == 10, Timestamp(iso8601: due + "T00:00:00Z", assumingZone: context.timeZone) != nil else {
                    throw Problem(message: "\"due\" must be a date YYYY-MM-DD: '\(due)'")
                }
                var outcome: String?
                switch item["outcome"]?.shape {
                case nil, .null?: break
                case .object?: outcome = try Importer.string(item["outcome"]!, "uuid", required: true)!.lowercased()
                default: throw Problem(message: "\"outcome\" must be null or {id, uuid}")
                }
                followUps.append((FollowUp(stage: stage, due: due), outcome))
            }
        default: throw Problem(message: "\"followups\" must be an array of {stage, due, outcome} objects")
        }
    }
}
