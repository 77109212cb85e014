import GRDB

/// A user's query, parsed and ready to compile to SQL.
///
/// The single entry point for `pln list`, `search`, `count` and `export`, the shell and Lua, so
/// one syntax means the same thing everywhere. Parsing happens once, in `init`, so a syntax
/// error surfaces before any database work; dates resolve against the `DateContext` given there.
package struct EntryQuery: Sendable {
    /// The query as typed.
    package let text: String
    /// The parsed query; nil matches every entry.
    package let expression: QueryExpression?

    package init(_ text: String, context: DateContext) throws(PLNError) {
        self.text = text
        self.expression = try QueryParser.parse(text, context: context)
    }

    /// A query built in code (`pln reflections` adds its own terms to the user's).
    package init(expression: QueryExpression?, text: String) {
        self.text = text
        self.expression = expression
    }

    /// SQL pieces to select entries aliased `e`.
    ///
    /// Free-text terms directly in the top-level AND become one FTS5 MATCH driving a join with
    /// `entry_fts`, which is what keeps a search fast on a large journal and gives callers rank
    /// and snippets. Free text under OR or NOT cannot drive the join, so it becomes an
    /// `e.id IN (…MATCH…)` subquery instead.
    ///
    /// - Parameter isFrequent: whether a top-level `#tag`, `@person` or `source:` term matches
    ///   so many entries that scanning by date and probing its link table beats reading all of
    ///   its entries and sorting them; such terms compile to a correlated `EXISTS` instead of
    ///   `e.id IN (…)`. Only worth asking for a date-ordered, limited listing.
    package func compile(isFrequent: (QueryExpression) -> Bool = { _ in false }) -> CompiledQuery {
        guard let expression else {
            return CompiledQuery(from: "entry e", whereClause: "1")
        }
        let operands: [QueryExpression]
        if case .and(let list) = expression {
            operands = list
        } else {
            operands = [expression]
        }
        var search: [String] = []
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        for operand in operands {
            if case .text(let text) = operand {
                search.append(text.fts5)
            }
        }
        if !search.isEmpty {
            // Juxtaposition (implicit AND) rather than FTS5's AND: a word with no indexable
            // characters (`&`, `*`) is then ignored instead of matching nothing.
            conditions.append("entry_fts MATCH ?")
            arguments.append(search.joined(separator: " "))
        }
        for operand in operands {
            if case .text = operand { continue }
            if isFrequent(operand), let probe = Self.probe(for: operand, arguments: &arguments) {
                conditions.append(probe)
            } else {
                conditions.append(Self.sql(for: operand, arguments: &arguments))
            }
        }
        guard !search.isEmpty else {
            return CompiledQuery(
                from: "entry e",
                whereClause: conditions.joined(separator: " AND "),
                arguments: StatementArguments(arguments)
            )
        }
        return CompiledQuery(
            from: "entry_fts JOIN entry e ON e.id = entry_fts.rowid",
            whereClause: conditions.joined(separator: " AND "),
            arguments: StatementArguments(arguments),
            rank: "pln_rank(entry_fts)",
            snippet: "snippet(entry_fts, 0, char(1), char(2), '…', 12)"
        )
    }

    /// The link terms as a probe of their link table's primary key for the entry at hand.
    private static func probe(for expression: QueryExpression, arguments: inout [any DatabaseValueConvertible]) -> String? {
        switch expression {
        case .tag(let name):
            arguments.append(name)
            return "EXISTS (SELECT 1 FROM entry_tag WHERE tag_id = (SELECT id FROM tag WHERE name = ?) AND entry_id = e.id)"
        case .person(let handle):
            arguments.append(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
            return "EXISTS (SELECT 1 FROM entry_person WHERE person_id = (SELECT id FROM person WHERE handle = ?) AND entry_id = e.id)"
        case .source(let key):
            arguments.append(key)
            return "EXISTS (SELECT 1 FROM entry_source WHERE source_id = (SELECT id FROM source WHERE key = ?) AND entry_id = e.id)"
        default:
            return nil
        }
    }

    /// The link table rows a link term matches, as SQL counting at most `cap` of them.
    package static func linkCount(for expression: QueryExpression, cap: Int?) -> (sql: String, argument: String)? {
        let limit = cap.map { " LIMIT \($0)" } ?? ""
        switch expression {
        case .tag(let name):
            return ("SELECT count(*) FROM (SELECT entry_id FROM entry_tag WHERE tag_id = (SELECT id FROM tag WHERE name = ?)\(limit))", name)
        case .person(let handle):
            return ("SELECT count(*) FROM (SELECT DISTINCT entry_id FROM entry_person WHERE person_id = (SELECT id FROM person WHERE handle = ?)\(limit))",
                    handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
        case .source(let key):
            return ("SELECT count(*) FROM (SELECT DISTINCT entry_id FROM entry_source WHERE source_id = (SELECT id FROM source WHERE key = ?)\(limit))", key)
        default:
            return nil
        }
    }

    /// The SQL condition for `expression`, appending its values to `arguments` in placeholder
    /// order. Compound conditions come back parenthesised, so any result can be ANDed, ORed or
    /// negated as is.
    private static func sql(
        for expression: QueryExpression,
        arguments: inout [any DatabaseValueConvertible]
    ) -> String {
        switch expression {
        case .and(let operands):
            return "(" + operands.map { sql(for: $0, arguments: &arguments) }.joined(separator: " AND ") + ")"
        case .or(let operands):
            return "(" + operands.map { sql(for: $0, arguments: &arguments) }.joined(separator: " OR ") + ")"
        case .not(let operand):
            return "NOT (" + sql(for: operand, arguments: &arguments) + ")"
        case .text(let text):
            arguments.append(text.fts5)
            return "e.id IN (SELECT rowid FROM entry_fts WHERE entry_fts MATCH ?)"
        case .tag(let name):
            arguments.append(name)
            return "e.id IN (SELECT entry_id FROM entry_tag WHERE tag_id = (SELECT id FROM tag WHERE name = ?))"
        case .person(let handle):
            arguments.append(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
            return "e.id IN (SELECT entry_id FROM entry_person WHERE person_id = (SELECT id FROM person WHERE handle = ?))"
        case .source(let key):
            arguments.append(key)
            return "e.id IN (SELECT entry_id FROM entry_source WHERE source_id = (SELECT id FROM source WHERE key = ?))"
        case .since(let date):
            arguments.append(Int64(date.timeIntervalSince1970.rounded(.up)))
            return "e.ts >= ?"
        case .until(let date):
            arguments.append(Int64(date.timeIntervalSince1970.rounded(.up)))
            return "e.ts < ?"
        case .kind(let kind):
            arguments.append(kind)
            return "e.kind = ?"
        case .starred:
            // Bare `e.starred` (not `= 1`) is what lets SQLite use the partial index
            // `entry_starred_ts ... WHERE starred`.
            return "e.starred"
        case .personField(let field, let value):
            let condition: String
            switch field {
            case "role": condition = "EXISTS (SELECT 1 FROM json_each(p.roles) WHERE value = ? COLLATE NOCASE)"
            case "topic": condition = "EXISTS (SELECT 1 FROM json_each(p.topics) WHERE value = ? COLLATE NOCASE)"
            default: condition = "instr(lower(p.\(field == "met" ? "met" : "name")), lower(?)) > 0"
            }
            arguments.append(value)
            return "e.id IN (SELECT ep.entry_id FROM entry_person ep JOIN person p ON p.id = ep.person_id WHERE \(condition))"
        case .sourceField(let field, let value):
            let condition: String
            switch field {
            case "type": condition = "s.type = ? COLLATE NOCASE"
            case "issued": condition = "s.issued LIKE ? || '%'"
            default: condition = "instr(lower(s.\(field == "author" ? "authors" : field)), lower(?)) > 0"
            }
            arguments.append(value)
            return "e.id IN (SELECT es.entry_id FROM entry_source es JOIN source s ON s.id = es.source_id WHERE \(condition))"
        case .role(let role):
            arguments.append(role)
            return "e.id IN (SELECT entry_id FROM entry_person WHERE role = ?)"
        case .sourceType(let type):
            arguments.append(type)
            return "e.id IN (SELECT es.entry_id FROM entry_source es JOIN source s ON s.id = es.source_id WHERE s.type = ?)"
        case .framework(let name):
            arguments.append(name)
            return "e.framework = ?"
        case .stage(let name):
            arguments.append(name)
            return "e.id IN (SELECT entry_id FROM entry_stage WHERE stage = ?)"
        }
    }
}
