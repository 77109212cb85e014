import Foundation
import PLNCore

/// What every command that writes one new entry shares: reading what the user wrote, and
/// saying what was saved (`pln add`, `pln prompt --answer`, `pln followups answer`,
/// `pln reflect`).
enum NewEntry {
    /// The words given; else standard input (`-`, or no words when stdin is not a terminal);
    /// else `$VISUAL`/`$EDITOR` on `template` (`--edit`, or no words on a terminal).
    /// - Returns: the text, and whether it came from the editor.
    static func text(_ words: [String], edit: Bool, template: String = "") throws -> (text: String, edited: Bool) {
        if edit || (words.isEmpty && isatty(0) == 1) { return (try Editor.edit(template), true) }
        if words.isEmpty || words == ["-"] { return (try InputText.read("-").text, false) }
        return (words.joined(separator: " "), false)
    }

    /// Notes the people and sources the save created, runs the `entry.added` hooks and prints
    /// the entry: its id with `quiet`, JSON for json/jsonl, else the confirmation line with
    /// `detail` after it, followed by the `after` lines.
    static func announce(_ report: SaveReport, store: JournalStore, runtime: Runtime, quiet: Bool,
                         format: OutputFormat?, detail: String = "", after: [String] = []) throws {
        for handle in report.createdPeople { runtime.note("new person @\(handle)") }
        for key in report.createdSources { runtime.note("new source [[\(key)]]") }
        ScriptSupport.entryAdded(report.id, runtime: runtime, store: store)
        if quiet {
            runtime.stdout.line(String(report.id))
        } else if format == .json || format == .jsonl {
            // Read back: a hook may have changed the entry.
            runtime.stdout.line(EntryRenderer.json(try store.entry(id: report.id)))
        } else {
            let saved = try store.saved(id: report.id)
            runtime.stdout.line(Confirmation.line(for: saved, style: runtime.style, zone: runtime.context.timeZone) + detail)
            for line in after { runtime.stdout.line(line) }
        }
        runtime.stdout.flush()
    }
}
