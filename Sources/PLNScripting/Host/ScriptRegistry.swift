import PLNCore

/// What scripts and plugins registered: commands, queries, importers, exporters, prompts, hooks.
package struct ScriptRegistry {
    /// A command added by `pln.command{}`: `pln NAME` and `/NAME`.
    package struct Command {
        package var name: String
        package var help: String
        package var usage: String
        package var run: LuaFunction
        package var origin: String
    }

    /// A query added by `pln.query{}`: `pln query NAME`.
    package struct Query {
        package var name: String
        package var help: String
        package var run: LuaFunction
        package var origin: String
    }

    /// An importer added by `pln.importer{}`: `pln import --as NAME FILE`.
    package struct Importer {
        package var name: String
        package var help: String
        package var detect: LuaFunction?
        package var run: LuaFunction
        package var origin: String
    }

    /// An exporter added by `pln.exporter{}`: `pln export --as NAME`.
    package struct Exporter {
        package var name: String
        package var help: String
        package var run: LuaFunction
        package var origin: String
    }

    /// A reflection framework added by `pln.prompt{}`.
    package struct Prompt {
        package var name: String
        package var title: String
        package var stages: [Stage]
        package var origin: String

        package struct Stage {
            package var name: String
            package var title: String
            package var questions: [String]
            package var required: Bool
            package var actionPlan: Bool
        }

        /// The framework as PLNCore reads and saves it.
        package var framework: Framework {
            Framework(name: name, title: title, stages: stages.map { stage in
                Framework.Stage(name: stage.name, title: stage.title, questions: stage.questions,
                                required: stage.required, action: stage.actionPlan)
            })
        }
    }

    package var commands: [String: Command] = [:]
    package var queries: [String: Query] = [:]
    package var importers: [String: Importer] = [:]
    package var exporters: [String: Exporter] = [:]
    package var prompts: [String: Prompt] = [:]
    /// The pool `pln prompt` draws the day's reflective prompt from (`pln.prompts{}`), in the
    /// order added: the bundled pool first, then the user's.
    package var promptPool: [String] = []
    package var hooks: [String: [LuaFunction]] = [:]
    /// Files loaded at start-up, in order.
    package var loaded: [String] = []

    /// The events `pln.on` accepts.
    package static let events = ["entry.added", "entry.updated", "entry.deleted", "import.done", "shell.start"]
}
