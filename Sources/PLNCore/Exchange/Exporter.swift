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
        // The reading (one read transaction, so one snapshot) runs on another thread while
        // this one renders and writes: on two cores a whole-journal export takes about the
        // time of the slower half instead of the sum.
        let records = format == .jsonl || format == .json
        // Batches also go at 1 MiB of text, so that long entries keep the memory bounded.
        let items = ReadAhead<Item>(name: "pln-export", batchWeight: 1 << 20, weigh: { $0.textSize }) { [store] yield in
            try store.read { db in
                if records {
                    let people = try Row.fetchCursor(db, sql: peopleSQL, arguments: compiled.arguments)
                    while let row = try people.next() {
                        guard yield(.person(RecordJSON.person(row, record: format == .jsonl))) else { return }
                    }
                    let sources = try Row.fetchCursor(db, sql: sourcesSQL, arguments: compiled.arguments)
                    while let row = try sources.next() {
                        guard yield(.source(RecordJSON.source(row, record: format == .jsonl))) else { return }
                    }
                }
                try Self.streamEntries(db, compiled: compiled) { yield(.entry($0)) }
            }
        }
        defer { items.cancel(waiting: true) }
        do {
            switch format {
            case .jsonl:
                while let item = try items.next() {
                    try Interrupt.check()
                    switch item {
                    case .person(let line), .source(let line): sink.line(line)
                    case .entry(let entry): sink.line(bytes: EntryRenderer.jsonBytes(entry))
                    }
                }
            case .json:
                sink.write("{\"format\":\"pln\",\"version\":1,\n\"people\":[")
                var section = 0  // 0 people, 1 sources, 2 entries
                var first = true
                func enter(_ next: Int) {
                    while section < next {
                        section += 1
                        sink.write(section == 1 ? "],\n\"sources\":[" : "],\n\"entries\":[")
                        first = true
                    }
                }
                func separate(in next: Int) {
                    enter(next)
                    sink.write(first ? "\n" : ",\n")
                    first = false
                }
                while let item = try items.next() {
                    try Interrupt.check()
                    switch item {
                    case .person(let text): separate(in: 0); sink.write(text)
                    case .source(let text): separate(in: 1); sink.write(text)
                    case .entry(let entry): separate(in: 2); sink.write(bytes: EntryRenderer.jsonBytes(entry))
                    }
                }
                enter(2)
                sink.line("]}")
            case .csv, .tsv, .md, .text:
                // Entries in id order, the order they were written in (ids follow capture).
                let renderer = EntryRenderer(format: format, sink: sink, style: style)
                renderer.begin()
                while let item = try items.next() {
                    try Interrupt.check()
                    if case .entry(let entry) = item { renderer.entry(entry) }
                }
                renderer.end()
            }
        } catch let error as PLNError {
            throw error
        } catch {
            throw JournalStore.wrap(error)
        }
        sink.flush()
    }

    /// What the reading thread hands over: a person or source record already in JSON, or an entry.
    private enum Item {
        case person(String)
        case source(String)
        case entry(Entry)

        /// The bytes of its text, which bound the read-ahead's batches.
        var textSize: Int {
            switch self {
            case .person(let line), .source(let line): line.utf8.count
            case .entry(let entry): entry.body.utf8.count
            }
        }
    }

    /// Hands `body` the entries the query selects, in id order, until it returns false.
    private static func streamEntries(_ db: Database, compiled: CompiledQuery, _ body: (Entry) -> Bool) throws {
        if compiled.whereClause == "1" {
            let stream = try OrderedEntries(db, order: .id)
            while let entry = try stream.next() {
                guard body(entry) else { return }
            }
            return
        }
        let cursor = try Row.fetchCursor(
            db, sql: "SELECT \(JournalStore.entryColumns) FROM \(compiled.from) WHERE \(compiled.whereClause) ORDER BY e.id",
            arguments: compiled.arguments)
        while let row = try cursor.next() {
            guard body(JournalStore.decodeEntry(row)) else { return }
        }
    }
}
