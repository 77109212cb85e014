import Foundation
import PLNCore

/// Output taller than the terminal goes through `$PAGER`, as git does.
///
/// `start` points stdout at the pager's stdin; `finish` flushes, restores stdout and waits for
/// the pager. With `LESS` unset, less runs as `less -FRX`: it exits at once when the output fits
/// on one screen, keeps colours, and leaves the text on the terminal. The pager is spawned in
/// pln's own process group — the terminal's foreground group — so it may read the keyboard.
package final class Pager {
    private let pid: pid_t
    private let savedStdout: Int32

    private init(pid: pid_t, savedStdout: Int32) {
        self.pid = pid
        self.savedStdout = savedStdout
    }

    /// Starts `command` when stdout is a terminal; nil when paging does not apply.
    package static func start(command: String?, environment: [String: String] = ProcessEnvironment.values) -> Pager? {
        guard let command, !command.isEmpty, command != "cat", isatty(1) == 1, environment["TERM"] != "dumb" else {
            return nil
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { return nil }
        let (readEnd, writeEnd) = (fds[0], fds[1])
        var env = environment
        if env["LESS"] == nil { env["LESS"] = "FRX" }
        if env["LV"] == nil { env["LV"] = "-c" }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, 0)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // pln may route SIGINT to a handler and run with signals blocked; the pager gets defaults.
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGTERM, SIGPIPE, SIGWINCH, SIGQUIT] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let arguments = ["/bin/sh", "-c", command]
        let environmentLines = env.map { "\($0.key)=\($0.value)" }
        var pid: pid_t = 0
        let status = withCStrings(arguments) { argv in
            withCStrings(environmentLines) { envp in
                posix_spawn(&pid, "/bin/sh", &actions, &attributes, argv, envp)
            }
        }
        close(readEnd)
        guard status == 0 else {
            close(writeEnd)
            return nil
        }
        let saved = dup(1)
        dup2(writeEnd, 1)
        close(writeEnd)
        return Pager(pid: pid, savedStdout: saved)
    }

    /// Ends the output: the pager sees end of file, pln waits for the user to quit it.
    package func finish() {
        dup2(savedStdout, 1)
        close(savedStdout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }

    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for pointer in pointers { free(pointer) } }
        return body(pointers)
    }
}
