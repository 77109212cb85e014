import ArgumentParser
import PLNCore
import PLNScripting
import PLNShell

/// The root command: `pln SUBCOMMAND`.
struct PlnCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "pln",
        abstract: "A Personal Learning Network journal.",
        discussion: """
            Write short learning entries linked to the people and sources you learned from, \
            then find them again. See pln(1) for the inline syntax, dates and queries.
            """,
        version: version,
        subcommands: [
            AddCommand.self, ShowCommand.self, EditCommand.self, DeleteCommand.self, StarCommand.self,
            UnstarCommand.self, LinkCommand.self, UnlinkCommand.self, PersonCommand.self, PeopleCommand.self,
            SourceCommand.self, SourcesCommand.self, CiteCommand.self, ChatsCommand.self, WhoCommand.self, GraphCommand.self, MapCommand.self, ListCommand.self, SearchCommand.self, CountCommand.self, TagsCommand.self,
            ReflectCommand.self, ReflectionsCommand.self, PromptCommand.self, FollowupsCommand.self,
            ReviewCommand.self, StatsCommand.self,
            ExportCommand.self, ImportCommand.self, ImportersCommand.self, QueryCommand.self, RunCommand.self, LuaCommand.self,
            ShellCommand.self, VersionCommand.self,
        ],
        defaultSubcommand: ShellCommand.self)

    /// Every subcommand name, for suggestions.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }
}
