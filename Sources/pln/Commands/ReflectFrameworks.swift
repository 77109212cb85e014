import ArgumentParser
import PLNCore
import PLNScripting

/// The reflection frameworks this pln knows: the bundled ones and the user's `pln.prompt{}`s.
struct ReflectFrameworks {
    let host: ScriptHost

    init(runtime: Runtime, store: JournalStore) throws {
        host = try ScriptSupport.host(runtime, store: store)
    }

    var all: [Framework] { host.registry.prompts.values.map(\.framework).sorted { $0.name < $1.name } }

    /// The framework called `name`.
    /// - Throws: a usage error naming the frameworks, with a suggestion for a near miss.
    func named(_ name: String) throws -> Framework {
        if let prompt = host.registry.prompts[name] ?? host.registry.prompts[name.lowercased()] { return prompt.framework }
        let names = all.map(\.name)
        var message = "no framework '\(name)'"
        if let near = Suggestion.nearest(to: name, in: names) { message += " — did you mean '\(near)'?" }
        throw ValidationError(message + " (frameworks: \(names.joined(separator: ", ")))")
    }

    /// Frameworks that have a stage called `stage`.
    func having(stage: String) -> [Framework] {
        all.filter { framework in framework.stages.contains { $0.name == stage } }
    }

    /// `pln reflect` with no framework: one row per framework.
    func list(format: OutputFormat, runtime: Runtime) throws {
        let text = format == .text
        let records: [ReflectRows.Record] = all.map { framework in
            let stages: JSONValue = text
                ? .string(framework.stages.map { $0.name + ($0.action ? "*" : "") + ($0.required ? "" : "?") }.joined(separator: " "))
                : .array(framework.stages.map { stage in
                    .object([("name", .string(stage.name)), ("title", .string(stage.title)),
                             ("questions", .array(stage.questions.map { .string($0) })),
                             ("required", .bool(stage.required)), ("action", .bool(stage.action))])
                })
            return [("framework", .string(framework.name)), ("title", .string(framework.title)), ("stages", stages),
                    ("from", .string(host.registry.prompts[framework.name]?.origin ?? ""))]
        }
        ReflectRows.write(records, columns: text ? ["framework", "title", "stages"] : ["framework", "title", "stages", "from"],
                          format: format, runtime: runtime,
                          paint: ["framework": .yellow])
        if text {
            runtime.stdout.line(runtime.style.paint("(* can carry a follow-up, ? may be skipped)", .dim))
        }
        runtime.stdout.flush()
    }
}
