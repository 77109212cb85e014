import ArgumentParser
import Foundation
import PLNCore

struct DeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete", _superCommandName: "pln", abstract: "Delete entries (asks first on a terminal).")

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.short, .long], help: "Do not ask.")
    var yes = false

    @Argument(help: ArgumentHelp("Entry ids.", valueName: "id"))
    var ids: [String]

    func run() throws {
        let runtime = Runtime(global)
        let ids = try Self.entryIDs(ids)
        let store = try runtime.openStore()
        var entries: [Entry] = []
        for id in ids { entries.append(try store.entry(id: id)) }
        if !yes, isatty(0) == 1 {
            let zone = runtime.context.timeZone
            for entry in entries {
                let first = entry.body.split(separator: "\n").first.map(String.init) ?? ""
                FileHandle.standardError.write(Data(
                    "  \(entry.id)  \(entry.timestamp.localText(in: zone))  \(TerminalText.truncate(TerminalText.sanitize(first, keepNewlines: false), toWidth: 50))\n".utf8))
            }
            let noun = entries.count == 1 ? "this entry" : "these \(entries.count) entries"
            FileHandle.standardError.write(Data("Delete \(noun)? [y/N] ".utf8))
            let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
            guard answer == "y" || answer == "yes" else {
                runtime.note("nothing deleted")
                throw ExitCode.failure
            }
        }
        try store.write { db in try JournalStore.delete(ids: ids, in: db) }
        runtime.stdout.line("deleted " + ids.map(String.init).joined(separator: " "))
        runtime.stdout.flush()
    }
}
