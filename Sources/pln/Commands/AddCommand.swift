import ArgumentParser
import Foundation
import PLNCore

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add an entry.",
        discussion: """
            The text may start with a date ("yesterday 3pm: …") and name #tags, @people, \
            [[sources]] and URLs, which are linked. With '-' the entry is read from stdin; with \
            --edit (or no text on a terminal) it is written in $VISUAL or $EDITOR.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("When it happened (see DATES in pln(1)).", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("The kind of entry: note, reflection, chat, share…", valueName: "kind"))
    var kind: String = "note"

    @Flag(name: .long, help: "Star the entry.")
    var star = false

    @Flag(name: [.short, .long], help: "Write the entry in $VISUAL or $EDITOR.")
    var edit = false

    @Flag(name: [.short, .long], help: "Print only the new entry's id.")
    var quiet = false

    @Option(name: .long, help: ArgumentHelp("Print the saved entry as text, json or jsonl.", valueName: "format"))
    var format: OutputFormat?

    @Argument(help: ArgumentHelp("The entry's text, or '-' to read it from stdin.", valueName: "text"))
    var text: [String] = []

    func validate() throws {
        if edit, !text.isEmpty { throw ValidationError("give the text or --edit, not both") }
        if let format, ![.text, .json, .jsonl].contains(format) {
            throw ValidationError("add prints the entry as text, json or jsonl")
        }
        if kind.isEmpty || kind.contains(where: \.isWhitespace) {
            throw ValidationError("--kind takes one word, such as note or reflection")
        }
    }

    func run() throws {
        let runtime = Runtime(global)
        let input: String
        if edit || (text.isEmpty && isatty(0) == 1) {
            input = try Editor.edit("")
            if Capture.trimmed(input).isEmpty {
                runtime.note("empty entry; nothing saved")
                return
            }
        } else if text == ["-"] || text.isEmpty {
            input = try readStandardInput()
        } else {
            input = text.joined(separator: " ")
        }
        let (draft, warnings) = try capture(input, runtime: runtime)
        for warning in warnings { runtime.warn(warning) }
        var saved = draft
        saved.starred = star
        let store = try runtime.openStore()
        let report = try store.write { db in try JournalStore.add(saved, in: db) }
        for handle in report.createdPeople { runtime.note("new person @\(handle)") }
        for key in report.createdSources { runtime.note("new source [[\(key)]]") }
        ScriptSupport.entryAdded(report.id, runtime: runtime, store: store)
        let entry = try store.entry(id: report.id)
        if quiet {
            runtime.stdout.line(String(entry.id))
        } else if let format, format != .text {
            runtime.stdout.line(EntryRenderer.json(entry))
        } else {
            runtime.stdout.line(Confirmation.line(for: entry, style: runtime.style, zone: runtime.context.timeZone))
        }
        runtime.stdout.flush()
    }

    private func capture(_ input: String, runtime: Runtime) throws -> (EntryDraft, [String]) {
        do {
            return try Capture.draft(from: input, date: date, kind: kind, context: runtime.context)
        } catch {
            if case .invalidDate(let text, let reason) = error, date != nil {
                throw ValidationError("invalid --date '\(text)': \(reason)")
            }
            throw error
        }
    }

    private func readStandardInput() throws -> String {
        let data = FileHandle.standardInput.readDataToEndOfFile()
        guard let text = String(validating: data, as: UTF8.self) else {
            throw PLNError.invalidUTF8(file: "<stdin>", line: nil)
        }
        return text
    }
}
