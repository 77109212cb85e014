import Foundation
import PLNCore

/// How a script runs: trust level and limits.
package struct ScriptOptions: Sendable {
    /// Someone else's script: no `io`, `os.execute`, `require`, files but those named on the
    /// command line, read-only journal unless `allowWrite`, a tight budget.
    package var sandbox = false
    /// Whether scripts may write to the journal.
    package var allowWrite = true
    /// VM instructions for a run; nil for no limit.
    package var instructionLimit: Int? = ScriptOptions.defaultInstructions
    /// Wall-clock seconds for a run; nil for no limit.
    package var timeLimit: Double?
    /// Bytes Lua may allocate; nil for no limit.
    package var memoryLimit: Int? = 512 * 1024 * 1024
    /// Files a sandboxed script may read (the ones named on the command line).
    package var readablePaths: Set<String> = []
    /// Show the Lua traceback with errors.
    package var traceback = false
    /// The config folder (`init.lua`, `plugins/`); `require` resolves inside it only.
    package var configFolder: String?
    /// Command names a plugin may not take (the built-in commands).
    package var reservedCommands: Set<String> = []

    /// Generous: a minute or more of busy Lua.
    package static let defaultInstructions = 20_000_000_000
    /// Tight, for shared scripts.
    package static let sandboxInstructions = 200_000_000
    package static let sandboxSeconds = 10.0

    package init() {}

    /// The settings for a sandboxed run.
    package static func sandboxed(allowWrite: Bool, readable: Set<String>) -> ScriptOptions {
        var options = ScriptOptions()
        options.sandbox = true
        options.allowWrite = allowWrite
        options.instructionLimit = sandboxInstructions
        options.timeLimit = sandboxSeconds
        options.memoryLimit = 128 * 1024 * 1024
        options.readablePaths = readable
        return options
    }

    /// `$XDG_CONFIG_HOME/pln`, else `~/.config/pln`.
    package static func defaultConfigFolder(environment: [String: String] = ProcessEnvironment.values) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/pln" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/pln"
    }
}
