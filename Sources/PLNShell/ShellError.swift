/// Errors of the shell itself (a command's own errors come from its target).
package enum ShellError: Error, Equatable, CustomStringConvertible {
    /// A quote was opened and not closed on a `/command` line.
    case unterminatedQuote
    /// The pager could not be started.
    case pagerFailed(String)

    package var description: String {
        switch self {
        case .unterminatedQuote: "unterminated quote"
        case .pagerFailed(let command): "cannot start the pager '\(command)'"
        }
    }
}
