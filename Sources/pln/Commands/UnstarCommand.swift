import ArgumentParser
import PLNCore

struct UnstarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "unstar", _superCommandName: "pln", abstract: "Remove the star from entries.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("Entry ids.", valueName: "id"))
    var ids: [String]

    func run() throws { try StarCommand.setStar(false, ids: ids, global: global) }
}
