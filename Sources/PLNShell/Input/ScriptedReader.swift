/// Lines from a list: the shell's in-memory twin of a terminal, for tests.
package final class ScriptedReader: LineReading {
    private var pending: [LineRead]
    package private(set) var prompts: [String] = []
    package private(set) var history: [String] = []
    package private(set) var lineNumber = 0

    package init(_ lines: [LineRead]) { pending = lines }

    package convenience init(lines: [String]) { self.init(lines.map { .line($0) }) }

    package func read(prompt: String) -> LineRead {
        prompts.append(prompt)
        guard !pending.isEmpty else { return .end }
        lineNumber += 1
        return pending.removeFirst()
    }

    package func remember(_ line: String) { history.append(line) }

    package func close() {}
}
