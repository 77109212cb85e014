import Foundation
import PLNCore

/// The journal shell: plain lines are entries, `/command` lines run commands.
///
/// One session serves the interactive prompt (readline) and batch mode (lines from a pipe):
/// the grammar is the same, only the reader and the way errors are reported differ.
package final class ShellSession {
    /// How a session runs.
    package struct Options {
        /// Batch mode: errors read `<name>:LINE: message`; no prompt.
        package var batch = false
        /// Stop at the first failing line (batch mode).
        package var stopOnError = false
        /// The name of the input in batch messages.
        package var inputName = "<stdin>"
        package var style = Style(enabled: false)
        package var format: OutputFormat = .text

        package init() {}
    }

    private let store: JournalStore
    private let dispatcher: any CommandDispatching
    private let reader: any LineReading
    private var options: Options
    private let output: OutputSink
    private let contextProvider: () -> DateContext
    /// Called after an entry typed in the shell is saved (plugin hooks run here).
    package var onEntryAdded: ((Int64) -> Void)?
    /// Entries added in this session, newest last, for /undo and /edit.
    private var added: [Int64] = []
    private var failures = 0
    private var pendingLines: [String] = []

    /// The shell-only commands, with what `/help` says of them.
    package static let builtins: [CommandInfo] = [
        CommandInfo(name: "help", abstract: "List the commands, or show one command's help: /help list."),
        CommandInfo(name: "quit", abstract: "Leave the shell (also Ctrl-D on an empty line)."),
        CommandInfo(name: "edit", abstract: "Edit an entry in $EDITOR: /edit ID, or the last one added in this session.",
                    flags: ["--date", "--text"], values: ["--date": [], "--text": []]),
        CommandInfo(name: "undo", abstract: "Remove the last entry added in this session."),
        CommandInfo(name: "format", abstract: "Set this session's output format: /format json."),
        CommandInfo(name: "multi", abstract: "Write a multi-line entry; end it with a line holding only '.'."),
    ]

    package init(store: JournalStore, dispatcher: any CommandDispatching, reader: any LineReading,
                 options: Options, output: OutputSink = OutputSink(fd: 1),
                 context: @escaping () -> DateContext = { DateContext.current }) {
        self.store = store
        self.dispatcher = dispatcher
        self.reader = reader
        self.options = options
        self.output = output
        self.contextProvider = context
    }

    /// Every command the shell knows: the command line's and its own.
    package var allCommands: [CommandInfo] {
        Self.commands(from: dispatcher)
    }

    /// The command line's commands (but `shell`) and the shell's own, which win on a name clash.
    package static func commands(from dispatcher: any CommandDispatching) -> [CommandInfo] {
        let own = Set(Self.builtins.map(\.name))
        return dispatcher.commands.filter { $0.name != "shell" && !own.contains($0.name) } + Self.builtins
    }

    /// Runs until /quit, Ctrl-D or the end of the input.
    /// - Returns: the exit status: 0, or 1 when any line failed in batch mode.
    package func run() -> Int32 {
        defer { reader.close() }
        while true {
            if Interrupt.terminationRequested { return 143 }
            let prompt = options.batch ? "" : promptText()
            switch reader.read(prompt: prompt) {
            case .end:
                if !options.batch { say("") }
                return status
            case .interrupted:
                pendingLines.removeAll()
                continue
            case .invalid(let message):
                report(message)
            case .line(let line):
                if pendingLines.isEmpty, !line.trimmingCharacters(in: .whitespaces).isEmpty {
                    reader.remember(line)
                }
                if handle(line) == .quit { return status }
            }
            if options.stopOnError, failures > 0 { return 1 }
        }
    }

    /// Batch runs fail when any line failed; an interactive session ends well.
    private var status: Int32 { options.batch && failures > 0 ? 1 : 0 }

    private enum Outcome { case next, quit }

    private func handle(_ line: String) -> Outcome {
        // A trailing backslash continues the entry on the next line.
        if line.hasSuffix("\\"), !line.hasSuffix("\\\\") {
            pendingLines.append(String(line.dropLast()))
            return .next
        }
        if !pendingLines.isEmpty {
            let text = (pendingLines + [line]).joined(separator: "\n")
            pendingLines.removeAll()
            addEntry(text)
            return .next
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .next }
        if trimmed.hasPrefix("//") {
            addEntry(String(trimmed.dropFirst()))
        } else if trimmed.hasPrefix("/") {
            return command(String(trimmed.dropFirst()))
        } else {
            addEntry(line)
        }
        return .next
    }

    // MARK: Entries

    private func addEntry(_ text: String) {
        Interrupt.reset()
        do {
            let (draft, warnings) = try Capture.draft(from: text, context: contextProvider())
            for warning in warnings { note("warning: " + warning) }
            let report = try store.write { db in try JournalStore.add(draft, in: db) }
            added.append(report.id)
            let entry = try store.entry(id: report.id)
            var line = Confirmation.line(for: entry, style: options.style, zone: contextProvider().timeZone)
            let created = report.createdPeople.map { "@" + $0 } + report.createdSources.map { "[[\($0)]]" }
            if !created.isEmpty { line += "  " + options.style.paint("(new: " + created.joined(separator: " ") + ")", .dim) }
            say(options.batch ? TerminalText.sanitize(line, keepNewlines: false) : line)
            onEntryAdded?(report.id)
        } catch {
            report(error.description)
        }
    }

    // MARK: Commands

    private func command(_ text: String) -> Outcome {
        let words: [String]
        do {
            words = try ShellTokenizer.split(text)
        } catch {
            report(error.description)
            return .next
        }
        guard let name = words.first else {
            report("a command name must follow '/' (try /help)")
            return .next
        }
        let arguments = Array(words.dropFirst())
        switch name {
        case "quit", "exit", "q":
            return .quit
        case "help", "?":
            help(arguments)
        case "undo":
            undo()
        case "edit":
            edit(arguments)
        case "format":
            format(arguments)
        case "multi":
            multi()
        case "shell":
            report("already in the shell")
        default:
            guard let info = dispatcher.commands.first(where: { $0.name == name }) else {
                var message = "unknown command /\(name)"
                let names = allCommands.map(\.name)
                if let near = Suggestion.nearest(to: name, in: names) { message += " — did you mean /\(near)?" }
                report(message + " (/help lists the commands)")
                return .next
            }
            var full = [name] + arguments
            if info.acceptsFormat, options.format != .text, !arguments.contains(where: { $0 == "--format" || $0.hasPrefix("--format=") }),
               info.values["--format"]?.contains(options.format.rawValue) ?? true {
                full += ["--format", options.format.rawValue]
            }
            dispatch(full)
        }
        return .next
    }

    private func dispatch(_ arguments: [String]) {
        Interrupt.reset()
        output.flush()
        var message: String?
        let status = dispatcher.run(arguments) { message = $0 }
        if status != 0 {
            report(message ?? "/\(arguments[0]) failed with status \(status)")
        }
        Interrupt.reset()
    }

    private func help(_ arguments: [String]) {
        if let name = arguments.first.map({ $0.hasPrefix("/") ? String($0.dropFirst()) : $0 }) {
            if let builtin = Self.builtins.first(where: { $0.name == name }) {
                say("/\(builtin.name) — \(builtin.abstract)")
            } else if dispatcher.commands.contains(where: { $0.name == name }) {
                dispatch([name, "--help"])
            } else {
                report("no command /\(name)")
            }
            return
        }
        say("Type an entry and press Enter to save it: #tags, @people, [[sources]] and a leading date work as in 'pln add'.")
        say("End a line with \\ to continue the entry on the next line; start it with // to begin with a slash.")
        say("")
        let width = allCommands.map(\.name.count).max() ?? 0
        for info in allCommands {
            say("  /" + info.name + String(repeating: " ", count: width - info.name.count + 2) + info.abstract)
        }
        say("")
        say("/help COMMAND shows a command's flags. Tab completes commands, flags, #tags, @people, [[sources]] and query terms.")
    }

    private func undo() {
        guard let id = added.popLast() else {
            report("nothing to undo: no entry was added in this session")
            return
        }
        do {
            try store.write { db in try JournalStore.delete(ids: [id], in: db) }
            say("removed entry \(id)")
        } catch {
            report(error.description)
        }
    }

    private func edit(_ arguments: [String]) {
        if let first = arguments.first, Int64(first.hasPrefix("#") ? String(first.dropFirst()) : first) != nil {
            dispatch(["edit"] + arguments)
            return
        }
        var target = added.last
        if target == nil {
            target = try? store.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM entry ORDER BY ts DESC, id DESC LIMIT 1") }
        }
        guard let id = target else {
            report("the journal has no entry to edit")
            return
        }
        dispatch(["edit", String(id)] + arguments)
    }

    private func format(_ arguments: [String]) {
        guard let value = arguments.first else {
            say("output format: \(options.format.rawValue)")
            return
        }
        guard let format = OutputFormat(rawValue: value), arguments.count == 1 else {
            report("/format takes one of \(OutputFormat.names)")
            return
        }
        options.format = format
        say("output format: \(format.rawValue)")
    }

    private func multi() {
        if !options.batch { say("Write the entry; a line holding only '.' saves it, Ctrl-C discards it.") }
        var lines: [String] = []
        while true {
            switch reader.read(prompt: options.batch ? "" : "... ") {
            case .line(let line):
                if line == "." {
                    addEntry(lines.joined(separator: "\n"))
                    return
                }
                lines.append(line)
            case .interrupted:
                note("entry discarded")
                return
            case .invalid(let message):
                report(message)
                return
            case .end:
                if !lines.isEmpty { addEntry(lines.joined(separator: "\n")) }
                return
            }
        }
    }

    // MARK: Output

    private func promptText() -> String {
        if !pendingLines.isEmpty { return "... " }
        let context = contextProvider()
        let today = (try? store.entriesToday(context)) ?? 0
        let streak = (try? store.streak(context)) ?? 0
        let status = options.style.enabled
            ? "\(today) today · \(streak)-day streak"
            : "\(today) today, \(streak)-day streak"
        guard options.style.enabled else { return "pln [\(status)]> " }
        // \u{1}…\u{2} tell readline that the colour codes take no room on screen.
        let dim = "\u{1}\u{1B}[2m\u{2}", cyan = "\u{1}\u{1B}[36m\u{2}", reset = "\u{1}\u{1B}[0m\u{2}"
        return "\(cyan)pln\(reset) \(dim)[\(status)]\(reset)> "
    }

    private func say(_ line: String) {
        output.line(line)
        output.flush()
    }

    private func note(_ line: String) {
        output.flush()
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    private func report(_ message: String) {
        failures += 1
        output.flush()
        let text: String
        if options.batch {
            text = "\(options.inputName):\(reader.lineNumber): \(message)"
        } else {
            text = Style.forDescriptor(2, mode: options.style.enabled ? "auto" : "never").paint("error:", .red) + " " + message
        }
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
