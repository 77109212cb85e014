import Foundation
import GRDB
import PLNCore
import CLuaShim

/// The Lua side of pln: one Lua state with the `pln` API, the plugins it loaded, and the
/// journal transaction scripts write in.
///
/// Every run — a script, a REPL line, a plugin command, an importer, a hook — is one
/// transaction: an error, a budget stop or Ctrl-C rolls back everything the run wrote.
package final class ScriptHost {
    let lua: LuaState
    package let store: JournalStore
    package let options: ScriptOptions
    let output: OutputSink
    let context: DateContext
    /// The output format `pln.print` and `pln.table` render in.
    package var format: OutputFormat
    package let style: Style
    package internal(set) var registry = ScriptRegistry()
    /// The database during a run; nil between runs.
    var db: Database?
    /// Whether the current run may write.
    var writable = false
    /// Hooks do not fire from inside hooks.
    var inHook = false
    /// The first entry id the current run added without indexing it for full-text search.
    ///
    /// FTS5 indexes rows five times faster in one statement than one trigger call at a time,
    /// so a run's `pln.add`s leave the index behind and `flushFullText()` catches it up before
    /// anything reads or changes it, and before the run commits.
    var unindexedFrom: Int64?
    /// The secondary indexes the current run dropped when it began adding to an empty journal
    /// (see `deferFullText`); `flushFullText()` builds them again.
    var deferredIndexes: [JournalStore.DeferredIndex] = []
    /// Cursors opened by `pln.entries` during the current run.
    var openCursors: [CursorBox] = []
    /// The connection's change count when the current run began: while it is unchanged, the
    /// run has written nothing, and a second connection sees what this one does.
    var runStartChanges = 0
    /// Counts runs, so an iterator kept past its run's end is refused instead of crashing.
    var runGeneration = 0
    /// Where the file being loaded registers things from (for messages).
    var origin = "<script>"
    /// Whether the bundled Lua files were loaded.
    var bundledLoaded = false
    /// Whether the bundled importers were loaded, and whether they are loading now.
    var bundledImportersLoaded = false
    var loadingBundledImporters = false
    /// The import in progress (`pln import`), read by `pln.add` and `pln.import.*`.
    var importRun: ImportRun?
    /// Ids of tags, people and web sources `pln.add` has looked up during the current run (see
    /// `SaveCache`); reset by anything that deletes rows or rolls a savepoint back.
    let saveCache = SaveCache()
    /// Whether the current run rolls back at its end even when it succeeds (`--dry-run`).
    var discardRun = false
    /// Problems reported by hooks and plugins, for the caller to show.
    package private(set) var problems: [String] = []

    /// The problems reported since the last call, emptied.
    package func takeProblems() -> [String] {
        defer { problems.removeAll() }
        return problems
    }

    package init(store: JournalStore, options: ScriptOptions, output: OutputSink, format: OutputFormat = .text,
                 style: Style = Style(enabled: false), context: DateContext = .current) throws(ScriptError) {
        self.store = store
        self.options = options
        self.output = output
        self.format = format
        self.style = style
        self.context = context
        var luaOptions = LuaState.Options()
        luaOptions.sandbox = options.sandbox
        luaOptions.memoryLimit = options.memoryLimit
        luaOptions.instructionLimit = nil
        luaOptions.timeLimit = nil
        luaOptions.packagePath = options.sandbox ? [] : [options.configFolder].compactMap { $0 }
        lua = try LuaState(options: luaOptions)
        // io.write goes through C's stdout; unbuffered, it stays in order with print's output.
        CLuaShim_unbuffer_stdout()
        lua.interruptCheck = { Interrupt.requested }
        if !options.sandbox {
            // require resolves inside the config folder only, C modules included.
            let folder = options.configFolder.map { $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") }
            _ = try lua.run("package.cpath = \"\(folder.map { $0 + "/?.so" } ?? "")\"", chunkName: "=pln")
        }
        installAPI()
    }

    // MARK: Runs

    /// Runs `body` as one transaction: written when the options allow it, read-only otherwise.
    /// A `bulk` run (an import) may write a first import without the WAL (`bulkWrite`).
    func transaction<T>(bulk: Bool = false, _ body: () throws(ScriptError) -> T) throws(ScriptError) -> T {
        if db != nil { return try body() }  // already inside a run (a hook, a nested call)
        runGeneration += 1
        var outcome: Result<T, ScriptError>?
        func work(_ db: Database) throws {
            // Scripts write in bulk (importers): a larger page cache keeps indexes in memory.
            try db.execute(sql: "PRAGMA cache_size = -65536")
            self.db = db
            runStartChanges = db.totalChangesCount
            saveCache.reset()
            defer {
                saveCache.reset()
                for box in openCursors { box.close() }
                openCursors.removeAll()
                try? db.execute(sql: "PRAGMA cache_size = -2000")
                self.db = nil
            }
            do {
                let value = try body()
                try flushFullText()
                outcome = .success(value)
            } catch {
                unindexedFrom = nil  // the rollback restores the trigger and removes the rows
                deferredIndexes = []  // and the indexes
                outcome = .failure(error)
                throw error  // rolls the transaction back
            }
            if discardRun { throw DiscardedRun() }  // a dry run: everything worked, nothing stays
        }
        do {
            if options.allowWrite {
                writable = true
                defer { writable = false }
                if bulk {
                    try store.bulkWrite { db in try work(db) }
                } else {
                    try store.write { db in try work(db) }
                }
            } else {
                try store.read { db in try work(db) }
            }
        } catch {
            if discardRun, case .success(let value)? = outcome { return value }
            if case .failure(let scriptError)? = outcome { throw scriptError }
            throw ScriptError.host(error.description)
        }
        guard let outcome else { throw ScriptError.host("the script did not run") }
        return try outcome.get()
    }

    /// Thrown to roll back a run that succeeded (a dry run).
    private struct DiscardedRun: Error {}

    /// Runs a script file with `arguments` in `arg`, as one transaction.
    package func runFile(_ path: String, arguments: [String] = []) throws(ScriptError) {
        let limits = startLimits()
        defer { endLimits(limits) }
        try transaction { () throws(ScriptError) in
            _ = try lua.runFile(path, arguments: arguments.map { .string($0) })
        }
    }

    /// Runs a chunk of code (`pln lua -e`, `/lua`) as one transaction.
    package func runCode(_ code: String, chunkName: String = "=(command line)") throws(ScriptError) {
        let limits = startLimits()
        defer { endLimits(limits) }
        try transaction { () throws(ScriptError) in _ = try lua.run(code, chunkName: chunkName) }
    }

    /// Evaluates one REPL line and returns what to print (nil for nothing).
    package func evaluate(_ line: String) throws(ScriptError) -> String? {
        let limits = startLimits()
        defer { endLimits(limits) }
        let shown = try transaction { () throws(ScriptError) in try lua.evaluateForDisplay(line: line, chunkName: "=stdin") }
        return shown.isEmpty ? nil : shown.joined(separator: "\t")
    }

    /// Calls a registered Lua function as its own run.
    func invoke(_ function: LuaFunction, _ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let limits = startLimits()
        defer { endLimits(limits) }
        return try transaction { () throws(ScriptError) in try lua.call(function, arguments) }
    }

    private struct Limits {
        var instructions: Int?
        var time: Double?
    }

    /// The run's budget; nested runs share the outer one.
    private func startLimits() -> Limits {
        let saved = Limits(instructions: lua.instructionLimit, time: lua.timeLimit)
        if db == nil {
            lua.resetInstructionCount()
            lua.instructionLimit = options.instructionLimit
            lua.timeLimit = options.timeLimit
        }
        return saved
    }

    private func endLimits(_ limits: Limits) {
        if db == nil {
            lua.instructionLimit = limits.instructions
            lua.timeLimit = limits.time
        }
    }

    // MARK: Plugins

    /// Loads the Lua files pln ships (frameworks, importers), then `init.lua`, then
    /// `plugins/*.lua` and `plugins/NAME/init.lua`, in sorted order, so that a user's
    /// `pln.prompt{}` or `pln.importer{}` of the same name replaces a bundled one.
    ///
    /// A broken file is reported with `file:line` and the others still load.
    /// - Returns: one message per file that failed.
    @discardableResult
    package func loadPlugins() -> [String] {
        var failures = loadBundled()
        guard let folder = options.configFolder else { return failures }
        var files: [String] = []
        let manager = FileManager.default
        if manager.fileExists(atPath: folder + "/init.lua") { files.append(folder + "/init.lua") }
        let plugins = folder + "/plugins"
        if let names = try? manager.contentsOfDirectory(atPath: plugins) {
            for name in names.sorted() where !name.hasPrefix(".") {
                let path = plugins + "/" + name
                var isFolder: ObjCBool = false
                guard manager.fileExists(atPath: path, isDirectory: &isFolder) else { continue }
                if isFolder.boolValue {
                    if manager.fileExists(atPath: path + "/init.lua") { files.append(path + "/init.lua") }
                } else if name.hasSuffix(".lua") {
                    files.append(path)
                }
            }
        }
        for file in files {
            origin = file
            do {
                try runFile(file)
                registry.loaded.append(file)
            } catch {
                failures.append(error.description)
            }
        }
        origin = "<script>"
        return failures
    }

    /// Loads the bundled frameworks and prompts; their chunk names read `pln/PATH`.
    ///
    /// The bundled importers (nine tenths of the bundled Lua) wait until something asks for
    /// importers (`bundledImporters()`): every command that starts Lua for the user's plugins
    /// would otherwise compile them (about 10 ms of CPU on each `pln add`).
    @discardableResult
    package func loadBundled() -> [String] {
        guard !bundledLoaded else { return [] }
        bundledLoaded = true
        return runBundled(BundledLua.files.filter { !$0.path.hasPrefix("importers/") })
    }

    /// Every importer: the user's and, loaded on first use, the bundled ones. A user's importer
    /// keeps its name: a bundled one of the same name does not replace it.
    package func importers() -> [String: ScriptRegistry.Importer] {
        if !bundledImportersLoaded {
            bundledImportersLoaded = true
            loadingBundledImporters = true
            defer { loadingBundledImporters = false }
            problems += runBundled(BundledLua.files.filter { $0.path.hasPrefix("importers/") })
        }
        return registry.importers
    }

    private func runBundled(_ files: [(path: String, source: String)]) -> [String] {
        var failures: [String] = []
        let saved = origin
        for file in files {
            origin = "pln/" + file.path
            do {
                // Bundled files only register things: they run outside any journal transaction.
                let limits = startLimits()
                defer { endLimits(limits) }
                _ = try lua.run(file.source, chunkName: "=pln/" + file.path)
            } catch {
                failures.append(error.description)
            }
        }
        origin = saved
        return failures
    }

    // MARK: Hooks

    /// Runs the hooks for `event`. A failing hook is reported and rolled back on its own; it
    /// never undoes what triggered it.
    package func fire(_ event: String, _ payload: LuaValue) -> [String] {
        guard !inHook, let hooks = registry.hooks[event], !hooks.isEmpty else { return [] }
        inHook = true
        defer { inHook = false }
        var failures: [String] = []
        for hook in hooks {
            do {
                if let db {
                    // Inside a run: a savepoint, so a failing hook undoes only itself.
                    try flushFullText()
                    try db.inSavepoint {
                        do throws(ScriptError) {
                            _ = try lua.call(hook, [payload])
                            try flushFullText()
                            return .commit
                        } catch {
                            unindexedFrom = nil  // rolled back to the flushed state
                            saveCache.reset()
                            failures.append("hook for \(event): \(message(for: error))")
                            return .rollback
                        }
                    }
                } else {
                    _ = try invoke(hook, [payload])
                }
            } catch let error as ScriptError {
                failures.append("hook for \(event): \(message(for: error))")
            } catch {
                failures.append("hook for \(event): \(error)")
            }
        }
        problems += failures
        return []
    }

    /// Runs the `entry.added` hooks for an entry saved outside Lua (the command line, the shell).
    package func entryAdded(id: Int64) -> [String] {
        guard let hooks = registry.hooks["entry.added"], !hooks.isEmpty,
              let entry = try? store.entry(id: id) else { return [] }
        _ = fire("entry.added", ScriptValues.entry(entry))
        return takeProblems()
    }

    /// Whether a plugin registered anything for `event`.
    package func hasHooks(_ event: String) -> Bool { !(registry.hooks[event] ?? []).isEmpty }

    /// The error text users see: the message, and the traceback when asked for or when the
    /// error came from inside a callback.
    package func message(for error: ScriptError) -> String {
        switch error {
        case .runtime(let message, let traceback):
            if options.traceback || message.contains("(in a pln callback)") { return message + "\n" + traceback }
            return message
        default:
            return error.description
        }
    }
}

extension ScriptHost {
    /// Stops indexing new entries one by one for the rest of the run (see `unindexedFrom`).
    ///
    /// Into a journal that has never held an entry, the entries' secondary indexes are dropped
    /// too and built once when the run's writes are flushed: without them an imported tweet's
    /// inserts took 40% fewer instructions, more than building them once at the end costs.
    func deferFullText(_ db: Database) throws(ScriptError) {
        guard unindexedFrom == nil else { return }
        let (next, dropped) = try database("pln.add") { () throws -> (Int64, [JournalStore.DeferredIndex]) in
            let next = (try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'entry'") ?? 0) + 1
            try db.execute(sql: "DROP TRIGGER entry_fts_insert")
            return (next, next == 1 ? try JournalStore.dropSecondaryIndexes(in: db) : [])
        }
        unindexedFrom = next
        deferredIndexes = dropped
    }

    /// Indexes the entries added since `deferFullText`, builds the indexes it dropped, and
    /// restores per-row indexing.
    func flushFullText() throws(ScriptError) {
        guard let first = unindexedFrom, let db else { return }
        let indexes = deferredIndexes
        unindexedFrom = nil
        deferredIndexes = []
        try database("pln") {
            try JournalStore.restoreIndexes(indexes, in: db)
            try JournalStore.indexFullText(from: first, in: db)
        }
    }

    /// Runs the plugin command `name` with the words after it, as one run.
    package func runCommand(_ name: String, arguments: [String]) throws(ScriptError) {
        guard let command = registry.commands[name] else { throw .host("no plugin command '\(name)'") }
        _ = try invoke(command.run, [.table(LuaTable(array: arguments.map { .string($0) }))])
    }

    /// The help text of a plugin command.
    package func commandHelp(_ name: String) -> String {
        guard let command = registry.commands[name] else { return "" }
        var text = "USAGE: pln \(name)" + (command.usage.isEmpty ? "" : " \(command.usage)")
        if !command.help.isEmpty { text = "OVERVIEW: \(command.help)\n\n" + text }
        return text + "\n\n(from \(command.origin))"
    }

    /// Runs the query `name` and renders the rows it returns.
    package func runQuery(_ name: String, arguments: [String]) throws(ScriptError) {
        guard let query = registry.queries[name] else {
            let known = registry.queries.keys.sorted()
            var message = "no query '\(name)'"
            if let near = Suggestion.nearest(to: name, in: known) { message += " — did you mean '\(near)'?" }
            throw .host(message + (known.isEmpty ? " (no plugin defines a query)" : " (queries: \(known.joined(separator: ", ")))"))
        }
        let results = try invoke(query.run, [.table(LuaTable(array: arguments.map { .string($0) }))])
        guard let rows = results.first?.table else {
            if results.first?.isNil ?? true { return }
            throw .host("query '\(name)' must return a list of rows (tables)")
        }
        // An optional second result names the columns, in order.
        var columns: [String]?
        if results.count > 1, let list = results[1].table {
            columns = list.array.compactMap(\.string)
        }
        try RowsRenderer(format: format, style: style, output: output).render(rows.array, columns: columns)
    }

    /// Runs the exporter `name` with a query; what it returns (a string) is written out.
    package func runExporter(_ name: String, query: String) throws(ScriptError) {
        guard let exporter = registry.exporters[name] else {
            throw .host("no exporter '\(name)' (exporters: \(registry.exporters.keys.sorted().joined(separator: ", ")))")
        }
        let results = try invoke(exporter.run, [.string(query)])
        if let text = results.first?.string {
            output.write(text)
            if !text.hasSuffix("\n") { output.line() }
        }
        output.flush()
    }

    /// Finds an importer whose `detect(path, head)` says yes.
    package func detectImporter(path: String) throws(ScriptError) -> String? {
        // Only files and folders: reading ahead from a FIFO or a device would take the start
        // of the input away from the import itself.
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG || (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        let head = Self.head(of: path)
        let importers = importers()
        for name in importers.keys.sorted() {
            guard let detect = importers[name]?.detect else { continue }
            if try invoke(detect, [.string(path), .string(head)]).first?.bool == true { return name }
        }
        return nil
    }

    /// Runs importer `name` on `path` as one transaction, calling `run(path, opts)`.
    ///
    /// Counts what the run created in the journal, whatever the importer returns. With
    /// `options.dryRun` everything runs and is counted, the first entries are kept for the
    /// report, and the transaction is rolled back. `progress` is called after every record.
    package func runImporter(_ name: String, path: String, options: ImportRun.Options = ImportRun.Options(),
                             progress: ((ImportRun) -> Void)? = nil,
                             skippedBad: ((String) -> Void)? = nil) throws(ScriptError) -> ImportReport {
        guard let importer = importers()[name] else {
            throw .host("no importer '\(name)' (importers: \(importers().keys.sorted().joined(separator: ", ")))")
        }
        let run = ImportRun(options: options)
        run.onProgress = progress
        run.onSkippedBad = skippedBad
        var opts: [(LuaValue, LuaValue)] = [(.string("dry_run"), .boolean(options.dryRun)),
                                            (.string("skip_bad"), .boolean(options.skipBad))]
        if let me = options.me { opts.append((.string("me"), .string(Self.bare(me)))) }
        if let since = options.sinceTimestamp?.iso8601 ?? options.since { opts.append((.string("since"), .string(since))) }
        let limits = startLimits()
        importRun = run
        discardRun = options.dryRun
        defer {
            importRun = nil
            discardRun = false
            endLimits(limits)
        }
        var report = try transaction(bulk: true) { () throws(ScriptError) -> ImportReport in
            let db = try currentDatabase("pln import")
            // An import writes every index of a growing journal: past the run's 64 MiB of page
            // cache (about 70k bookmarks) each row paid for pages read again. The run resets
            // the cache when it ends.
            try database("pln import") { try db.execute(sql: "PRAGMA cache_size = -262144") }
            let before = try database("pln import") { try ImportCounts(db) }
            _ = try lua.call(importer.run, [.string(path), .table(LuaTable(fields: opts))])
            if let fatal = run.fatal { throw fatal }
            try flushFullText()
            let after = try database("pln import") { try ImportCounts(db) }
            var report = ImportReport(importer: name, path: path)
            report.entries = after.entries - before.entries
            report.people = after.people - before.people
            report.sources = after.sources - before.sources
            report.links = after.links - before.links
            report.alreadyImported = run.alreadyImported
            report.skipped = run.skipped
            if !run.failed.isEmpty { report.skipped.append(("bad record", run.failed.count)) }
            report.dryRun = options.dryRun
            if options.dryRun {
                report.preview = try database("pln import") {
                    try Int64.fetchAll(db, sql: "SELECT id FROM entry WHERE id > ? ORDER BY id LIMIT 5",
                                       arguments: [before.lastEntryID]).compactMap { try JournalStore.entry(id: $0, in: db) }
                }
            }
            return report
        }
        report.dryRun = options.dryRun
        if !options.dryRun {
            let summary = LuaValue.table(.record([
                "importer": .string(name), "path": .string(path), "entries": .integer(Int64(report.entries)),
                "people": .integer(Int64(report.people)), "sources": .integer(Int64(report.sources)),
                "links": .integer(Int64(report.links)), "skipped": .integer(Int64(report.skippedCount)),
                "already": .integer(Int64(report.alreadyImported)),
            ]))
            _ = fire("import.done", summary)
        }
        return report
    }

    /// Rows of the tables an import adds to, counted inside the import's transaction.
    private struct ImportCounts {
        var entries = 0, people = 0, sources = 0, links = 0
        var lastEntryID: Int64 = 0

        init(_ db: Database) throws {
            entries = try Int.fetchOne(db, sql: "SELECT count(*) FROM entry") ?? 0
            people = try Int.fetchOne(db, sql: "SELECT count(*) FROM person") ?? 0
            sources = try Int.fetchOne(db, sql: "SELECT count(*) FROM source") ?? 0
            links = try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM entry_person) + (SELECT count(*) FROM entry_source)
                     + (SELECT count(*) FROM entry_link)
                """) ?? 0
            lastEntryID = try Int64.fetchOne(db, sql: "SELECT max(id) FROM entry") ?? 0
        }
    }

    private static func head(of path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 4096)) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}
