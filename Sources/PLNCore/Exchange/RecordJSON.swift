import GRDB

/// JSON for people and sources, as export writes them and import reads them back.
package enum RecordJSON {
    /// Appends the members of a person object (without braces), `record` first when asked.
    static func person(_ row: Row, record: Bool) -> String {
        var w = JSONWriter()
        w.beginObject()
        if record { w.field("record", "person") }
        w.field("uuid", row["uuid"] as String)
        w.field("handle", "@" + (row["handle"] as String))
        w.field("name", row["name"] as String?)
        w.key("roles"); w.raw(row["roles"] as String? ?? "[]")
        w.key("topics"); w.raw(row["topics"] as String? ?? "[]")
        w.key("handles"); w.raw(row["handles"] as String? ?? "{}")
        w.field("email", row["email"] as String?)
        w.field("met", row["met"] as String?)
        w.field("through", (row["through"] as String?).map { "@" + $0 })
        w.key("every_days")
        if let days = row["cadence_days"] as Int64? { w.int(days) } else { w.null() }
        w.field("notes", row["notes"] as String?)
        w.field("created", row["created"] as String)
        w.endObject()
        return w.output
    }

    static func source(_ row: Row, record: Bool) -> String {
        var w = JSONWriter()
        w.beginObject()
        if record { w.field("record", "source") }
        w.field("uuid", row["uuid"] as String)
        w.field("key", row["key"] as String)
        w.field("type", row["type"] as String)
        for column in SourceRecord.storedTextColumns {
            if column == "authors" {
                w.key("authors"); w.raw(row["authors"] as String? ?? "[]")
            } else {
                w.field(column, row[column] as String?)
            }
        }
        w.field("stub", row["stub"] as Bool)
        w.field("created", row["created"] as String)
        w.endObject()
        return w.output
    }

    static let personSelect = """
        SELECT p.*, t.handle AS through FROM person p LEFT JOIN person t ON t.id = p.through_id
        """
}
