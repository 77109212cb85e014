/// Errors raised by the Lua engine and by the scripts it runs.
///
/// The one error type of PLNScripting. Every case reads as a one-line message a user can act on;
/// Lua's stack traceback is kept apart in ``runtime(message:traceback:)`` so callers show it only
/// when asked (`--verbose`, the shell's `/trace`), the way GRDB keeps SQL out of its descriptions.
package enum ScriptError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A chunk did not compile; the message reads `file:line: message` as Lua reports it.
    case syntax(String)
    /// A script raised an error; `message` reads `file:line: message`, `traceback` is Lua's
    /// "stack traceback:" text (empty when Lua could not build one, as after a memory error).
    case runtime(message: String, traceback: String)
    /// A Swift function called from Lua failed. Thrown by host functions; when it reaches a Lua
    /// caller it is raised there as `file:line: message`, and comes back out as `.runtime`.
    case host(String)
    /// The state ran more VM instructions than its budget allows (the budget given here).
    case instructionLimit(Int)
    /// One run took longer than the time limit (the limit in seconds given here).
    case timeLimit(Double)
    /// The script was stopped on request (Ctrl-C).
    case interrupted
    /// Lua needed more memory than the limit allows (the limit in bytes given here).
    case memoryLimit(Int)
    /// A script file could not be read.
    case io(path: String, reason: String)
    /// There was not enough memory to create a Lua state at all.
    case outOfMemory

    package var description: String {
        switch self {
        case .syntax(let message): message
        case .runtime(let message, _): message
        case .host(let message): message
        case .instructionLimit(let limit):
            "script stopped after \(limit) Lua instructions, its budget; look for an endless loop"
        case .timeLimit(let seconds):
            "script stopped after running for \(Self.seconds(seconds)), its time limit; look for an endless loop"
        case .interrupted: "script interrupted"
        case .memoryLimit(let bytes):
            "script stopped: it needed more than \(Self.bytes(bytes)) of memory, the Lua memory limit"
        case .io(let path, let reason): "cannot read \(path): \(reason)"
        case .outOfMemory: "not enough memory to start Lua"
        }
    }

    /// Lua's stack traceback for `.runtime` errors that have one, else nil.
    package var traceback: String? {
        if case .runtime(_, let traceback) = self, !traceback.isEmpty { return traceback }
        return nil
    }

    /// True for a syntax error at the end of the input: the chunk is incomplete, not wrong.
    ///
    /// A REPL reads another line and tries again, as lua.c's `incomplete` does by looking for
    /// Lua's `<eof>` mark at the end of the message.
    package var isIncompleteChunk: Bool {
        if case .syntax(let message) = self { return message.hasSuffix("<eof>") }
        return false
    }

    private static func seconds(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 {
            let whole = Int(value)
            return whole == 1 ? "1 second" : "\(whole) seconds"
        }
        return "\(value) seconds"
    }

    private static func bytes(_ value: Int) -> String {
        let mebibyte = 1024 * 1024
        if value >= mebibyte {
            return value % mebibyte == 0 ? "\(value / mebibyte) MB" : "\(Double(value / (mebibyte / 10)) / 10) MB"
        }
        if value >= 1024, value % 1024 == 0 { return "\(value / 1024) KB" }
        return "\(value) bytes"
    }
}
