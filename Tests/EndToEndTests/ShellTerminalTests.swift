#if canImport(Glibc)
import Foundation
import PLNTestSupport
import Testing

/// The shell on a real pseudo-terminal, so GNU readline itself is exercised: what the screen
/// shows after typing, Tab, history, Ctrl-C and Ctrl-D.
@Suite("Shell on a terminal", .serialized)
struct ShellTerminalTests {
    func open(_ pln: PlnRunner, environment extra: [String: String] = [:]) throws -> PseudoTerminal {
        let environment = pln.environment.merging(["PAGER": "cat", "TERM": "xterm-256color"]) { $1 }.merging(extra) { $1 }
        let terminal = try PseudoTerminal(executable: PlnRunner.binary, arguments: [], environment: environment,
                                          workingDirectory: pln.folder.path)
        #expect(terminal.waitFor("]> "), "no prompt: \(terminal.output)")
        return terminal
    }

    func quit(_ terminal: PseudoTerminal) {
        terminal.waitUntilReadingInput()
        terminal.send("\u{04}")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func typingAnEntryConfirmsItAndTheListShowsIt() throws {
        let pln = PlnRunner()
        let terminal = try open(pln)
        #expect(terminal.output.contains("pln [0 today, 0-day streak]> "))
        terminal.sendLine("Tried exit tickets with #ell and @jane")
        #expect(terminal.waitFor("added 1  2026-11-29 14:30  #ell  @jane"))
        #expect(terminal.waitFor("pln [1 today, 1-day streak]> "))
        terminal.sendLine("/list")
        #expect(terminal.waitFor("    1  2026-11-29 14:30  Tried exit tickets with #ell and @jane"))
        #expect(terminal.waitFor("]> "))
        terminal.sendLine("/lsit")
        #expect(terminal.waitFor("unknown command /lsit — did you mean /list?"))
        #expect(terminal.waitFor("]> "))
        quit(terminal)
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func tabCompletesTagsHandlesAndCommands() throws {
        let pln = PlnRunner()
        pln.add("Seed #assessment with @maria")
        let terminal = try open(pln)
        terminal.send("/cou")
        terminal.waitUntilReadingInput()
        terminal.send("\t")
        #expect(terminal.waitFor("/count "))
        terminal.send("#ass")
        terminal.waitUntilReadingInput()
        terminal.send("\t")
        #expect(terminal.waitFor("#assessment "))
        terminal.send("@ma")
        terminal.waitUntilReadingInput()
        terminal.send("\t")
        #expect(terminal.waitFor("@maria "))
        terminal.send("\r")
        #expect(terminal.waitFor("\n1\n"))
        #expect(terminal.waitFor("]> "))
        quit(terminal)
    }

    @Test func historyIsRecalledInTheNextSession() throws {
        let pln = PlnRunner()
        let first = try open(pln)
        first.sendLine("/count #remembered")
        #expect(first.waitFor("0\n"))
        #expect(first.waitFor("]> "))
        quit(first)
        let history = pln.folder.path + "/state/pln/history"
        let attributes = try FileManager.default.attributesOfItem(atPath: history)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let second = try open(pln)
        second.waitUntilReadingInput()
        second.send("\u{1B}[A")  // Up arrow
        #expect(second.waitFor("/count #remembered"))
        second.waitUntilReadingInput()
        second.send("\u{15}")  // Ctrl-U: an empty line again, for Ctrl-D
        quit(second)
    }

    @Test func ctrlCAtThePromptClearsTheLineAndKeepsTheShell() throws {
        let pln = PlnRunner()
        let terminal = try open(pln)
        terminal.send("half-typed entry")
        #expect(terminal.waitFor("half-typed entry"))
        terminal.waitUntilReadingInput()
        terminal.send("\u{03}")
        #expect(terminal.waitFor("]> "))
        terminal.sendLine("/count")
        #expect(terminal.waitFor("0\n"))
        #expect(terminal.waitFor("]> "))
        quit(terminal)
        #expect(pln.run(["count"]).stdout == "0\n")
    }

    @Test func ctrlCStopsALongImportAndSavesNothing() throws {
        let pln = PlnRunner()
        pln.add("already here")
        let fifo = pln.folder.path + "/feed"
        #expect(mkfifo(fifo, 0o600) == 0)
        let terminal = try open(pln)
        terminal.sendLine("/import \(fifo)")
        // O_RDWR on a FIFO does not wait for the reader; pln then blocks reading more lines.
        let writer = Glibc.open(fifo, O_RDWR)
        #expect(writer >= 0)
        for index in 0..<200 {
            let line = #"{"date":"2026-10-01T08:00:00Z","body":"imported \#(index)"}"# + "\n"
            _ = line.withCString { Glibc.write(writer, $0, strlen($0)) }
        }
        Thread.sleep(forTimeInterval: 0.5)
        terminal.send("\u{03}")
        Thread.sleep(forTimeInterval: 0.2)
        close(writer)
        #expect(terminal.waitFor("interrupted; nothing was saved"))
        #expect(terminal.waitFor("]> "))
        // The shell is still there, and still answers Ctrl-C at its prompt.
        terminal.send("more")
        #expect(terminal.waitFor("more"))
        terminal.waitUntilReadingInput()
        terminal.send("\u{03}")
        #expect(terminal.waitFor("]> "))
        quit(terminal)
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func ctrlDLeavesAndRestoresTheTerminal() throws {
        let pln = PlnRunner()
        let terminal = try open(pln)
        quit(terminal)
        let settings = try #require(terminal.terminalSettings())
        #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
        #expect(settings.c_lflag & tcflag_t(ECHO) != 0)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let pln = PlnRunner()
        let terminal = try open(pln)
        terminal.waitUntilReadingInput()
        terminal.signal(SIGTERM)
        #expect(terminal.waitForExit() == 143)
        let settings = try #require(terminal.terminalSettings())
        #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
        #expect(settings.c_lflag & tcflag_t(ECHO) != 0)
    }

    @Test func longOutputGoesThroughThePager() throws {
        let pln = PlnRunner()
        pln.add("one #paged")
        let pager = pln.folder.write("pager.sh", "#!/bin/sh\necho PAGER-START\ncat\necho PAGER-END\n")
        chmod(pager, 0o700)
        let terminal = try open(pln, environment: ["PAGER": pager])
        terminal.sendLine("/list")
        #expect(terminal.waitFor("PAGER-START"))
        #expect(terminal.waitFor("one #paged"))
        #expect(terminal.waitFor("PAGER-END"))
        #expect(terminal.waitFor("]> "))
        terminal.sendLine("/list --no-pager")
        #expect(terminal.waitFor("one #paged"))
        #expect(terminal.waitFor("]> "))
        #expect(!terminal.outputSinceMark.contains("PAGER-START"))
        quit(terminal)
    }
}
#endif
