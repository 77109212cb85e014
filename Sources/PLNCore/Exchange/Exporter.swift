import GRDB

/// `pln export`: the whole journal, or the entries a query selects, streamed.
///
/// JSONL writes the people and sources the entries refer to first (one object a line, with a
/// `record` member), then one entry a line in the documented entry shape, so that `pln import`
/// can rebuild every entry, person, source and link. JSON wraps the same records in one object;
/// CSV, TSV and Markdown carry entries only.
package struct Exporter {
    package let store: JournalStore
    package let sink: OutputSink

    package init(store: JournalStore, sink: OutputSink) {
        self.store = store
        self.sink = sink
    }

    package func export(query: EntryQuery, format: OutputFormat, style: Style) throws(PLNError) {
        let compiled = query.compile()
        let selected = "SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause)"
        let peopleSQL: String
        let sourcesSQL: String
        if query.expression == nil {
            peopleSQL = RecordJSON.personSelect + " ORDER BY p.id"
            sourcesSQL = "SELECT * FROM source ORDER BY id"
        } else {
            peopleSQL = RecordJSON.personSelect
                + " WHERE p.id IN (SELECT person_id FROM entry_person WHERE entry_id IN (\(selected))) ORDER BY p.id"
            sourcesSQL = "SELECT * FROM source WHERE id IN (SELECT source_id FROM entry_source WHERE entry_id IN (\(selected))) ORDER BY id"
        }
        try store.read { db in
            switch format {
            case .jsonl:
                let people = try Row.fetchCursor(db, sql: peopleSQL, arguments: compiled.arguments)
                while let row = try people.next() { sink.line(RecordJSON.person(row, record: true)) }
                let sources = try Row.fetchCursor(db, sql: sourcesSQL, arguments: compiled.arguments)
                while let row = try sources.next() { sink.line(RecordJSON.source(row, record: true)) }
                try streamEntries(db, compiled: compiled) { sink.line(bytes: EntryRenderer.jsonBytes($0)) }
            case .json:
                sink.write("{\"format\":\"pln\",\"version\":1,\n\"people\":[")
                var first = true
                let people = try Row.fetchCursor(db, sql: peopleSQL, arguments: compiled.arguments)
                while let row = try people.next() {
                    sink.write(first ? "\n" : ",\n"); first = false
                    sink.write(RecordJSON.person(row, record: false))
                }
                sink.write("],\n\"sources\":[")
                first = true
                let sources = try Row.fetchCursor(db, sql: sourcesSQL, arguments: compiled.arguments)
                while let row = try sources.next() {
                    sink.write(first ? "\n" : ",\n"); first = false
                    sink.write(RecordJSON.source(row, record: false))
                }
                sink.write("],\n\"entries\":[")
                first = true
                try streamEntries(db, compiled: compiled) { entry in
                    sink.write(first ? "\n" : ",\n"); first = false
                    sink.write(bytes: EntryRenderer.jsonBytes(entry))
                }
                sink.line("]}")
            case .csv, .tsv, .md, .text:
                // Entries in id order, the order they were written in (ids follow capture).
                let renderer = EntryRenderer(format: format, sink: sink, style: style)
                renderer.begin()
                try streamEntries(db, compiled: compiled) { renderer.entry($0) }
                renderer.end()
            }
        }
        sink.flush()
    }

    private func streamEntries(_ db: Database, compiled: CompiledQuery, _ body: (Entry) -> Void) throws {
        if compiled.whereClause == "1" {
            var stream = try EntryStream(db)
            while let entry = try stream.next() {
                try Interrupt.check()
                body(entry)
            }
            return
        }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(JournalStore.entryColumns) FROM \(compiled.from) WHERE \(compiled.whereClause) ORDER BY e.id",
            arguments: compiled.arguments)
        while let row = try cursor.next() {
            try Interrupt.check()
            body(JournalStore.decodeEntry(row))
        }
    }
}
