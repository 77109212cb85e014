import Foundation
import PLNCore

extension ScriptHost {
    private func name(_ table: LuaTable, _ function: String) throws(ScriptError) -> String {
        let name = try table.string("name", in: function, required: true)!
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }),
              name.first?.isLetter == true else {
            throw .host("\(function): name '\(name)' must be a word (letters, digits, '-' and '_', starting with a letter)")
        }
        return name
    }

    /// `pln.command{name=, help=, args=, run=}`: `pln NAME ARGS…` and `/NAME` call `run(args)`.
    func registerCommand(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.command"
        let table = try ScriptArguments(arguments, f).table(0, "the command")
        let name = try name(table, f)
        if options.reservedCommands.contains(name) {
            throw .host("\(f): '\(name)' is a built-in command; choose another name")
        }
        registry.commands[name] = ScriptRegistry.Command(
            name: name, help: try table.string("help", in: f) ?? "", usage: try table.string("args", in: f) ?? "",
            run: try table.function("run", in: f)!, origin: origin)
        return []
    }

    /// `pln.query{name=, help=, run=}`: `pln query NAME` prints what `run(args)` returns.
    func registerQuery(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.query"
        let table = try ScriptArguments(arguments, f).table(0, "the query")
        let name = try name(table, f)
        registry.queries[name] = ScriptRegistry.Query(
            name: name, help: try table.string("help", in: f) ?? "", run: try table.function("run", in: f)!, origin: origin)
        return []
    }

    /// `pln.importer{name=, help=, detect=, run=}`: `pln import --as NAME FILE` calls `run(path)`.
    func registerImporter(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.importer"
        let table = try ScriptArguments(arguments, f).table(0, "the importer")
        let name = try name(table, f)
        // A bundled importer loads after the user's plugins: theirs keeps the name.
        if loadingBundledImporters, registry.importers[name] != nil { return [] }
        registry.importers[name] = ScriptRegistry.Importer(
            name: name, help: try table.string("help", in: f) ?? "", detect: try table.function("detect", in: f, required: false),
            run: try table.function("run", in: f)!, origin: origin)
        return []
    }

    /// `pln.exporter{name=, help=, run=}`: `pln export --as NAME [QUERY]` calls `run(query)`.
    func registerExporter(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.exporter"
        let table = try ScriptArguments(arguments, f).table(0, "the exporter")
        let name = try name(table, f)
        registry.exporters[name] = ScriptRegistry.Exporter(
            name: name, help: try table.string("help", in: f) ?? "", run: try table.function("run", in: f)!, origin: origin)
        return []
    }

    /// `pln.prompt{name=, title=, stages={{name=, title=, questions={…}, required=, action=}, …}}`.
    func registerPrompt(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.prompt"
        let table = try ScriptArguments(arguments, f).table(0, "the prompt")
        let name = try name(table, f)
        guard let stages = table["stages"].table, !stages.array.isEmpty else {
            throw .host("\(f): 'stages' must be a non-empty list")
        }
        var parsed: [ScriptRegistry.Prompt.Stage] = []
        for (index, stage) in stages.array.enumerated() {
            guard let stageTable = stage.table else { throw .host("\(f): stage \(index + 1) must be a table") }
            let stageName = try stageTable.string("name", in: f, required: true)!
            guard !stageName.isEmpty, stageName.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                throw .host("\(f): stage name '\(stageName)' must be a word (letters, digits, '-' and '_'), as stage: queries use it")
            }
            if parsed.contains(where: { $0.name == stageName }) { throw .host("\(f): two stages are named '\(stageName)'") }
            parsed.append(ScriptRegistry.Prompt.Stage(
                name: stageName, title: try stageTable.string("title", in: f) ?? stageName,
                questions: try stageTable.strings("questions", in: f),
                required: try stageTable.bool("required", in: f) ?? true,
                actionPlan: try stageTable.bool("action", in: f) ?? false))
        }
        registry.prompts[name] = ScriptRegistry.Prompt(
            name: name, title: try table.string("title", in: f) ?? name, stages: parsed, origin: origin)
        return []
    }

    /// `pln.prompts{"text", …, replace=}`: adds reflective prompts to the pool `pln prompt`
    /// draws from; `replace = true` drops the prompts added before (the bundled pool).
    /// Returns the pool's size; `pln.prompts()` returns the pool itself.
    func registerPromptPool(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.prompts"
        let args = ScriptArguments(arguments, f)
        let table: LuaTable
        if args[0].isNil {
            return [.table(LuaTable(array: registry.promptPool.map { .string($0) }))]
        }
        if let text = args[0].string {
            table = LuaTable(array: [.string(text)])
        } else {
            table = try args.table(0, "the prompts (a list of strings)")
        }
        var added: [String] = []
        for (index, item) in table.array.enumerated() {
            guard let text = item.string else { throw args.fail("prompt \(index + 1) must be a string") }
            let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty else { throw args.fail("prompt \(index + 1) is empty") }
            added.append(trimmed)
        }
        if try table.bool("replace", in: f) == true { registry.promptPool.removeAll() }
        for text in added where !registry.promptPool.contains(text) { registry.promptPool.append(text) }
        return [.integer(Int64(registry.promptPool.count))]
    }

    /// The reflective prompt of the day holding `date` (in `timeZone`), from the pool
    /// `pln.prompts{}` built: the same all day, no repeat before the pool is used up.
    /// Nil when the pool is empty. `pln prompt` shows it.
    package func prompt(on date: Date, timeZone: TimeZone) -> String? {
        PromptRotation.prompt(on: date, pool: registry.promptPool, timeZone: timeZone)
    }

    /// The reflective prompt of the week (Monday to Sunday) holding `date`, a rotation of its
    /// own; nil when the pool is empty. `pln prompt --week` shows it.
    package func prompt(forWeekOf date: Date, timeZone: TimeZone) -> String? {
        PromptRotation.prompt(forWeekOf: date, pool: registry.promptPool, timeZone: timeZone)
    }

    /// `pln.on(event, fn)`.
    func registerHook(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.on")
        let event = try args.string(0, "the event")
        guard ScriptRegistry.events.contains(event) else {
            throw args.fail("unknown event '\(event)' (events: \(ScriptRegistry.events.joined(separator: ", ")))")
        }
        guard case .function(let function) = args[1] else { throw args.fail("the handler must be a function") }
        registry.hooks[event, default: []].append(function)
        return []
    }

    /// Builds the `pln` table.
    func installAPI() {
        typealias Method = (ScriptHost) -> ([LuaValue]) throws(ScriptError) -> [LuaValue]
        let api: [([String], Method)] = [
            (["pln", "entries"], ScriptHost.entries),
            (["pln", "entry"], ScriptHost.entry),
            (["pln", "count"], ScriptHost.count),
            (["pln", "tags"], ScriptHost.tags),
            (["pln", "people"], ScriptHost.people),
            (["pln", "sources"], ScriptHost.sources),
            (["pln", "sql"], ScriptHost.sql),
            (["pln", "update"], ScriptHost.update),
            (["pln", "delete"], ScriptHost.delete),
            (["pln", "link"], ScriptHost.link),
            (["pln", "cite"], ScriptHost.cite),
            (["pln", "who"], ScriptHost.who),
            (["pln", "graph"], ScriptHost.graph),
            (["pln", "json", "decode"], ScriptHost.jsonDecode),
            (["pln", "json", "encode"], ScriptHost.jsonEncode),
            (["pln", "csv", "rows"], ScriptHost.csvRows),
            (["pln", "html", "text"], ScriptHost.htmlText),
            (["pln", "html", "tokens"], ScriptHost.htmlTokens),
            (["pln", "xml", "parse"], ScriptHost.xmlParse),
            (["pln", "xml", "file"], ScriptHost.xmlFile),
            (["pln", "date", "parse"], ScriptHost.dateParse),
            (["pln", "date", "format"], ScriptHost.dateFormat),
            (["pln", "read"], ScriptHost.read),
            (["pln", "json", "items"], ScriptHost.jsonItems),
            (["pln", "import", "record"], ScriptHost.importRecord),
            (["pln", "import", "add"], ScriptHost.importAdd),
            (["pln", "import", "skip"], ScriptHost.importSkip),
            (["pln", "import", "before_since"], ScriptHost.importBeforeSince),
            (["pln", "import", "total"], ScriptHost.importTotal),
            (["pln", "archive", "open"], ScriptHost.archiveOpen),
            (["pln", "text", "repair_utf8"], ScriptHost.textRepairUTF8),
            (["pln", "text", "hashtags"], ScriptHost.textHashtags),
            (["pln", "text", "mentions"], ScriptHost.textMentions),
            (["pln", "text", "urls"], ScriptHost.textURLs),
            (["pln", "text", "hash"], ScriptHost.textHash),
            (["pln", "lines"], ScriptHost.lines),
            (["pln", "print"], ScriptHost.printValues),
            (["pln", "table"], ScriptHost.table),
            (["pln", "command"], ScriptHost.registerCommand),
            (["pln", "query"], ScriptHost.registerQuery),
            (["pln", "importer"], ScriptHost.registerImporter),
            (["pln", "exporter"], ScriptHost.registerExporter),
            (["pln", "prompt"], ScriptHost.registerPrompt),
            (["pln", "prompts"], ScriptHost.registerPromptPool),
            (["pln", "on"], ScriptHost.registerHook),
            (["print"], ScriptHost.printValues),
        ]
        for (path, method) in api {
            lua.set(path: path, lua.function { [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in
                try method(self)(arguments)
            })
        }
        // pln.add, pln.person and pln.source write their record's table straight onto the stack
        // (importers call them per record).
        lua.set(path: ["pln", "add"], lua.fastFunction { [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> LuaResult in
            try self.addFast(arguments)
        })
        lua.set(path: ["pln", "person"], lua.fastFunction { [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> LuaResult in
            try self.person(arguments)
        })
        lua.set(path: ["pln", "source"], lua.fastFunction { [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> LuaResult in
            try self.source(arguments)
        })
        // Importers pass every record's text, tag and handle through these; most of it comes back
        // unchanged, or is ASCII.
        lua.set(path: ["pln", "html", "decode"], lua.stringFunction(shortcut: { $0.contains(0x26) ? .none : .same }) {
            [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in try self.htmlDecode(arguments)
        })
        lua.set(path: ["pln", "text", "clean"], lua.stringFunction(shortcut: { TextRepair.isClean($0) ? .same : .none }) {
            [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in try self.textClean(arguments)
        })
        lua.set(path: ["pln", "text", "lower"], lua.stringFunction(shortcut: ScriptHost.lowerASCII) {
            [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in try self.textLower(arguments)
        })
        wrapIterators()
        lua.set(path: ["pln", "version"], .string(ScriptHost.version))
        lua.set(path: ["pln", "sandboxed"], .boolean(options.sandbox))
    }

    /// Lua's generic `for` passes each step the value the previous step returned; for an
    /// iterator written in Swift that means converting the whole previous entry back from Lua
    /// on every step. A thin Lua wrapper calls the Swift iterator with no arguments instead.
    private func wrapIterators() {
        let source = """
            local raw = ...
            return function(...)
              local step, state, first = raw(...)
              return function() return step() end, state, first
            end
            """
        for path in [["pln", "entries"], ["pln", "lines"], ["pln", "csv", "rows"], ["pln", "html", "tokens"],
                     ["pln", "xml", "parse"], ["pln", "xml", "file"]] {
            guard case .function(let raw) = path.count == 2 ? lua.global(path[0])[path[1]] : lua.global(path[0])[path[1]][path[2]],
                  case .function(let maker)? = try? lua.function(source: source, name: "pln iterator"),
                  case .function(let wrapper)? = try? lua.call(maker, [.function(raw)]).first else { continue }
            lua.set(path: path, .function(wrapper))
        }
    }

    /// The version scripts see as `pln.version`.
    package static let version = "0.1.0"
}
