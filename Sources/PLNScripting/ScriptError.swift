/// Errors raised by the Lua engine.
package enum ScriptError: Error, CustomStringConvertible {
    /// Lua could not allocate a new state.
    case outOfMemory
    /// A chunk failed to load or raised an error; the message reads `file:line: message`.
    case runtime(String)

    package var description: String {
        switch self {
        case .outOfMemory: "not enough memory to start Lua"
        case .runtime(let message): message
        }
    }
}
