import Foundation

/// Settings from `$XDG_CONFIG_HOME/pln/config` (default `~/.config/pln/config`).
///
/// One `key = value` a line; `#` starts a comment. Unknown keys and bad values are reported
/// with `file:line` as warnings and ignored, so a typo never locks the user out of the journal.
package struct Config: Sendable, Equatable {
    /// The pager command, or nil when paging is off (`pager = off`).
    package var pager: String? = ProcessEnvironment.values["PAGER"].flatMap { $0.isEmpty ? nil : $0 } ?? "less"
    /// Lines kept in the shell history file.
    package var historySize = 1000
    /// When to colour output: auto, always or never.
    package var color = "auto"
    /// The shell's output format until `/format` changes it.
    package var format: OutputFormat = .text

    package static let keys = ["pager", "history.size", "color", "format"]

    package init() {}

    /// The config file's path.
    package static func path(environment: [String: String] = ProcessEnvironment.values) -> String {
        if let config = environment["XDG_CONFIG_HOME"], config.hasPrefix("/") { return config + "/pln/config" }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.config/pln/config"
    }

    /// Reads the config file (a missing file means defaults); `warn` receives each problem.
    package static func load(from path: String = Config.path(), warn: (String) -> Void) -> Config {
        var config = Config()
        guard let data = FileManager.default.contents(atPath: path) else { return config }
        guard let text = String(validating: data, as: UTF8.self) else {
            warn("\(path): invalid UTF-8; settings ignored")
            return config
        }
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let location = "\(path):\(index + 1)"
            guard let equals = trimmed.firstIndex(of: "=") else {
                warn("\(location): expected 'key = value'")
                continue
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "pager":
                config.pager = ["off", "false", "no", "none", ""].contains(value.lowercased()) ? nil : value
            case "history.size":
                if let size = Int(value), size >= 0 { config.historySize = size } else {
                    warn("\(location): history.size takes a number of lines")
                }
            case "color":
                if ["auto", "always", "never"].contains(value) { config.color = value } else {
                    warn("\(location): color takes auto, always or never")
                }
            case "format":
                if let format = OutputFormat(rawValue: value) { config.format = format } else {
                    warn("\(location): format takes \(OutputFormat.names)")
                }
            default:
                var message = "\(location): unknown setting '\(key)'"
                if let near = Suggestion.nearest(to: key, in: keys) { message += " — did you mean '\(near)'?" }
                warn(message)
            }
        }
        return config
    }
}
