import Foundation
import GRDB

/// The learning network as a graph: people, sources and topics as nodes, weighted by the
/// entries they appear in; edges weighted by the entries two of them share.
package struct NetworkGraph: Sendable {
    package struct Node: Sendable, Equatable {
        /// "@jane", "[[key]]" or "#topic".
        package var name: String
        package var kind: String
        package var entries: Int
    }

    package struct Edge: Sendable, Equatable {
        package var from: String
        package var to: String
        package var weight: Int
    }

    package var nodes: [Node]
    package var edges: [Edge]

    /// Builds the graph of the entries `query` selects, keeping the `limit` most used nodes.
    ///
    /// - Complexity: one grouped count per link table, then one pass over the links of the
    ///   matching entries; memory holds the kept nodes and their pairs only.
    package static func build(_ query: EntryQuery, limit: Int, in db: Database) throws -> NetworkGraph {
        let compiled = query.compile()
        let filter = query.expression == nil ? "" : "WHERE x.entry_id IN (SELECT e.id FROM \(compiled.from) WHERE \(compiled.whereClause))"
        let arguments = compiled.arguments
        var candidates: [Node] = []
        let counts: [(String, String, String)] = [
            ("person", "SELECT '@' || p.handle, count(DISTINCT x.entry_id) FROM entry_person x JOIN person p ON p.id = x.person_id", "p.id"),
            ("source", "SELECT '[[' || s.key || ']]', count(DISTINCT x.entry_id) FROM entry_source x JOIN source s ON s.id = x.source_id", "s.id"),
            ("topic", "SELECT '#' || t.name, count(*) FROM entry_tag x JOIN tag t ON t.id = x.tag_id", "t.id"),
        ]
        for (kind, select, group) in counts {
            for row in try Row.fetchAll(db, sql: "\(select) \(filter) GROUP BY \(group) ORDER BY 2 DESC LIMIT ?",
                                        arguments: arguments + [limit]) {
                candidates.append(Node(name: row[0], kind: kind, entries: row[1]))
            }
        }
        let nodes = Array(candidates.sorted { ($0.entries, $1.name) > ($1.entries, $0.name) }.prefix(limit))
        let kept = Set(nodes.map(\.name))
        var pairs: [String: Int] = [:]
        let links = try Row.fetchCursor(db, sql: """
            SELECT x.entry_id, '@' || p.handle FROM entry_person x JOIN person p ON p.id = x.person_id \(filter)
            UNION ALL SELECT x.entry_id, '[[' || s.key || ']]' FROM entry_source x JOIN source s ON s.id = x.source_id \(filter)
            UNION ALL SELECT x.entry_id, '#' || t.name FROM entry_tag x JOIN tag t ON t.id = x.tag_id \(filter)
            ORDER BY 1
            """, arguments: arguments + arguments + arguments)
        var current: Int64 = -1
        var members: Set<String> = []
        func flush() {
            let sorted = members.sorted()
            for i in sorted.indices {
                for j in sorted.indices where j > i { pairs[sorted[i] + "\u{1}" + sorted[j], default: 0] += 1 }
            }
            members.removeAll(keepingCapacity: true)
        }
        while let row = try links.next() {
            let entry: Int64 = row[0]
            if entry != current {
                flush()
                current = entry
            }
            let name: String = row[1]
            if kept.contains(name) { members.insert(name) }
        }
        flush()
        let edges = pairs.map { key, weight -> Edge in
            let parts = key.split(separator: "\u{1}", maxSplits: 1).map(String.init)
            return Edge(from: parts[0], to: parts[1], weight: weight)
        }.sorted { ($0.weight, $1.from, $1.to) > ($1.weight, $0.from, $0.to) }
        return NetworkGraph(nodes: nodes, edges: edges)
    }

    /// Graphviz DOT: `pln graph --format dot | dot -Tsvg > pln.svg`.
    package func dot() -> String {
        func quote(_ text: String) -> String {
            "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        var out = "graph pln {\n  graph [overlap=false, splines=true];\n  node [fontname=\"Helvetica\"];\n"
        for node in nodes {
            let shape = node.kind == "person" ? "ellipse" : node.kind == "source" ? "box" : "note"
            out += "  \(quote(node.name)) [shape=\(shape), label=\(quote("\(node.name) (\(node.entries))"))];\n"
        }
        let heaviest = Double(edges.map(\.weight).max() ?? 1)
        for edge in edges {
            let width = 1 + 4 * Double(edge.weight) / heaviest
            out += "  \(quote(edge.from)) -- \(quote(edge.to)) [weight=\(edge.weight), penwidth=\(String(format: "%.1f", width))];\n"
        }
        return out + "}\n"
    }

    /// JSON: `{"nodes": [{id, kind, entries}], "edges": [{source, target, weight}]}`.
    package func json() -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("nodes")
        w.beginArray()
        for node in nodes {
            w.beginObject()
            w.field("id", node.name)
            w.field("kind", node.kind)
            w.field("entries", Int64(node.entries))
            w.endObject()
        }
        w.endArray()
        w.key("edges")
        w.beginArray()
        for edge in edges {
            w.beginObject()
            w.field("source", edge.from)
            w.field("target", edge.to)
            w.field("weight", Int64(edge.weight))
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.output + "\n"
    }

    /// Mermaid flowchart text, for Markdown renderers that draw it.
    package func mermaid() -> String {
        var ids: [String: String] = [:]
        for (index, node) in nodes.enumerated() { ids[node.name] = "n\(index + 1)" }
        func label(_ text: String) -> String { "\"" + text.replacingOccurrences(of: "\"", with: "#quot;") + "\"" }
        var out = "graph LR\n"
        for node in nodes {
            let id = ids[node.name]!
            let text = label("\(node.name) (\(node.entries))")
            switch node.kind {
            case "person": out += "  \(id)((\(text)))\n"
            case "source": out += "  \(id)[\(text)]\n"
            default: out += "  \(id){{\(text)}}\n"
            }
        }
        for edge in edges {
            out += "  \(ids[edge.from]!) ---|\(edge.weight)| \(ids[edge.to]!)\n"
        }
        return out
    }
}
