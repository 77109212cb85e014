import Foundation

nonisolated(unsafe) private var interruptRequested: sig_atomic_t = 0

/// Ctrl-C during a long command: the command notices, rolls back and says so.
///
/// The handler only sets a flag (async-signal-safe); loops that write call `check()` between
/// records and throw `PLNError.interrupted`, which rolls the transaction back.
package enum Interrupt {
    /// Routes SIGINT to the flag instead of killing the process.
    ///
    /// SIGINT is also unblocked: a parent may have started pln with it blocked (test runners
    /// and some job schedulers do), and Ctrl-C must still reach the handler.
    package static func install() {
        signal(SIGINT) { _ in interruptRequested = 1 }
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Restores the default SIGINT behaviour (terminate).
    package static func uninstall() {
        signal(SIGINT, SIG_DFL)
    }

    package static var requested: Bool { interruptRequested != 0 }

    package static func reset() { interruptRequested = 0 }

    /// Throws `interrupted` when Ctrl-C was pressed.
    package static func check() throws(PLNError) {
        if interruptRequested != 0 { throw .interrupted }
    }
}
