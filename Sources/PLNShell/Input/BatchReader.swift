import PLNCore

/// Lines from stdin when it is not a terminal: no prompt, no echo, no readline.
package final class BatchReader: LineReading {
    private let reader: LineReader
    package private(set) var failure: PLNError?

    package init(path: String = "-") throws(PLNError) { reader = try LineReader(path: path) }

    package var lineNumber: Int { reader.lineNumber }

    package func read(prompt: String) -> LineRead {
        do {
            guard let line = try reader.nextLine() else { return .end }
            return .line(line)
        } catch {
            if case .invalidUTF8 = error { return .invalid("invalid UTF-8") }
            failure = error
            return .end
        }
    }

    package func remember(_ line: String) {}

    package func close() {}
}
