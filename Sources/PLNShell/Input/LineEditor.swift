@preconcurrency import CReadline

/// GNU readline, as the shell's line editor.
///
/// The readline REPL issue builds the shell on this type; the journal core only needs the
/// library linked and its version reported by `pln --version --verbose`.
package enum LineEditor {
    /// The GNU readline library version, such as "8.2".
    package static var readlineVersion: String {
        let version = rl_readline_version
        return "\(version >> 8).\(version & 0xff)"
    }
}
