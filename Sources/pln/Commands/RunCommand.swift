import ArgumentParser
import Foundation
import PLNCore
import PLNScripting

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run", _superCommandName: "pln",
        abstract: "Run a Lua script against the journal (its writes are one transaction).",
        discussion: """
            Arguments after the script are given to it in `arg`, as the lua command does. An \
            error, a budget stop or Ctrl-C rolls back everything the script wrote. See pln-lua(7).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var script: ScriptFlags

    @Argument(help: ArgumentHelp("The Lua script.", valueName: "script"))
    var path: String

    @Argument(parsing: .captureForPassthrough, help: ArgumentHelp("Arguments for the script.", valueName: "args"))
    var arguments: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let readable = Set([path] + arguments.filter { FileManager.default.fileExists(atPath: $0) })
        let host = try LuaRun.host(runtime: runtime, store: store, flags: script, readable: readable)
        try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in try host.runFile(path, arguments: arguments) }
    }
}
