import ArgumentParser
import PLNScripting

/// How a Lua run is limited and trusted (`pln run`, `pln lua`).
struct ScriptFlags: ParsableArguments {
    @Flag(name: .long, help: "Run a script someone else shared: no io/os/require, read-only journal, tight budget.")
    var sandbox = false

    @Flag(name: .long, help: "With --sandbox, let the script write to the journal.")
    var allowWrite = false

    @Option(name: .long, help: ArgumentHelp("Stop after this many million Lua instructions.", valueName: "millions"))
    var budget: Int?

    @Option(name: .long, help: ArgumentHelp("Stop after this many seconds.", valueName: "seconds"))
    var timeout: Double?

    @Option(name: .long, help: ArgumentHelp("Cap Lua's memory at this many MiB (default 512).", valueName: "MiB"))
    var memory: Int?

    @Flag(name: .long, help: "No instruction, time or memory limit.")
    var noLimit = false

    @Flag(name: .long, help: "Show the Lua traceback with errors.")
    var traceback = false

    @Flag(name: .long, help: "Do not load init.lua and plugins.")
    var noInit = false

    func validate() throws {
        if allowWrite, !sandbox { throw ValidationError("--allow-write goes with --sandbox (your own scripts may always write)") }
        if let budget, budget <= 0 { throw ValidationError("--budget takes a positive number of million instructions") }
        if let timeout, timeout <= 0 { throw ValidationError("--timeout takes a positive number of seconds") }
        if let memory, memory <= 0 { throw ValidationError("--memory takes a positive number of MiB") }
        if noLimit, budget != nil || timeout != nil || memory != nil {
            throw ValidationError("--no-limit cannot be combined with --budget, --timeout or --memory")
        }
    }

    /// The options for a run, with `readable` the files named on the command line.
    func options(readable: Set<String>) -> ScriptOptions {
        var options = sandbox ? ScriptOptions.sandboxed(allowWrite: allowWrite, readable: readable) : ScriptOptions()
        if let budget { options.instructionLimit = budget * 1_000_000 }
        if let timeout { options.timeLimit = timeout }
        if let memory { options.memoryLimit = memory * 1024 * 1024 }
        if noLimit {
            options.instructionLimit = nil
            options.timeLimit = nil
            options.memoryLimit = nil
        }
        options.traceback = traceback
        options.configFolder = sandbox || noInit ? nil : ScriptOptions.defaultConfigFolder()
        options.reservedCommands = Set(PlnCommand.commandNames + ["help"])
        return options
    }
}
