import Foundation

/// Output taller than the terminal goes through `$PAGER`, as git does.
///
/// `start` points stdout at the pager's stdin; `finish` flushes, restores stdout and waits for
/// the pager. With `LESS` unset, less runs as `less -FRX`: it exits at once when the output fits
/// on one screen, keeps colours, and leaves the text on the terminal.
package final class Pager {
    private let process: Process
    private let savedStdout: Int32

    private init(process: Process, savedStdout: Int32) {
        self.process = process
        self.savedStdout = savedStdout
    }

    /// Starts `command` when stdout is a terminal; nil when paging does not apply.
    package static func start(command: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> Pager? {
        guard let command, !command.isEmpty, command != "cat", isatty(1) == 1, environment["TERM"] != "dumb" else {
            return nil
        }
        FileHandle.standardOutput.synchronizeFile()
        let pipe = Pipe()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        if env["LV"] == nil { env["LV"] = "-c" }
        process.environment = env
        process.standardInput = pipe.fileHandleForReading
        do {
            try process.run()
        } catch {
            return nil
        }
        let saved = dup(1)
        dup2(pipe.fileHandleForWriting.fileDescriptor, 1)
        try? pipe.fileHandleForWriting.close()
        try? pipe.fileHandleForReading.close()
        return Pager(process: process, savedStdout: saved)
    }

    /// Ends the output: the pager sees end of file, pln waits for the user to quit it.
    package func finish() {
        dup2(savedStdout, 1)
        close(savedStdout)
        process.waitUntilExit()
    }
}
