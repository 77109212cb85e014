import PLNShell

/// The shell's `/command` lines run here: the same parsing and code as the command line.
struct CommandLineDispatcher: CommandDispatching {
    var commands: [CommandInfo] { CommandCatalog.commands }

    func run(_ arguments: [String], report: (String) -> Void) -> Int32 {
        Main.execute(arguments, report: report)
    }
}
