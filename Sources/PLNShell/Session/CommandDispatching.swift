/// Runs the command line's commands for the shell, so `/list #ell` and `pln list #ell` are
/// one code path with the same flags and output.
///
/// The `pln` executable implements this over its ArgumentParser commands; the shell knows
/// nothing of argument parsing.
package protocol CommandDispatching {
    /// Runs `arguments` (a command name and its arguments, without "pln"); output goes to
    /// stdout; an error message is passed to `report` without a "pln:" prefix.
    /// - Returns: the exit status the command would have had on the command line.
    func run(_ arguments: [String], report: (String) -> Void) -> Int32

    /// The commands, with their flags, for `/help`, completion and suggestions.
    var commands: [CommandInfo] { get }
}

/// What the shell knows about one command.
package struct CommandInfo: Sendable, Equatable {
    package var name: String
    package var abstract: String
    /// Every flag spelling: "--format", "-n", "--limit" …
    package var flags: [String]
    /// Flags that take a value, with the values they accept when the set is fixed.
    package var values: [String: [String]]
    /// Whether the positional arguments are a query (completion offers query terms).
    package var takesQuery: Bool
    /// Whether the positional argument is a file path (completion offers file names).
    package var takesFile: Bool

    package init(name: String, abstract: String, flags: [String] = [], values: [String: [String]] = [:],
                 takesQuery: Bool = false, takesFile: Bool = false) {
        self.name = name
        self.abstract = abstract
        self.flags = flags
        self.values = values
        self.takesQuery = takesQuery
        self.takesFile = takesFile
    }

    package var acceptsFormat: Bool { flags.contains("--format") }
}
