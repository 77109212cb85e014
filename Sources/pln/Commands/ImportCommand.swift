import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", _superCommandName: "pln",
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

    @Option(name: .long, help: ArgumentHelp(
        "Your own handle on the platform, when the export does not say (a platform importer never makes you a person).",
        valueName: "handle"))
    var me: String?

    @Option(name: .long, help: ArgumentHelp(
        "Leave out records dated before this date (a platform importer's records).", valueName: "date"))
    var since: String?

    @Flag(name: .customLong("dry-run"), help: "Run the importer, print what it would add, and save nothing.")
    var dryRun = false

    @Flag(name: .customLong("skip-bad"), help: "Skip and report a record the importer cannot read instead of stopping.")
    var skipBad = false

    @Flag(name: .long, help: "List the importers (bundled and from plugins) with their help, and exit.")
    var list = false

    @Argument(help: ArgumentHelp(
        "The file, folder, .zip or .tar.gz to read, or '-' for stdin.", valueName: "path"))
    var file: String?

    func validate() throws {
        if !list, file == nil { throw ValidationError("give the file, folder or archive to import (or --list)") }
        if let me, Self.bareHandle(me).isEmpty { throw ValidationError("--me needs a handle") }
    }

    /// Whether a flag only platform importers read was given.
    private var platformFlags: Bool { me != nil || since != nil || dryRun || skipBad }

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        if list {
            try Self.listImporters(runtime: runtime, store: store)
            return
        }
        guard let file else { throw ValidationError("give the file, folder or archive to import (or --list)") }
        if importer == nil, !platformFlags, let bibliography = try bibliographyFormat(file) {
            let text = try InputText.read(file).text
            Interrupt.install()
            defer { Interrupt.uninstall() }
            let summary = try SourceImporter.importText(text, format: bibliography, name: file == "-" ? "<stdin>" : file,
                                                        into: store)
            runtime.stdout.line(summary.description)
            runtime.stdout.flush()
            return
        }
        if let name = try platformImporter(file, runtime: runtime, store: store) {
            try runPlatformImporter(name, file: file, runtime: runtime, store: store)
            return
        }
        if platformFlags {
            throw ValidationError("--me, --since, --dry-run and --skip-bad are for platform importers; give --as NAME")
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

    /// Runs a platform importer (bundled or from a plugin) with the flags as its `opts`.
    private func runPlatformImporter(_ name: String, file: String, runtime: Runtime, store: JournalStore) throws {
        let host = try ScriptSupport.host(runtime, store: store)
        var options = ImportRun.Options(me: me.map(Self.bareHandle), dryRun: dryRun, skipBad: skipBad)
        if let since {
            options.since = since
            options.sinceTimestamp = try Self.sinceTimestamp(since, context: runtime.context)
        }
        var report: ImportReport?
        let progress = ProgressBar.forStandardError(label: "import \(name)")
        try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in
            defer { progress?.finish() }
            report = try host.runImporter(name, path: file, options: options, progress: { run in progress?.update(done: run.done, total: run.total) },
                                          skippedBad: { line in
                progress?.clear()
                FileHandle.standardError.write(Data(("pln: " + TerminalText.sanitize(line, keepNewlines: false) + "\n").utf8))
            })
        }
        guard let report else { return }
        if dryRun, !report.preview.isEmpty {
            let renderer = EntryRenderer(format: .text, sink: runtime.stdout, style: runtime.style,
                                         zone: runtime.context.timeZone, width: runtime.terminalWidth)
            renderer.begin()
            for entry in report.preview { renderer.entry(entry) }
            renderer.end()
            if report.entries > report.preview.count { runtime.stdout.line("… and \(report.entries - report.preview.count) more") }
        }
        runtime.stdout.line(report.description)
        runtime.stdout.flush()
    }

    /// `--since`: an ISO 8601 instant or any date pln understands ("2024-01-01", "last month").
    static func sinceTimestamp(_ text: String, context: DateContext) throws -> Timestamp {
        if let exact = Timestamp(iso8601: text, assumingZone: context.timeZone) { return exact }
        let parsed: ParsedDate?
        do {
            parsed = try DateParser.parse(text, in: context)
        } catch {
            throw ValidationError("--since: \(error.description)")
        }
        guard let parsed else { throw ValidationError("--since: '\(text)' is not a date pln understands") }
        // A day without a time means from the start of that day.
        return Timestamp(date: parsed.hasTime ? parsed.date : parsed.day.start, timeZone: context.timeZone)
    }

    private static func bareHandle(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("@") ? String(trimmed.dropFirst()) : trimmed
    }

    /// `--list`: every importer with its help and where it comes from.
    static func listImporters(runtime: Runtime, store: JournalStore) throws {
        let host = try ScriptSupport.host(runtime, store: store)
        let importers = host.importers().values.sorted { $0.name < $1.name }
        let rows: [(name: String, origin: String, help: String)] =
            [("pln", "built-in", "pln's own JSONL/JSON export, BibTeX, RIS and CSL-JSON")]
            + importers.map { ($0.name, $0.origin.hasPrefix("pln/") ? "bundled" : "plugin", $0.help) }
        let nameWidth = rows.map(\.name.count).max() ?? 0
        for row in rows {
            let name = row.name.padding(toLength: nameWidth, withPad: " ", startingAt: 0)
            let origin = row.origin.padding(toLength: 8, withPad: " ", startingAt: 0)
            runtime.stdout.line(TerminalText.sanitize("\(name)  \(origin)  \(row.help)", keepNewlines: false))
        }
        runtime.stdout.flush()
    }

    /// The bibliography format: given by --format, or detected from the file's name and start.
    private func bibliographyFormat(_ file: String) throws -> BibliographyReader.Format? {
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

    /// The platform importer to use: the one named by --as, or the first whose detect()
    /// recognises the path; nil for pln's own importer.
    ///
    /// pln's own export is recognised first and never offered to a platform importer; a JSON
    /// file nothing claims is read as pln's own JSON, as before.
    private func platformImporter(_ file: String, runtime: Runtime, store: JournalStore) throws -> String? {
        if let importer, importer != "pln" {
            if format != nil { throw ValidationError("--format is for pln's own importer; --as \(importer) reads its own format") }
            return importer
        }
        guard importer == nil, format == nil, file != "-", !PlnExport.recognises(path: file) else { return nil }
        let host = try ScriptSupport.host(runtime, store: store)
        let found: String?
        do {
            found = try host.detectImporter(path: file)
        } catch {
            throw PLNError.invalidArgument(host.message(for: error))
        }
        if found == nil, !PlnExport.looksLikeJSON(path: file) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue || PlnExport.isArchive(path: file) {
                let names = host.importers().keys.sorted().joined(separator: ", ")
                throw PLNError.invalidArgument("no importer recognises \(file); name one with --as NAME (importers: \(names))")
            }
        }
        return found
    }
}

/// The formats `pln import` reads itself.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, json, bibtex, ris
    case cslJSON = "csl-json"

    var entryFormat: Importer.Format? { Importer.Format(rawValue: rawValue) }
    var bibliographyFormat: BibliographyReader.Format? { BibliographyReader.Format(rawValue: rawValue) }
}
