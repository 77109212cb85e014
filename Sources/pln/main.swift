import ArgumentParser
import Foundation
import PLNCore

// Private by default: every file pln creates (journal, temporary edit files) is 0600.
umask(0o077)
signal(SIGPIPE, SIG_IGN)

let arguments = Array(CommandLine.arguments.dropFirst())
let exitStatus = Main.run(arguments)
exit(exitStatus)
