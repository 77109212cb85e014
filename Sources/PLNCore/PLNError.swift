/// Every error PLNCore raises. Each message is one line a user can act on; journal text and
/// SQL arguments stay out of it unless the user typed them on this command line.
package enum PLNError: Error, Equatable, CustomStringConvertible {
    /// The journal file exists but is not a pln journal (another SQLite file, or not SQLite).
    case notAJournal(path: String)
    /// The journal was written by a newer pln whose schema this build does not know.
    case journalTooNew(path: String, version: Int, known: Int)
    /// The journal could not be opened or created.
    case cannotOpen(path: String, reason: String)
    /// SQLite reported an error while reading or writing.
    case database(String)
    /// No entry has this id.
    case noSuchEntry(Int64)
    /// A date expression looked like a date but is not a valid one ("2019-02-29").
    case invalidDate(String, reason: String)
    /// A query string could not be parsed; `column` is 1-based.
    case querySyntax(query: String, column: Int, message: String)
    /// An input file or stream could not be parsed; `line` is 1-based when known.
    case malformedInput(file: String, line: Int?, message: String)
    /// Input was not valid UTF-8.
    case invalidUTF8(file: String, line: Int?)
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// A value given by the user is not acceptable.
    case invalidArgument(String)
    /// The operation was interrupted (Ctrl-C) and its writes were rolled back.
    case interrupted
    /// The reader of the output went away (a pager was quit, `| head` had enough); not a failure.
    case outputClosed

    package var description: String {
        switch self {
        case .notAJournal(let path):
            "\(path) is not a pln journal; refusing to touch it"
        case .journalTooNew(let path, let version, let known):
            "\(path) was written by a newer pln (schema \(version), this pln knows up to \(known)); upgrade pln to open it"
        case .cannotOpen(let path, let reason):
            "cannot open journal \(path): \(reason)"
        case .database(let message):
            "database error: \(message)"
        case .noSuchEntry(let id):
            "no entry with id \(id)"
        case .invalidDate(let text, let reason):
            "invalid date '\(text)': \(reason)"
        case .querySyntax(_, let column, let message):
            "query syntax error at column \(column): \(message)"
        case .malformedInput(let file, let line, let message):
            if let line { "\(file):\(line): \(message)" } else { "\(file): \(message)" }
        case .invalidUTF8(let file, let line):
            if let line { "\(file):\(line): invalid UTF-8" } else { "\(file): invalid UTF-8" }
        case .io(let path, let reason):
            "\(path): \(reason)"
        case .invalidArgument(let message):
            message
        case .interrupted:
            "interrupted; nothing was saved"
        case .outputClosed:
            "the output was closed"
        }
    }
}
