import Foundation

nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0
nonisolated(unsafe) private var terminateRequested: sig_atomic_t = 0
nonisolated(unsafe) private var outputClosed: sig_atomic_t = 0
nonisolated(unsafe) private var installations = 0

/// Ctrl-C during a long command: the command notices, rolls back and says so.
///
/// The handler only sets a flag (async-signal-safe); loops that write call `check()` between
/// records and throw `PLNError.interrupted`, which rolls the transaction back.
package enum Interrupt {
    /// Routes SIGINT to the flag instead of killing the process.
    ///
    /// SIGINT is also unblocked: a parent may have started pln with it blocked (test runners
    /// and some job schedulers do), and Ctrl-C must still reach the handler.
    /// Installations nest: the shell installs once, and a command it runs (an import) installs
    /// and uninstalls again without taking Ctrl-C away from the shell.
    package static func install() {
        installations += 1
        signal(SIGINT) { _ in interruptRequested = 1 }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Restores the default SIGINT behaviour (terminate).
    package static func uninstall() {
        installations = max(0, installations - 1)
        if installations == 0 { signal(SIGINT, SIG_DFL) }
    }

    /// Routes SIGTERM to the flags too, so a long command stops, rolls back, and the shell
    /// restores the terminal before it exits.
    package static func installTerminate() {
        signal(SIGTERM) { _ in
            terminateRequested = 1
            interruptRequested = 1
        }
    }

    package static var requested: Bool { interruptRequested != 0 }

    package static var terminationRequested: Bool { terminateRequested != 0 }

    /// Records that the reader of stdout went away (a pager quit, `| head` finished).
    package static func noteOutputClosed() { outputClosed = 1 }

    package static func reset() {
        interruptRequested = 0
        outputClosed = 0
    }

    /// Throws `interrupted` when Ctrl-C was pressed, `outputClosed` when nobody reads the output.
    package static func check() throws(PLNError) {
        if interruptRequested != 0 { throw .interrupted }
        if outputClosed != 0 { throw .outputClosed }
    }
}
