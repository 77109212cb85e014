import ArgumentParser
import PLNCore

struct EditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit", _superCommandName: "pln",
        abstract: "Edit an entry in $VISUAL or $EDITOR; its links are parsed again.",
        discussion: "Saving an empty file changes nothing. --date moves the entry to another time.")

    @OptionGroup var global: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Move the entry to this date (see DATES in pln(1)).", valueName: "date"))
    var date: String?

    @Option(name: .long, help: ArgumentHelp("Replace the text without opening an editor.", valueName: "text"))
    var text: String?

    @Argument(help: ArgumentHelp("The entry id.", valueName: "id"))
    var id: String

    func run() throws {
        let runtime = Runtime(global)
        let id = try Self.entryIDs([id])[0]
        let store = try runtime.openStore()
        let entry = try store.entry(id: id)
        let edited = try text ?? Editor.edit(entry.body + "\n")
        let body = Capture.trimmed(edited)
        if body.isEmpty {
            runtime.note("the edited entry is empty; nothing changed (pln delete \(id) removes it)")
            return
        }
        var timestamp = entry.timestamp
        if let date {
            guard let parsed = try DateParser.parse(date, in: runtime.context) else {
                throw ValidationError("invalid --date '\(date)': not a date pln understands")
            }
            timestamp = Timestamp(date: parsed.date, timeZone: runtime.context.timeZone)
        }
        if body == entry.body, timestamp == entry.timestamp {
            runtime.note("no changes")
            return
        }
        let draft = EntryDraft(parsing: body, timestamp: timestamp, kind: entry.kind)
        // A structured reflection's stage rows follow its edited sections.
        var stages: [StageAnswer]?
        if let name = entry.framework, body != entry.body,
           let framework = try? ReflectFrameworks(runtime: runtime, store: store).named(name) {
            do {
                stages = try ReflectionAnswers.parse(body, file: "entry \(id)", framework: framework)
            } catch {
                runtime.warn("\(error.description); the reflection's stages were kept as they were")
            }
        }
        let report = try store.write { db in
            let report = try JournalStore.update(id: id, with: draft, in: db)
            if let stages { try JournalStore.replaceStages(stages, entryID: id, in: db) }
            return report
        }
        for handle in report.createdPeople { runtime.note("new person @\(handle)") }
        for key in report.createdSources { runtime.note("new source [[\(key)]]") }
        runtime.stdout.line("updated \(id)")
        runtime.stdout.flush()
    }
}
