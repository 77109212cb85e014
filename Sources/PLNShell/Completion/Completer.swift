import PLNCore

/// What Tab offers for the word under the cursor.
///
/// Pure logic over the command list and a source of journal names, so it is tested without a
/// terminal; `JournalNames` answers from the journal's indexes.
package struct Completer {
    package let commands: [CommandInfo]
    package let names: any NameSource

    /// The query keys offered inside queries and entries.
    package static let queryKeys = ["since:", "until:", "on:", "kind:", "is:", "tag:", "person:", "source:", "role:", "type:", "framework:", "stage:"]

    package init(commands: [CommandInfo], names: any NameSource) {
        self.commands = commands
        self.names = names
    }

    /// Candidates replacing `word`, the last word of `line` (the text up to the cursor);
    /// nil to fall back to file-name completion.
    package func candidates(line: String, word: String) -> [String]? {
        let before = line.dropLast(word.count)
        let tokens = ShellTokenizer.words(String(before))
        let isCommandLine = line.hasPrefix("/") && !line.hasPrefix("//")
        if isCommandLine, tokens.isEmpty {
            // The command name itself.
            let prefix = word.dropFirst()
            return commands.map(\.name).filter { $0.hasPrefix(prefix) }.sorted().map { "/" + $0 }
        }
        let command = isCommandLine ? commands.first { "/" + $0.name == tokens.first } : nil
        if command?.name == "format", tokens.count == 1 {
            return OutputFormat.allCases.map(\.rawValue).filter { $0.hasPrefix(word) }
        }
        if command?.name == "reflect", tokens.count == 1, !word.hasPrefix("-") {
            return names.frameworks(prefix: word)
        }
        if command?.name == "help", tokens.count == 1 {
            return commands.map(\.name).filter { $0.hasPrefix(word) }.sorted()
        }
        if let command, let previous = tokens.last, previous.hasPrefix("-"), let values = command.values[previous] {
            if values.isEmpty { return command.takesFile || previous == "--journal" ? nil : [] }
            return values.filter { $0.hasPrefix(word) }
        }
        if let command, word.hasPrefix("-"), !(command.takesQuery && Self.isNegatedTerm(word)) {
            return command.flags.filter { $0.hasPrefix(word) }.sorted()
        }
        if let command, command.takesFile, !word.hasPrefix("#"), !word.hasPrefix("@") { return nil }
        return terms(for: word, inQuery: command?.takesQuery ?? false)
    }

    /// `-#tag`, `-@handle`, `-is:` … are negated query terms, not flags.
    private static func isNegatedTerm(_ word: String) -> Bool {
        guard word.count > 1, !word.hasPrefix("--") else { return false }
        let second = word[word.index(after: word.startIndex)]
        return "#@[".contains(second) || word.contains(":")
    }

    private func terms(for word: String, inQuery: Bool) -> [String] {
        var negation = ""
        var word = Substring(word)
        if inQuery, word.hasPrefix("-"), word.count > 1 {
            negation = "-"
            word = word.dropFirst()
        }
        let results: [String]
        if word.hasPrefix("#") {
            results = names.tags(prefix: String(word.dropFirst())).map { "#" + $0 }
        } else if word.hasPrefix("@") {
            results = names.handles(prefix: String(word.dropFirst())).map { "@" + $0 }
        } else if word.hasPrefix("[[") {
            results = names.sourceKeys(prefix: String(word.dropFirst(2))).map { "[[" + $0 + "]]" }
        } else if inQuery, let colon = word.firstIndex(of: ":") {
            let key = word[...colon].lowercased()
            let value = String(word[word.index(after: colon)...])
            let values: [String]
            switch key {
            case "tag:": values = names.tags(prefix: value)
            case "person:": values = names.handles(prefix: value)
            case "source:": values = names.sourceKeys(prefix: value)
            case "kind:": values = names.kinds(prefix: value)
            case "framework:": values = names.frameworks(prefix: value)
            case "stage:": values = names.stages(prefix: value)
            case "is:": values = ["starred"].filter { $0.hasPrefix(value) }
            case "role:": values = ["mentioned", "learned-from", "shared-with", "met"].filter { $0.hasPrefix(value) }
            case "since:", "until:", "on:":
                values = ["today", "yesterday", "\"last monday\"", "\"1 week ago\"", "\"1 month ago\""]
                    .filter { $0.hasPrefix(value) }
            default: values = []
            }
            results = values.map { String(word[...colon]) + $0 }
        } else if inQuery, !word.isEmpty {
            results = Self.queryKeys.filter { $0.hasPrefix(word.lowercased()) } + ["OR"].filter { $0.hasPrefix(word) }
        } else {
            results = []
        }
        return results.map { negation + $0 }
    }
}

/// Names in the journal that completion offers, looked up by prefix.
package protocol NameSource {
    func tags(prefix: String) -> [String]
    func handles(prefix: String) -> [String]
    func sourceKeys(prefix: String) -> [String]
    func kinds(prefix: String) -> [String]
    /// Reflection framework names (`pln reflect NAME`, `framework:`).
    func frameworks(prefix: String) -> [String]
    /// Stage names of structured reflections (`stage:`).
    func stages(prefix: String) -> [String]
}

extension NameSource {
    package func frameworks(prefix: String) -> [String] { [] }
    package func stages(prefix: String) -> [String] { [] }
}
