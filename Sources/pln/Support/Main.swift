import ArgumentParser
import Foundation
import PLNCore

/// Parses, runs, and maps every error to a message and an exit status — in this one place.
///
/// Exit status: 0 success, 1 failure (a one-line message on stderr), 2 usage error,
/// 130 interrupted by Ctrl-C (nothing saved).
enum Main {
    /// The command line: runs `given` and prints any error as `pln: message`.
    static func run(_ given: [String]) -> Int32 {
        execute(given) { printError("pln: " + $0) }
    }

    /// Runs one command line in this process; the shell runs its `/commands` through here too.
    /// - Parameter report: receives the error message (one line, or a line and a usage hint).
    static func execute(_ given: [String], report: (String) -> Void) -> Int32 {
        let arguments = normalize(given)
        if let unknown = unknownCommand(in: arguments) {
            let position = arguments.firstIndex(of: unknown) ?? 0
            if let status = ScriptSupport.runPluginCommand(
                Array(arguments[position...]), globals: Array(arguments[..<position]), report: report) {
                return status
            }
            var message = "unknown command '\(unknown)'"
            if let suggestion = Suggestion.nearest(to: unknown, in: PlnCommand.commandNames) {
                message += " — did you mean '\(suggestion)'?"
            }
            report(message + "\nRun 'pln --help' for the list of commands.")
            return 2
        }
        do {
            if let quick = QuickAdd(arguments) {
                try quick.run()
                return 0
            }
            var command = try parseSubcommand(arguments) ?? PlnCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as PLNError {
            switch error {
            case .outputClosed: return 0
            case .interrupted:
                report(error.description)
                return 130
            default:
                report(error.description)
                return 1
            }
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = PlnCommand.exitCode(for: error)
            if code == .success {
                let sink = OutputSink(fd: 1)
                sink.line(PlnCommand.fullMessage(for: error))
                sink.flush()
                return 0
            }
            let message = PlnCommand.message(for: error)
            let text = message.prefix(1).lowercased() + message.dropFirst()
            if code == .validationFailure {
                report(text + "\nRun 'pln \(helpTarget(arguments))--help' for usage.")
                return 2
            }
            report(text)
            return 1
        }
    }

    /// `arguments` (a command's name, then its words) parsed as that command alone, or nil.
    ///
    /// The root's parse builds the argument sets of every command to look for help, completion
    /// and pass-through requests: about 3 ms of each run. Each command names `pln` as its super
    /// command, which also spares this parse the completion-script check (another 1 ms).
    /// Anything this parse does not accept (a usage error, `--version`) and help (whose text
    /// the root's parse writes with the root's options) get nil, and the root's parse then gives
    /// the usual answer.
    static func parseSubcommand(_ arguments: [String]) -> ParsableCommand? {
        guard let name = arguments.first,
              let type = PlnCommand.configuration.subcommands.first(where: { $0.configuration.commandName == name }),
              let parsed = try? type.parseAsRoot(Array(arguments.dropFirst())),
              Swift.type(of: parsed)._commandName != "help"
        else { return nil }
        return parsed
    }

    /// Commands whose words form a query.
    static let queryCommands: Set<String> = ["list", "search", "count", "tags", "export", "reflections"]

    /// Lets users write what they mean: global options before the command
    /// (`pln --journal J list`) move after it, and in a query a negated term such as `-#admin`,
    /// `-@sam`, `-(…)` or `-is:starred` becomes `NOT …` so it is not taken for an option.
    static func normalize(_ arguments: [String]) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            guard let (option, value) = GlobalOptionWord.read(word) else { break }
            if option.takesValue, value == nil {
                guard index + 1 < arguments.count else { break }
                globals += [word, arguments[index + 1]]
                index += 2
            } else {
                globals.append(word)
                index += 1
            }
        }
        guard index < arguments.count else { return arguments }
        let command = arguments[index]
        guard PlnCommand.commandNames.contains(command), command != "version" else { return arguments }
        var rest = Array(arguments[(index + 1)...])
        if queryCommands.contains(command) {
            var afterSeparator = false
            rest = rest.map { word in
                if word == "--" { afterSeparator = true }
                guard !afterSeparator, word.count > 1, word.hasPrefix("-"), !word.hasPrefix("--") else { return word }
                let second = word[word.index(after: word.startIndex)]
                if "#@(\"".contains(second) || (second.isLetter && word.contains(":")) {
                    return "NOT " + word.dropFirst()
                }
                return word
            }
        }
        return [command] + globals + rest
    }

    /// The first word that should name a command but names none.
    static func unknownCommand(in arguments: [String]) -> String? {
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--journal" || word == "--color" { index += 2; continue }
            if word == "--no-pager" { index += 1; continue }
            if word.hasPrefix("-") { return nil }
            return PlnCommand.commandNames.contains(word) || word == "help" ? nil : word
        }
        return nil
    }

    private static func helpTarget(_ arguments: [String]) -> String {
        guard let first = arguments.first(where: { !$0.hasPrefix("-") }), PlnCommand.commandNames.contains(first) else {
            return ""
        }
        return first + " "
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }
}
