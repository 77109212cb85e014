import Foundation
import PLNCore

/// Journal records as the plain Lua tables scripts see: the same shape as the JSON output.
enum ScriptValues {
    static func entry(_ entry: Entry) -> LuaValue {
        var fields: [(LuaValue, LuaValue)] = [
            (.string("id"), .integer(entry.id)),
            (.string("uuid"), .string(entry.uuid)),
            (.string("date"), .string(entry.timestamp.iso8601)),
            (.string("body"), .string(entry.body)),
            (.string("tags"), .table(LuaTable(array: entry.tags.map { .string($0) }))),
            (.string("people"), .table(LuaTable(array: entry.people.map { person in
                .table(.record(["handle": .string("@" + person.handle), "role": .string(person.role)]))
            }))),
            (.string("sources"), .table(LuaTable(array: entry.sources.map { source in
                var pairs: [(LuaValue, LuaValue)] = [(.string("key"), .string(source.key))]
                if !source.locator.isEmpty { pairs.append((.string("locator"), .string(source.locator))) }
                return .table(LuaTable(fields: pairs))
            }))),
            (.string("links"), .table(LuaTable(array: entry.links.map { link in
                .table(.record(["id": .integer(link.id), "uuid": .string(link.uuid), "role": .string(link.role)]))
            }))),
            (.string("kind"), .string(entry.kind)),
            (.string("starred"), .boolean(entry.starred)),
        ]
        if let framework = entry.framework {
            fields.append((.string("framework"), .string(framework)))
            fields.append((.string("stages"), .table(LuaTable(fields: entry.stages.map { (.string($0.stage), .string($0.body)) }))))
            fields.append((.string("followups"), .table(LuaTable(array: entry.followUps.map { followUp in
                var pairs: [(LuaValue, LuaValue)] = [(.string("stage"), .string(followUp.stage)), (.string("due"), .string(followUp.due))]
                if let outcome = followUp.outcomeID { pairs.append((.string("outcome"), .integer(outcome))) }
                return .table(LuaTable(fields: pairs))
            }))))
        }
        var custom = LuaValue.table(LuaTable())
        if let text = entry.fields, let parsed = try? JSONParser.parse(text) { custom = lua(parsed) }
        fields.append((.string("fields"), custom))
        return .table(LuaTable(fields: fields))
    }

    /// Writes an entry table straight onto the Lua stack (the same shape as `entry(_:)`).
    ///
    /// `fields`, when given, is the entry's custom fields as already parsed (`entry.fields` is
    /// then not parsed again).
    static func write(_ entry: Entry, fields: JSONValue? = nil, to w: LuaTableWriter) {
        w.begin(fields: 13)
        w.set("id", entry.id)
        w.set("uuid", entry.uuid)
        entry.timestamp.withISO8601Bytes { w.set("date", bytes: $0) }
        w.set("body", entry.body)
        w.set("tags", array: entry.tags.count) { t in
            for (index, tag) in entry.tags.enumerated() { t.append(index + 1, tag) }
        }
        w.set("people", array: entry.people.count) { list in
            for (index, person) in entry.people.enumerated() {
                list.append(index + 1, fields: 2) { p in
                    p.set("handle", "@" + person.handle)
                    p.set("role", person.role)
                }
            }
        }
        w.set("sources", array: entry.sources.count) { list in
            for (index, source) in entry.sources.enumerated() {
                list.append(index + 1, fields: 2) { s in
                    s.set("key", source.key)
                    if !source.locator.isEmpty { s.set("locator", source.locator) }
                }
            }
        }
        w.set("links", array: entry.links.count) { list in
            for (index, link) in entry.links.enumerated() {
                list.append(index + 1, fields: 3) { l in
                    l.set("id", link.id)
                    l.set("uuid", link.uuid)
                    l.set("role", link.role)
                }
            }
        }
        w.set("kind", entry.kind)
        w.set("starred", entry.starred)
        if let framework = entry.framework {
            w.set("framework", framework)
            w.set("stages", fields: entry.stages.count) { t in
                for answer in entry.stages { t.set(key: answer.stage, answer.body) }
            }
            w.set("followups", array: entry.followUps.count) { list in
                for (index, followUp) in entry.followUps.enumerated() {
                    list.append(index + 1, fields: 3) { f in
                        f.set("stage", followUp.stage)
                        f.set("due", followUp.due)
                        if let outcome = followUp.outcomeID { f.set("outcome", outcome) }
                    }
                }
            }
        }
        if let parsed = fields ?? entry.fields.flatMap({ try? JSONParser.parse($0) }), case .object = parsed {
            w.set("fields", json: parsed)
        } else {
            w.set("fields") { _ in }
        }
    }

    /// JSON → Lua: objects become tables with string keys, arrays become sequences, null nil.
    static func lua(_ json: JSONValue) -> LuaValue {
        switch json {
        case .null: return .nil
        case .bool(let b): return .boolean(b)
        case .number(let n):
            if n.rounded() == n, abs(n) < 9.0e15 { return .integer(Int64(n)) }
            return .number(n)
        case .string(let s): return .string(s)
        case .array(let items): return .table(LuaTable(array: items.map(lua)))
        case .object(let members): return .table(LuaTable(fields: members.map { (.string($0.0), lua($0.1)) }))
        }
    }

    /// Lua → JSON. A table with only a sequence part is an array (an empty table is `{}` unless
    /// `emptyAsArray`); any other table is an object whose keys must be strings or numbers.
    static func json(_ value: LuaValue, emptyAsArray: Bool = false) throws(ScriptError) -> JSONValue {
        switch value {
        case .nil: return .null
        case .boolean(let b): return .bool(b)
        case .integer(let i): return .number(Double(i))
        case .number(let d):
            guard d.isFinite else { throw .host("cannot encode \(d) as JSON") }
            return .number(d)
        case .string(let s): return .string(s)
        case .function: throw .host("cannot encode a function as JSON")
        case .table(let table):
            if table.fields.isEmpty, !table.array.isEmpty || emptyAsArray {
                var items: [JSONValue] = []
                for item in table.array { items.append(try json(item)) }
                return .array(items)
            }
            var members: [(String, JSONValue)] = []
            for (index, item) in table.array.enumerated() { members.append((String(index + 1), try json(item))) }
            for (key, item) in table.fields.sorted(by: { keyText($0.key) < keyText($1.key) }) {
                switch key {
                case .string(let s): members.append((s, try json(item)))
                case .integer(let i): members.append((String(i), try json(item)))
                case .number(let d): members.append((String(d), try json(item)))
                default: throw .host("cannot encode a table key of this type as JSON")
                }
            }
            return .object(members)
        }
    }

    private static func keyText(_ key: LuaValue) -> String {
        switch key {
        case .string(let s): s
        case .integer(let i): String(i)
        case .number(let d): String(d)
        default: ""
        }
    }
}

/// One column of a fetched row, as text or integer.
struct DatabaseText {
    var text: String?
    var integer: Int64?
}
