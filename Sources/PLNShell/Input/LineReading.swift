/// Where the shell's lines come from: readline on a terminal, stdin in batch mode, a list
/// of lines in tests.
package protocol LineReading: AnyObject {
    /// The next line, without its newline.
    func read(prompt: String) -> LineRead
    /// The 1-based number of the line last read (for `<stdin>:LINE:` messages).
    var lineNumber: Int { get }
    /// Records a line in the history, where there is one.
    func remember(_ line: String)
    /// Saves history and restores the terminal.
    func close()
}

/// The result of reading one line.
package enum LineRead: Equatable {
    case line(String)
    /// Ctrl-C at the prompt: the line was discarded.
    case interrupted
    /// Ctrl-D on an empty line, or the end of the input.
    case end
    /// A line that could not be read (invalid UTF-8); the message says why. Reading goes on.
    case invalid(String)
}
