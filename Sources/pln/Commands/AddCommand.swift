import ArgumentParser
import Foundation
import PLNCore

struct AddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", _superCommandName: "pln",
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
        try Self.save(text, runtime: Runtime(global), date: date, kind: kind, star: star, edit: edit, quiet: quiet, format: format)
    }

    /// What `pln add` does once its words are parsed, here or by `QuickAdd`.
    static func save(_ text: [String], runtime: Runtime, date: String? = nil, kind: String = "note", star: Bool = false,
                     edit: Bool = false, quiet: Bool = false, format: OutputFormat? = nil) throws {
        let (input, edited) = try NewEntry.text(text, edit: edit)
        if edited, Capture.trimmed(input).isEmpty {
            runtime.note("empty entry; nothing saved")
            return
        }
        let (draft, warnings) = try capture(input, date: date, kind: kind, runtime: runtime)
        for warning in warnings { runtime.warn(warning) }
        var saved = draft
        saved.starred = star
        let store = try runtime.openStore()
        let report = try store.write { db in try JournalStore.add(saved, in: db) }
        try NewEntry.announce(report, store: store, runtime: runtime, quiet: quiet, format: format)
    }

    private static func capture(_ input: String, date: String?, kind: String, runtime: Runtime) throws -> (EntryDraft, [String]) {
        do {
            return try Capture.draft(from: input, date: date, kind: kind, context: runtime.context)
        } catch {
            if case .invalidDate(let text, let reason) = error, date != nil {
                throw ValidationError("invalid --date '\(text)': \(reason)")
            }
            throw error
        }
    }
}
