import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pln's own JSONL or JSON (from `pln export`), or another format through a plugin importer.",
        discussion: """
            The file is one transaction: a malformed line stops the import with file:line and \
            nothing is saved. Entries already in the journal (same UUID) are skipped, so importing \
            a file twice adds nothing.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("The input format: jsonl or json (detected when not given).", valueName: "format"))
    var format: Importer.Format?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The importer: pln (the default for JSON) or one a plugin defined with pln.importer{}.", valueName: "name"))
    var importer: String?

    @Argument(help: ArgumentHelp("The file to read, or '-' for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        if let name = try pluginImporter(runtime: runtime, store: store) {
            let host = try ScriptSupport.host(runtime, store: store)
            var summary = ""
            try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in summary = try host.runImporter(name, path: file) }
            runtime.stdout.line(summary)
            runtime.stdout.flush()
            return
        }
        Interrupt.install()
        defer { Interrupt.uninstall() }
        let summary = try Importer(store: store, context: runtime.context).importFile(file, format: format)
        runtime.stdout.line(summary.description)
        runtime.stdout.flush()
        if ScriptSupport.pluginsPresent, let host = try? ScriptSupport.host(runtime, store: store) {
            let done = LuaValue.table(.record(["importer": .string("pln"), "path": .string(file),
                                               "entries": .integer(Int64(summary.entries))]))
            _ = host.fire("import.done", done)
            for problem in host.takeProblems() { runtime.warn(problem) }
        }
    }

    /// The plugin importer to use: the one named by --as, or one whose detect() recognises a
    /// file that is not pln's own JSON; nil for pln's own importer.
    private func pluginImporter(runtime: Runtime, store: JournalStore) throws -> String? {
        if let importer, importer != "pln" {
            if format != nil { throw ValidationError("--format is for pln's own importer; --as \(importer) reads its own format") }
            return importer
        }
        guard importer == nil, file != "-", ScriptSupport.pluginsPresent, !Self.looksLikeJSON(file) else { return nil }
        let host = try ScriptSupport.host(runtime, store: store)
        do {
            return try host.detectImporter(path: file)
        } catch {
            throw PLNError.invalidArgument(host.message(for: error))
        }
    }

    /// Whether the file starts (after blanks and a BOM) with '{' or '[', as pln's formats do.
    private static func looksLikeJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: 512)) ?? Data()
        let first = data.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }).first
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[") || first == nil
    }
}

extension Importer.Format: ExpressibleByArgument {}
