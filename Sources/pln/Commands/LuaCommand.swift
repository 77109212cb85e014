import ArgumentParser
import Foundation
import PLNCore
import PLNScripting
import PLNShell

struct LuaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lua", _superCommandName: "pln",
        abstract: "Run Lua code, or open an interactive Lua prompt with the pln API.",
        discussion: """
            pln lua -e CODE runs CODE; pln lua CODE… (as /lua in the shell) does the same with the \
            words joined. Without code, on a terminal, a readline prompt prints each expression's \
            value; otherwise the code is read from stdin. See pln-lua(7).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var script: ScriptFlags

    @Option(name: .customShort("e"), help: ArgumentHelp("Lua code to run (repeatable).", valueName: "code"))
    var execute: [String] = []

    @Argument(help: ArgumentHelp("Lua code to run.", valueName: "code"))
    var code: [String] = []

    func run() throws {
        let runtime = Runtime(global)
        let store = try runtime.openStore()
        let host = try LuaRun.host(runtime: runtime, store: store, flags: script, readable: [])
        let chunks = execute + (code.isEmpty ? [] : [code.joined(separator: " ")])
        if !chunks.isEmpty {
            for chunk in chunks {
                try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in try host.runCode(chunk) }
            }
            return
        }
        if isatty(0) == 1 {
            try repl(host, runtime: runtime)
        } else {
            let text = try InputText.read("-").text
            try LuaRun.perform(host, runtime: runtime) { () throws(ScriptError) in try host.runCode(text, chunkName: "=stdin") }
        }
    }

    /// A readline prompt that prints each expression's value, as the lua command does; an
    /// incomplete statement continues on the next line.
    private func repl(_ host: ScriptHost, runtime: Runtime) throws {
        let history = (ShellCommand.historyPath() as NSString).deletingLastPathComponent + "/lua_history"
        let reader = ReadlineReader(historyPath: history, historySize: Runtime.config.historySize) { _, _ in nil }
        defer { reader.close() }
        Interrupt.install()
        defer { Interrupt.uninstall() }
        FileHandle.standardError.write(Data("\(LuaState.luaVersion) with the pln API — Ctrl-D leaves\n".utf8))
        var pending = ""
        while true {
            switch reader.read(prompt: pending.isEmpty ? "lua> " : "...> ") {
            case .end:
                runtime.stdout.line()
                runtime.stdout.flush()
                return
            case .interrupted, .invalid:
                pending = ""
            case .line(let line):
                let text = pending.isEmpty ? line : pending + "\n" + line
                if pending.isEmpty { reader.remember(line) }
                do {
                    if let shown = try host.evaluate(text) { runtime.stdout.line(shown) }
                    pending = ""
                } catch {
                    if case .syntax(let message) = error, message.hasSuffix("<eof>") {
                        pending = text
                        continue
                    }
                    pending = ""
                    runtime.stdout.flush()
                    FileHandle.standardError.write(Data((host.message(for: error) + "\n").utf8))
                }
                runtime.stdout.flush()
                Interrupt.reset()
            }
        }
    }
}
