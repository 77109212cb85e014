import CLuaShim

/// The watchdog: the count hook's check, every 1000 VM instructions.
///
/// As in Redis scripting and lua.c's Ctrl-C handler, a runaway script is stopped from inside the
/// Lua VM by an error raised in the hook (in C; never while Swift code runs). Once stopped, a run
/// stays stopped: the check keeps answering the same reason, and the hook then runs at every
/// instruction, so a script catching the error with `pcall` is stopped again at its next
/// instruction. The stop is recorded here, and that record, not the message, says why a run
/// failed.
extension LuaState {
    /// Why the watchdog stopped a run.
    enum StopReason: Int32 {
        case instructionLimit = 1  // CLUASHIM_STOP_INSTRUCTIONS
        case interrupted = 2  // CLUASHIM_STOP_INTERRUPTED
        case timeLimit = 3  // CLUASHIM_STOP_TIME

        /// The error a run stopped for this reason throws.
        func error(_ state: LuaState) -> ScriptError {
            switch self {
            case .instructionLimit: .instructionLimit(state.instructionLimit ?? 0)
            case .interrupted: .interrupted
            case .timeLimit: .timeLimit(state.timeLimit ?? 0)
            }
        }

        /// The message the hook raises for this reason.
        var marker: String { String(cString: CLuaShim_stop_marker(rawValue)) }
    }

    /// The watchdog's check: 0 to go on, else the reason to stop.
    func checkWatchdog() -> Int32 {
        if let stopReason { return stopReason.rawValue }
        if let limit = instructionLimit, instructionCount >= limit {
            stopReason = .instructionLimit
        } else if let interruptCheck, interruptCheck() {
            stopReason = .interrupted
        } else if let deadline, ContinuousClock.now >= deadline {
            stopReason = .timeLimit
        }
        return stopReason?.rawValue ?? 0
    }
}
