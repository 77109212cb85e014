import ArgumentParser
import PLNCore

/// Options every command takes, before or after the command name.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The journal file (default: $PLN_JOURNAL, else $XDG_DATA_HOME/pln/journal.db).", valueName: "path"))
    var journal: String?

    @Option(name: .long, help: ArgumentHelp("When to colour output: auto, always or never.", valueName: "when"))
    var color: ColorMode?

    @Flag(name: .long, help: "Do not send long output through the pager.")
    var noPager = false
}

enum ColorMode: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension OutputFormat: ExpressibleByArgument {}

extension EntryOrder: ExpressibleByArgument {}
