import ArgumentParser
import Foundation
import PLNCore
import PLNScripting
import PLNShell

struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell", _superCommandName: "pln",
        abstract: "The journal shell: a line is an entry, /command runs a command (pln with no command).",
        discussion: """
            On a terminal the shell uses GNU readline, with history and Tab completion. When stdin \
            is not a terminal, lines are read as a batch with the same grammar: a failing line is \
            reported as <stdin>:LINE: message, the rest still runs, and the exit status is 1 if any \
            line failed.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(name: [.customShort("e"), .long], help: "In batch mode, stop at the first failing line.")
    var stopOnError = false

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let config = Runtime.config
        Interrupt.install()
        Interrupt.installTerminate()
        defer { Interrupt.uninstall() }

        let interactive = isatty(0) == 1
        var options = ShellSession.Options()
        options.batch = !interactive
        options.stopOnError = stopOnError
        options.style = runtime.style
        options.format = config.format

        // Plugins first, so their commands are completed and listed by /help.
        let host = ScriptSupport.pluginsPresent ? try ScriptSupport.host(runtime, store: store) : nil
        let reader: any LineReading
        let dispatcher = CommandLineDispatcher()
        if interactive {
            let commands = ShellSession.commands(from: dispatcher)
            let completer = Completer(commands: commands, names: JournalNames(store: store))
            reader = ReadlineReader(historyPath: Self.historyPath(), historySize: config.historySize) { line, word in
                completer.candidates(line: line, word: word)
            }
            FileHandle.standardError.write(Data(
                "pln \(PlnCommand.version) — \(runtime.journalPath)\nType an entry, or /help. Ctrl-D leaves.\n".utf8))
        } else {
            reader = try BatchReader()
        }
        let session = ShellSession(store: store, dispatcher: dispatcher, reader: reader, options: options)
        if let host {
            _ = host.fire("shell.start", .table(LuaTable()))
            for problem in host.takeProblems() { runtime.warn(problem) }
            session.onEntryAdded = { id in
                for problem in host.entryAdded(id: id) { runtime.warn(problem) }
            }
        }
        let status = session.run()
        if Interrupt.terminationRequested { throw ExitCode(143) }
        if status != 0 { throw ExitCode(status) }
    }

    /// `$XDG_STATE_HOME/pln/history`, else `~/.local/state/pln/history`.
    static func historyPath(environment: [String: String] = ProcessEnvironment.values) -> String {
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") { return state + "/pln/history" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.local/state/pln/history"
    }
}
