import Foundation
import PLNCore
import PLNScripting

/// The plugin host shared by everything one pln process runs (the shell's commands, hooks).
enum ScriptSupport {
    nonisolated(unsafe) private static var shared: ScriptHost?
    nonisolated(unsafe) private static var sharedPath: String?

    /// Whether the config folder holds `init.lua` or `plugins/`: only then is Lua started for
    /// commands that do not need it (hooks on `pln add`, plugin commands).
    static var pluginsPresent: Bool {
        let folder = ScriptOptions.defaultConfigFolder()
        return access(folder + "/init.lua", F_OK) == 0 || access(folder + "/plugins", F_OK) == 0
    }

    /// The host with the user's plugins loaded, created once per process and journal.
    static func host(_ runtime: Runtime, store: JournalStore) throws -> ScriptHost {
        if let shared, sharedPath == store.path { return shared }
        var options = ScriptOptions()
        options.configFolder = ScriptOptions.defaultConfigFolder()
        options.reservedCommands = Set(PlnCommand.commandNames + ["help"])
        let host = try ScriptHost(store: store, options: options, output: runtime.stdout, style: runtime.style,
                                  context: runtime.context)
        for problem in host.loadPlugins() { runtime.warn(problem) }
        shared = host
        sharedPath = store.path
        return host
    }

    /// Commands plugins registered, once the shared host has loaded them.
    static var pluginCommands: [(name: String, help: String)] {
        guard let shared else { return [] }
        return shared.registry.commands.values.sorted { $0.name < $1.name }.map { ($0.name, $0.help) }
    }

    /// Runs the `entry.added` hooks for an entry saved by the command line or the shell.
    static func entryAdded(_ id: Int64, runtime: Runtime, store: JournalStore) {
        guard pluginsPresent, let host = try? host(runtime, store: store), host.hasHooks("entry.added") else { return }
        for problem in host.entryAdded(id: id) { runtime.warn(problem) }
    }

    /// Runs a plugin command, when a plugin registered one by this name.
    /// - Returns: nil when there is no such plugin command.
    static func runPluginCommand(_ arguments: [String], globals: [String], report: (String) -> Void) -> Int32? {
        guard let name = arguments.first, pluginsPresent else { return nil }
        guard let options = try? GlobalOptions.parse(globals) else { return nil }
        let runtime = Runtime(options)
        do {
            let store = try runtime.openStore()
            let host = try host(runtime, store: store)
            guard host.registry.commands[name] != nil else { return nil }
            let rest = Array(arguments.dropFirst())
            if rest == ["--help"] || rest == ["-h"] {
                runtime.stdout.line(host.commandHelp(name))
                runtime.stdout.flush()
                return 0
            }
            Interrupt.install()
            defer { Interrupt.uninstall() }
            try host.runCommand(name, arguments: rest)
            runtime.stdout.flush()
            return 0
        } catch let error as ScriptError {
            report(error.description)
            if case .interrupted = error { return 130 }
            return 1
        } catch {
            report(String(describing: error))
            return 1
        }
    }
}
