import ArgumentParser
import Foundation
import PLNCore

/// Parses, runs, and maps every error to a message and an exit status — in this one place.
///
/// Exit status: 0 success, 1 failure (a one-line message on stderr), 2 usage error,
/// 130 interrupted by Ctrl-C (nothing saved).
enum Main {
    static func run(_ given: [String]) -> Int32 {
        let arguments = normalize(given)
        if let unknown = unknownCommand(in: arguments) {
            var message = "pln: unknown command '\(unknown)'"
            if let suggestion = Suggestion.nearest(to: unknown, in: PlnCommand.commandNames) {
                message += " — did you mean '\(suggestion)'?"
            }
            printError(message + "\nRun 'pln --help' for the list of commands.")
            return 2
        }
        do {
            var command = try PlnCommand.parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as PLNError {
            printError("pln: \(error)")
            return error == .interrupted ? 130 : 1
        } catch let code as ExitCode {
            return code.rawValue
        } catch {
            let code = PlnCommand.exitCode(for: error)
            if code == .success {
                print(PlnCommand.fullMessage(for: error))
                return 0
            }
            let message = PlnCommand.message(for: error)
            printError("pln: " + message.prefix(1).lowercased() + message.dropFirst())
            if code == .validationFailure {
                printError("Run 'pln \(helpTarget(arguments))--help' for usage.")
                return 2
            }
            return 1
        }
    }

    /// Commands whose words form a query.
    static let queryCommands: Set<String> = ["list", "search", "count", "tags", "export"]

    /// Lets users write what they mean: global options before the command
    /// (`pln --journal J list`) move after it, and in a query a negated term such as `-#admin`,
    /// `-@sam`, `-(…)` or `-is:starred` becomes `NOT …` so it is not taken for an option.
    static func normalize(_ arguments: [String]) -> [String] {
        var globals: [String] = []
        var index = 0
        while index < arguments.count {
            let word = arguments[index]
            if word == "--journal" || word == "--color", index + 1 < arguments.count {
                globals += [word, arguments[index + 1]]
                index += 2
            } else if word.hasPrefix("--journal=") || word.hasPrefix("--color=") {
                globals.append(word)
                index += 1
            } else {
                break
            }
        }
        guard index < arguments.count else { return globals.isEmpty ? arguments : globals }
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
