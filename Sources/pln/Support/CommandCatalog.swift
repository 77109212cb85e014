import ArgumentParser
import PLNCore
import PLNShell

/// The shell's view of the command line's commands, read from ArgumentParser's own
/// description of them, so the flags the shell completes are exactly the flags that parse.
enum CommandCatalog {
    static let commands: [CommandInfo] = {
        var infos: [CommandInfo] = []
        let dump: String
        do {
            _ = try PlnCommand.parseAsRoot(["--experimental-dump-help"])
            return []
        } catch {
            dump = PlnCommand.fullMessage(for: error)
        }
        guard let root = try? JSONParser.parse(dump), let subcommands = root["command"]?["subcommands"]?.arrayValue else {
            return []
        }
        for command in subcommands {
            guard let name = command["commandName"]?.stringValue else { continue }
            var flags: [String] = []
            var values: [String: [String]] = [:]
            var hasPositional = false
            for argument in command["arguments"]?.arrayValue ?? [] {
                let kind = argument["kind"]?.stringValue
                if kind == "positional" {
                    hasPositional = true
                    continue
                }
                let spellings = (argument["names"]?.arrayValue ?? []).compactMap { name -> String? in
                    guard let text = name["name"]?.stringValue else { return nil }
                    return name["kind"]?.stringValue == "short" ? "-" + text : "--" + text
                }
                flags += spellings
                if kind == "option" {
                    let allowed = (argument["allValues"]?.arrayValue ?? []).compactMap(\.stringValue)
                    for spelling in spellings { values[spelling] = allowed }
                }
            }
            let queryCommands: Set<String> = ["list", "search", "count", "tags", "export", "reflections"]
            infos.append(CommandInfo(
                name: name, abstract: command["abstract"]?.stringValue ?? "", flags: flags, values: values,
                takesQuery: queryCommands.contains(name) && hasPositional, takesFile: name == "import"))
        }
        return infos
    }()
}
