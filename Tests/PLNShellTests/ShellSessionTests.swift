import Foundation
import PLNCore
import PLNTestSupport
import Testing
@testable import PLNShell

/// A dispatcher that records what the shell asked it to run.
final class RecordingDispatcher: CommandDispatching, @unchecked Sendable {
    var calls: [[String]] = []
    var failWith: String?
    var commands: [CommandInfo] = [
        CommandInfo(name: "list", abstract: "List entries.", flags: ["--format"], values: ["--format": ["text", "json"]], takesQuery: true),
        CommandInfo(name: "count", abstract: "Count entries.", takesQuery: true),
        CommandInfo(name: "edit", abstract: "Edit an entry."),
        CommandInfo(name: "shell", abstract: "The shell."),
    ]

    func run(_ arguments: [String], report: (String) -> Void) -> Int32 {
        calls.append(arguments)
        if let failWith {
            report(failWith)
            return 1
        }
        return 0
    }
}

@Suite("Shell session")
struct ShellSessionTests {
    let folder = TemporaryFolder()
    let context = DateContext(now: Date(timeIntervalSince1970: 1_796_000_000), timeZone: TimeZone(identifier: "UTC")!)

    func session(_ lines: [LineRead], batch: Bool = true, dispatcher: RecordingDispatcher = RecordingDispatcher(),
                 stopOnError: Bool = false) throws -> (ShellSession, JournalStore, ScriptedReader) {
        let store = try JournalStore(path: folder.path + "/j.db")
        let reader = ScriptedReader(lines)
        var options = ShellSession.Options()
        options.batch = batch
        options.stopOnError = stopOnError
        let output = OutputSink(fd: open("/dev/null", O_WRONLY))
        let context = self.context
        return (ShellSession(store: store, dispatcher: dispatcher, reader: reader, options: options, output: output,
                             context: { context }), store, reader)
    }

    func bodies(_ store: JournalStore) throws -> [String] {
        try store.read { db in try String.fetchAll(db, sql: "SELECT body FROM entry ORDER BY id") }
    }

    @Test func plainLinesAreEntriesAndSlashesAreCommands() throws {
        let dispatcher = RecordingDispatcher()
        let (shell, store, reader) = try session(
            [.line("Tried exit tickets #ell"), .line("/list #ell"), .line("//etc/hosts is a path"), .line("/count")],
            dispatcher: dispatcher)
        #expect(shell.run() == 0)
        #expect(try bodies(store) == ["Tried exit tickets #ell", "/etc/hosts is a path"])
        #expect(dispatcher.calls == [["list", "#ell"], ["count"]])
        #expect(reader.history.count == 4)
    }

    @Test func backslashContinuesAndMultiCollectsLines() throws {
        let (shell, store, _) = try session([
            .line("first \\"), .line("second"), .line("/multi"), .line("a"), .line(""), .line("b"), .line("."),
        ])
        #expect(shell.run() == 0)
        #expect(try bodies(store) == ["first \nsecond", "a\n\nb"])
    }

    @Test func undoRemovesOnlyThisSessionsEntries() throws {
        let (shell, store, _) = try session([.line("one"), .line("two"), .line("/undo"), .line("/undo"), .line("/undo")])
        #expect(shell.run() == 1)  // the third /undo has nothing left to undo
        #expect(try bodies(store).isEmpty)
    }

    @Test func formatAppliesToCommandsThatTakeIt() throws {
        let dispatcher = RecordingDispatcher()
        let (shell, _, _) = try session([.line("/format json"), .line("/list"), .line("/count"), .line("/list --format text"),
                                         .line("/format yaml")], dispatcher: dispatcher)
        #expect(shell.run() == 1)
        #expect(dispatcher.calls == [["list", "--format", "json"], ["count"], ["list", "--format", "text"]])
    }

    @Test func unknownCommandsSuggestAndTheRunGoesOn() throws {
        let dispatcher = RecordingDispatcher()
        let (shell, _, _) = try session([.line("/lsit"), .line("/count")], dispatcher: dispatcher)
        #expect(shell.run() == 1)
        #expect(dispatcher.calls == [["count"]])
    }

    @Test func stopOnErrorStopsAtTheFirstFailure() throws {
        let dispatcher = RecordingDispatcher()
        dispatcher.failWith = "no entry with id 9"
        let (shell, _, _) = try session([.line("/count"), .line("/count")], dispatcher: dispatcher, stopOnError: true)
        #expect(shell.run() == 1)
        #expect(dispatcher.calls.count == 1)
    }

    @Test func interactiveSessionsShowStateInThePromptAndEndWell() throws {
        let (shell, _, reader) = try session([.line("a #x"), .interrupted, .line("/nope")], batch: false)
        #expect(shell.run() == 0)
        #expect(reader.prompts.first == "pln [0 today, 0-day streak]> ")
        #expect(reader.prompts[1] == "pln [1 today, 1-day streak]> ")
    }

    @Test func editDefaultsToTheLastEntryOfTheSession() throws {
        let dispatcher = RecordingDispatcher()
        let (shell, _, _) = try session([.line("one"), .line("/edit"), .line("/edit 7 --text x"), .line("/edit --text y")],
                                        dispatcher: dispatcher)
        _ = shell.run()
        #expect(dispatcher.calls == [["edit", "1"], ["edit", "7", "--text", "x"], ["edit", "1", "--text", "y"]])
    }
}
