import ArgumentParser
import PLNCore
import PLNScripting
import PLNShell

struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version", _superCommandName: "pln", abstract: "Print the version of pln and of the libraries it uses.")

    func run() throws {
        print("pln \(PlnCommand.version)")
        print("SQLite \(JournalStore.sqliteVersion), \(LuaState.luaVersion), GNU readline \(LineEditor.readlineVersion)")
    }
}
