import Foundation
import PLNCore
import PLNScripting

/// What `pln run` and `pln lua` share: making the host and reporting a failed run.
enum LuaRun {
    static func host(runtime: Runtime, store: JournalStore, flags: ScriptFlags, readable: Set<String>) throws -> ScriptHost {
        let options = flags.options(readable: readable)
        if !options.sandbox, !flags.noInit, flags.budget == nil, flags.timeout == nil, flags.memory == nil, !flags.noLimit,
           !flags.traceback {
            return try ScriptSupport.host(runtime, store: store)
        }
        let host = try ScriptHost(store: store, options: options, output: runtime.stdout, style: runtime.style,
                                  context: runtime.context)
        for problem in host.loadPlugins() { runtime.warn(problem) }
        return host
    }

    /// Runs `body` with Ctrl-C routed to the script; a failure says that nothing was saved.
    static func perform(_ host: ScriptHost, runtime: Runtime, _ body: () throws(ScriptError) -> Void) throws {
        Interrupt.install()
        defer { Interrupt.uninstall() }
        defer { for problem in host.takeProblems() { runtime.warn(problem) } }
        do {
            try body()
            runtime.stdout.flush()
        } catch {
            runtime.stdout.flush()
            let saved = host.options.allowWrite ? "; nothing it wrote was saved" : ""
            switch error {
            case .interrupted: throw PLNError.interrupted
            default: throw PLNError.invalidArgument(host.message(for: error) + saved)
            }
        }
    }
}
