import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln` with stdin from a pipe: the shell's grammar as a batch.
@Suite("Shell batch mode")
struct ShellBatchTests {
    @Test func linesAreEntriesAndCommandsRunWithTheCommandLinesOutput() {
        let pln = PlnRunner()
        let result = pln.run([], stdin: """
            Tried think-pair-share #ell with @jane
            yesterday 3pm: read [[bauer2010, p. 38]]
            /count #ell
            /list -n 1 --format jsonl

            """)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines[0] == "added 1  2026-11-29 14:30  #ell  @jane  (new: @jane)")
        #expect(result.lines[1] == "added 2  2026-11-28 15:00  [[bauer2010]]  (new: [[bauer2010]])")
        #expect(result.lines[2] == "1")
        #expect(result.lines[3] == pln.run(["list", "-n", "1", "--format", "jsonl"]).stdout.trimmingCharacters(in: .newlines))
        #expect(result.stderr.isEmpty)
    }

    @Test func failingLinesAreNamedAndTheRunContinues() {
        let pln = PlnRunner()
        let result = pln.run(["shell"], stdin: "first\n/show 99\n/lsit\nsecond\n/list (\n")
        #expect(result.status == 1)
        #expect(result.stderr == """
            <stdin>:2: no entry with id 99
            <stdin>:3: unknown command /lsit — did you mean /list? (/help lists the commands)
            <stdin>:5: query syntax error at column 2: expected a term after '('

            """)
        #expect(pln.run(["count"]).stdout == "2\n")
    }

    @Test func stopOnErrorStopsAtTheFirstFailingLine() {
        let pln = PlnRunner()
        let result = pln.run(["shell", "--stop-on-error"], stdin: "first\n/show 99\nsecond\n")
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:2: no entry with id 99\n")
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func invalidUTF8LineIsReportedAndSkipped() {
        let pln = PlnRunner()
        let result = pln.run([], stdinBytes: Array("good\n".utf8) + [0xFF, 0x0A] + Array("also good\n".utf8))
        #expect(result.status == 1)
        #expect(result.stderr == "<stdin>:2: invalid UTF-8\n")
        #expect(pln.run(["count"]).stdout == "2\n")
    }

    @Test func invalidDatePrefixWarnsAndKeepsTheText() {
        let pln = PlnRunner()
        let result = pln.run([], stdin: "2019-02-29: leap\n")
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning: invalid date '2019-02-29'"))
    }
}
