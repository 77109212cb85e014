import Foundation
import PLNCore

extension ScriptHost {
    /// `pln.cite(key)`: the APA 7 reference of a source, or nil when there is no such source.
    func cite(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.cite")
        let key = try args.string(0, "the source key")
        let db = try currentDatabase("pln.cite")
        let source = try database("pln.cite") { try JournalStore.source(key, in: db) }
        return [source.map { .string(APACitation.reference($0.record)) } ?? .nil]
    }

    /// `pln.who(topic, {limit=, query=})`: `{people = {...}, sources = {...}}`, best first.
    func who(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.who")
        let topic = try args.string(0, "the topic")
        let options = args[1].isNil ? LuaTable() : try args.table(1, "the options")
        let limit = Int(try options.integer("limit", in: "pln.who") ?? 10)
        let asQuery = try options.bool("query", in: "pln.who") ?? false
        let word = topic.hasPrefix("#") ? String(topic.dropFirst()) : topic
        if !asQuery, word.isEmpty || word.contains(where: { $0.isWhitespace || $0 == "\"" }) {
            throw args.fail("'\(topic)' is not a topic (one word or tag; pass {query = true} for a query)")
        }
        let query = try self.query(asQuery ? topic : "tag:\(word) OR \"\(word)\"", "pln.who")
        let db = try currentDatabase("pln.who")
        let ranked = try database("pln.who") { try JournalStore.contributions(to: query, now: context.now, in: db) }
        func list(_ items: [Contribution]) -> LuaValue {
            .table(LuaTable(array: items.prefix(limit).map { c in
                .table(.record([
                    "name": .string(c.name), "score": .number(c.score), "entries": .integer(Int64(c.entries)),
                    "last": .string(c.last.iso8601), "example_id": .integer(c.exampleID), "example": .string(c.example),
                ]))
            }))
        }
        return [.table(.record(["people": list(ranked.filter { $0.isPerson }), "sources": list(ranked.filter { !$0.isPerson })]))]
    }

    /// `pln.graph(query?, {limit=})`: `{nodes = {{id=, kind=, entries=}}, edges = {{source=, target=, weight=}}}`.
    func graph(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.graph")
        let query = try self.query(try args.optionalString(0, "the query"), "pln.graph")
        let options = args[1].isNil ? LuaTable() : try args.table(1, "the options")
        let limit = Int(try options.integer("limit", in: "pln.graph") ?? 60)
        guard limit > 0 else { throw args.fail("limit must be positive") }
        let db = try currentDatabase("pln.graph")
        let graph = try database("pln.graph") { try NetworkGraph.build(query, limit: limit, in: db) }
        let nodes = LuaValue.table(LuaTable(array: graph.nodes.map { node in
            .table(.record(["id": .string(node.name), "kind": .string(node.kind), "entries": .integer(Int64(node.entries))]))
        }))
        let edges = LuaValue.table(LuaTable(array: graph.edges.map { edge in
            .table(.record(["source": .string(edge.from), "target": .string(edge.to), "weight": .integer(Int64(edge.weight))]))
        }))
        return [.table(.record(["nodes": nodes, "edges": edges]))]
    }
}
