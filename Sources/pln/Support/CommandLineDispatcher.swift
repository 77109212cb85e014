import PLNShell

/// The shell's `/command` lines run here: the same parsing and code as the command line.
struct CommandLineDispatcher: CommandDispatching {
    /// The built-in commands and those plugins added.
    var commands: [CommandInfo] {
        CommandCatalog.commands + ScriptSupport.pluginCommands.map { CommandInfo(name: $0.name, abstract: $0.help) }
    }

    func run(_ arguments: [String], report: (String) -> Void) -> Int32 {
        Main.execute(arguments, report: report)
    }
}
