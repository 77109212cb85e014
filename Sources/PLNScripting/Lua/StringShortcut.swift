/// What a string function (`LuaState.stringFunction`) can answer from its argument's bytes.
package enum StringShortcut {
    /// The argument is the result.
    case same
    /// These bytes (valid UTF-8) are the result.
    case replaced([UInt8])
    /// The function's body must run.
    case none
}
