#if canImport(Glibc)
import Foundation
import Glibc
import PLNTestSupport
import Testing

@Suite("Pseudo-terminal")
struct PseudoTerminalTests {
    private static let environment = [
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    ]

    private func shell(_ script: String, rows: Int = 24, columns: Int = 80,
                       environment: [String: String] = PseudoTerminalTests.environment) throws -> PseudoTerminal {
        try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", script], environment: environment,
                           rows: rows, columns: columns)
    }

    private static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    @Test func childStreamsAreATerminal() throws {
        let terminal = try shell("[ -t 0 ] && [ -t 1 ] && [ -t 2 ] && echo TTY; tty")
        #expect(terminal.waitFor("TTY"))
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.output.contains("TTY\n/dev/pts/"))
    }

    @Test func windowSizeIsSet() throws {
        let standard = try shell("stty size")
        #expect(standard.waitForExit() == 0)
        #expect(standard.output == "24 80\n")
        let large = try shell("stty size", rows: 50, columns: 132)
        #expect(large.waitForExit() == 0)
        #expect(large.output == "50 132\n")
    }

    @Test func typedLineIsEchoedAndRead() throws {
        let terminal = try shell(#"echo READY; read x; echo "got:$x""#)
        #expect(terminal.waitFor("READY\n"))
        terminal.sendLine("hello world")
        #expect(terminal.waitFor("got:hello world"))
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.output == "READY\nhello world\ngot:hello world\n")
    }

    @Test func controlCSendsSIGINTThroughTheLineDiscipline() throws {
        let terminal = try shell(#"tty; stty size; trap "echo GOT_INT" INT; echo READY; while :; do sleep 0.1; done"#)
        #expect(terminal.waitFor("READY"))
        terminal.send("\u{03}")
        #expect(terminal.waitFor("GOT_INT"))
        terminal.send("\u{03}")
        #expect(terminal.waitFor("GOT_INT"))
        terminal.signal(SIGTERM)
        #expect(terminal.waitForExit() == 128 + SIGTERM)
        #expect(terminal.output.hasPrefix("/dev/pts/"))
        #expect(terminal.output.contains("24 80\nREADY\n"))
    }

    @Test func controlCWithoutATrapKillsTheForegroundProgram() throws {
        let terminal = try shell("echo READY; exec sleep 30")
        #expect(terminal.waitFor("READY"))
        terminal.send("\u{03}")
        #expect(terminal.waitForExit() == 128 + SIGINT)
    }

    @Test func childStartsWithNoBlockedOrIgnoredSignals() throws {
        let terminal = try PseudoTerminal(executable: "/bin/grep", arguments: ["-E", "^Sig(Blk|Ign)", "/proc/self/status"],
                                          environment: Self.environment)
        #expect(terminal.waitForExit() == 0)
        let masks = Dictionary(uniqueKeysWithValues: terminal.output.split(separator: "\n").map {
            let parts = $0.split(separator: "\t")
            return (String(parts[0]), UInt64(parts[1], radix: 16) ?? .max)
        })
        #expect(masks["SigBlk:"] == 0)
        // Signal N is bit N-1. glibc's posix_spawn sets its two internal signals (32 and 33) to
        // SIG_IGN in every child; a glibc program installs its own handlers for them at start-up.
        #expect(masks["SigIgn:"].map { $0 & ~0x1_8000_0000 } == 0)
    }

    @Test func exitStatusIsReported() throws {
        let terminal = try shell("echo bye; exit 7")
        #expect(terminal.waitForExit() == 7)
        #expect(terminal.output == "bye\n")
        #expect(terminal.waitForExit() == 7)  // answered again, not waited for
    }

    @Test(arguments: [SIGTERM, SIGKILL, SIGHUP])
    func signalStatusIsReported(signal: Int32) throws {
        let terminal = try shell("echo READY; exec sleep 30")
        #expect(terminal.waitFor("READY"))
        terminal.signal(signal)
        #expect(terminal.waitForExit() == 128 + signal)
    }

    @Test func waitForTimesOutWithoutHanging() throws {
        let terminal = try shell("echo READY; exec sleep 30")
        #expect(terminal.waitFor("READY"))
        var start = ContinuousClock.now
        #expect(!terminal.waitFor("NEVER", timeout: 0.3))
        #expect(Self.seconds(since: start) >= 0.25)
        #expect(Self.seconds(since: start) < 3)
        start = ContinuousClock.now
        #expect(!terminal.waitFor(timeout: 0.3) { $0.contains("NEVER") })
        #expect(Self.seconds(since: start) < 3)
    }

    @Test func waitForGivesUpAtOnceWhenTheOutputEnds() throws {
        let terminal = try shell("echo done")
        let start = ContinuousClock.now
        #expect(!terminal.waitFor("NEVER", timeout: 20))
        #expect(Self.seconds(since: start) < 10)
        #expect(terminal.output == "done\n")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func waitForExitTimesOutAndKills() throws {
        let terminal = try shell("echo READY; exec sleep 30")
        #expect(terminal.waitFor("READY"))
        let start = ContinuousClock.now
        #expect(terminal.waitForExit(timeout: 0.3) == nil)
        #expect(Self.seconds(since: start) < 3)
        #expect(kill(terminal.pid, 0) == -1)  // killed and reaped
    }

    @Test func repeatedPromptsAreAwaitedOneByOne() throws {
        let terminal = try shell(#"printf 'p> '; read a; printf 'p> '; read b; echo "sum:$a+$b""#)
        #expect(terminal.waitFor("p> "))
        #expect(!terminal.waitFor("p> ", timeout: 0.3))  // only one prompt so far
        terminal.sendLine("1")
        #expect(terminal.waitFor("p> "))
        terminal.sendLine("2")
        #expect(terminal.waitFor("sum:1+2"))
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.output == "p> 1\np> 2\nsum:1+2\n")
    }

    @Test func markSkipsEarlierOutput() throws {
        let terminal = try shell("echo X; read a; echo X; read b")
        #expect(terminal.waitFor { $0.contains("X\n") })
        terminal.mark()
        #expect(!terminal.waitFor("X", timeout: 0.2))
        terminal.sendLine("")
        #expect(terminal.waitFor("X"))
        terminal.sendLine("")
        #expect(terminal.waitForExit() == 0)
    }

    @Test func waitUntilReadingInputSeesABlockedRead() throws {
        let reader = try shell(#"read x; echo "got:$x""#)
        #expect(reader.waitUntilReadingInput())
        reader.sendLine("a")
        #expect(reader.waitForExit() == 0)
        #expect(!reader.waitUntilReadingInput(timeout: 0.1))  // gone

        let sleeper = try shell("exec sleep 30")
        let start = ContinuousClock.now
        #expect(!sleeper.waitUntilReadingInput(timeout: 0.3))
        #expect(Self.seconds(since: start) < 3)
    }

    @Test func environmentIsExactlyTheOneGivenPlusTERM() throws {
        let terminal = try PseudoTerminal(executable: "/usr/bin/env", arguments: [], environment: ["FOO": "bar baz"])
        #expect(terminal.waitForExit() == 0)
        #expect(Set(terminal.output.split(separator: "\n")) == ["FOO=bar baz", "TERM=xterm-256color"])
        let dumb = try PseudoTerminal(executable: "/usr/bin/env", arguments: [], environment: ["TERM": "dumb"])
        #expect(dumb.waitForExit() == 0)
        #expect(dumb.output == "TERM=dumb\n")
    }

    @Test func workingDirectoryIsUsedWhenGiven() throws {
        let terminal = try PseudoTerminal(executable: "/bin/pwd", arguments: ["-P"], environment: [:],
                                          workingDirectory: "/")
        #expect(terminal.waitForExit() == 0)
        #expect(terminal.output == "/\n")
        let here = try PseudoTerminal(executable: "pwd", arguments: [], environment: Self.environment)
        #expect(here.waitForExit() == 0)
        #expect(here.output == FileManager.default.currentDirectoryPath + "\n")
    }

    @Test func missingExecutableThrows() {
        #expect(throws: PseudoTerminal.Failure.self) {
            try PseudoTerminal(executable: "/nonexistent/program", arguments: [], environment: [:])
        }
    }

    @Test func terminalSettingsShowWhatTheProgramLeft() throws {
        let raw = try shell("stty -echo -icanon; echo DONE")
        #expect(raw.waitForExit() == 0)
        let left = try #require(raw.terminalSettings())
        #expect(left.c_lflag & tcflag_t(ECHO) == 0)
        #expect(left.c_lflag & tcflag_t(ICANON) == 0)

        let restored = try shell("stty -echo -icanon; stty echo icanon; echo DONE")
        #expect(restored.waitForExit() == 0)
        let settings = try #require(restored.terminalSettings())
        #expect(settings.c_lflag & tcflag_t(ECHO) != 0)
        #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/bin/bash")))
    func drivesAReadlineShell() throws {
        let terminal = try PseudoTerminal(
            executable: "/bin/bash", arguments: ["--norc", "--noprofile", "-i"],
            environment: Self.environment.merging(["PS1": "rl> ", "INPUTRC": "/dev/null", "HOME": "/nonexistent"]) { $1 })
        #expect(terminal.waitFor("rl> "))
        terminal.sendLine("echo one two")
        #expect(terminal.waitFor("one two\n"))
        #expect(terminal.waitFor("rl> "))
        terminal.send("echo typo\u{7F}\u{7F}\u{7F}\u{7F}fixed")  // Backspace x4
        terminal.sendLine("")
        #expect(terminal.waitFor("\nfixed\n"))
        #expect(terminal.waitFor("rl> "))
        // Ctrl-C at the prompt drops the line and prompts again. Sent once bash is back in its
        // pselect, as a person's keystroke would be: a ^C that lands between readline's echo and
        // its next pselect is handled late by bash 5.2, which then keeps the old line.
        terminal.send("half a line")
        #expect(terminal.waitFor("half a line"))
        #expect(terminal.waitUntilReadingInput())
        terminal.send("\u{03}")
        #expect(terminal.waitFor("^C\nrl> "))
        #expect(terminal.waitUntilReadingInput())
        terminal.sendLine("exit 3")
        #expect(terminal.waitForExit() == 3)
        #expect(terminal.output.contains("rl> echo one two\none two\n"))
        #expect(terminal.output.contains("rl> echo fixed\nfixed\n"))
        #expect(terminal.output.contains("rl> half a line^C\nrl> exit 3\n"))
        #expect(!terminal.output.contains("typo"))
        let settings = try #require(terminal.terminalSettings())
        #expect(settings.c_lflag & tcflag_t(ECHO | ICANON) == tcflag_t(ECHO | ICANON))
    }

    @Test func plainTextRemovesEscapeSequences() {
        let esc = "\u{1B}"
        let stream = "\(esc)[?2004h\(esc)]0;window title\u{07}pln> \(esc)[1mbold\(esc)[0m\(esc)(B\(esc)=\(esc)>"
            + "x\u{08}y\r\n"
            + "\(esc)7ab\(esc)8\(esc)[200~pasted\(esc)[201~ \(esc)]2;title\(esc)\\end\u{07}\r\n"
            + "caf\u{E9}\u{08}e \(esc)[K\(esc)[3D\(esc)[38;5;196mred\(esc)[m\t|\(esc)P1$r0m\(esc)\\\u{0F}\r\n"
            + "\u{08}\u{08}keep\r\rline\n"
        #expect(PseudoTerminal.plainText(Array(stream.utf8))
                == "pln> boldy\nabpasted end\ncafe red\t|\nkeepline\n")
    }

    @Test func plainTextHandlesSequencesSplitAcrossReads() {
        // Fed whole here; `output` feeds the same stripper one read at a time, and this
        // stream ends in the middle of a sequence, which must not leak into the text.
        #expect(PseudoTerminal.plainText(Array("a\u{1B}[1".utf8)) == "a")
        #expect(PseudoTerminal.plainText(Array("a\u{1B}]0;unterminated".utf8)) == "a")
        #expect(PseudoTerminal.plainText(Array("\u{1B}\u{1B}[Kb\u{1B}Oc".utf8)) == "b")
    }
}
#endif
