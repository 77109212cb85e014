import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import pln's own JSONL or JSON, BibTeX, RIS or CSL-JSON sources, or another format through a plugin.",
        discussion: """
            The file is one transaction: a malformed line stops the import with file:line and \
            nothing is saved. Entries already in the journal (same UUID) are skipped, so importing \
            a file twice adds nothing. Bibliographies (.bib, .ris, CSL-JSON) become sources; a key \
            already in the journal is updated.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp(
        "The input format: jsonl, json, bibtex, ris or csl-json (detected when not given).", valueName: "format"))
    var format: ImportFormat?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "The importer: pln (the default for JSON) or one a plugin defined with pln.importer{}.", valueName: "name"))
    var importer: String?

    @Argument(help: ArgumentHelp("The file to read, or '-' for stdin.", valueName: "file"))
    var file: String

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        if importer == nil, let bibliography = try bibliographyFormat() {
            let text = try Self.readText(file)
            Interrupt.install()
            defer { Interrupt.uninstall() }
            let summary = try SourceImporter.importText(text, format: bibliography, name: file == "-" ? "<stdin>" : file,
                                                        into: store)
            runtime.stdout.line(summary.description)
            runtime.stdout.flush()
            return
        }
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
        let summary = try Importer(store: store, context: runtime.context).importFile(file, format: format?.entryFormat)
        runtime.stdout.line(summary.description)
        runtime.stdout.flush()
        if ScriptSupport.pluginsPresent, let host = try? ScriptSupport.host(runtime, store: store) {
            let done = LuaValue.table(.record(["importer": .string("pln"), "path": .string(file),
                                               "entries": .integer(Int64(summary.entries))]))
            _ = host.fire("import.done", done)
            for problem in host.takeProblems() { runtime.warn(problem) }
        }
    }

    /// The bibliography format: given by --format, or detected from the file's name and start.
    private func bibliographyFormat() throws -> BibliographyReader.Format? {
        if let format { return format.bibliographyFormat }
        // Only a regular file is sniffed: reading ahead from a pipe or FIFO would take lines
        // away from the import itself.
        var info = stat()
        guard file != "-", stat(file, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let handle = FileHandle(forReadingAtPath: file) else { return nil }
        defer { try? handle.close() }
        let head = String(decoding: (try? handle.read(upToCount: 4096)) ?? Data(), as: UTF8.self)
        return SourceImporter.detect(path: file, head: head)
    }

    private static func readText(_ path: String) throws -> String {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw PLNError.io(path: path, reason: access(path, F_OK) == 0 ? "cannot be read" : "no such file")
            }
            data = contents
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PLNError.invalidUTF8(file: path == "-" ? "<stdin>" : path, line: nil)
        }
        return text
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

/// The formats `pln import` reads itself.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, json, bibtex, ris
    case cslJSON = "csl-json"

    var entryFormat: Importer.Format? { Importer.Format(rawValue: rawValue) }
    var bibliographyFormat: BibliographyReader.Format? { BibliographyReader.Format(rawValue: rawValue) }
}
