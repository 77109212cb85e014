#if canImport(Glibc)
import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The guided reflection on a real pseudo-terminal: answering, skipping, going back, and
/// abandoning with Ctrl-C, which saves nothing.
@Suite("Guided reflection on a terminal", .serialized)
struct ReflectTerminalTests {
    func start(_ pln: PlnRunner, _ arguments: [String]) throws -> PseudoTerminal {
        let environment = pln.environment.merging(["PAGER": "cat", "TERM": "xterm-256color"]) { $1 }
        return try PseudoTerminal(executable: PlnRunner.binary, arguments: arguments, environment: environment,
                                  workingDirectory: pln.folder.path)
    }

    /// Types `line` once the program waits for a key, as a person would.
    func type(_ terminal: PseudoTerminal, _ line: String) {
        terminal.waitUntilReadingInput()
        terminal.sendLine(line)
    }

    @Test func answerSkipBackAndAFollowUpSaveOneReflection() throws {
        let pln = PlnRunner()
        let terminal = try start(pln, ["reflect", "driscoll"])
        #expect(terminal.waitFor("What? So what? Now what? — 3 stages"))
        #expect(terminal.waitFor("[1/3] What?"))
        #expect(terminal.waitFor("What exactly did you do?"))
        type(terminal, "/skip")
        #expect(terminal.waitFor("What? is required: answer it, or /abort."))
        type(terminal, "Group work fell apart in #ell")
        type(terminal, "with @jane watching.")
        type(terminal, "")
        #expect(terminal.waitFor("[2/3] So what? (optional)"))
        type(terminal, "/skip")
        #expect(terminal.waitFor("[3/3] Now what? (optional)"))
        type(terminal, "/back")
        #expect(terminal.waitFor("[2/3] So what?"))
        type(terminal, "/back")
        #expect(terminal.waitFor("[1/3] What?"))
        #expect(terminal.waitFor("Your answer so far"))
        #expect(terminal.waitFor("with @jane watching."))
        type(terminal, "")  // keeps the answer
        #expect(terminal.waitFor("[2/3] So what?"))
        type(terminal, "Roles matter.")
        type(terminal, "")
        #expect(terminal.waitFor("[3/3] Now what?"))
        type(terminal, "Give every group roles.")
        type(terminal, "")
        #expect(terminal.waitFor("Follow-up (Now what?): when should pln ask how it went?"))
        type(terminal, "soonish")
        #expect(terminal.waitFor("'soonish' is not a follow-up time"))
        type(terminal, "2w")
        #expect(terminal.waitFor("added 1  2026-11-29 14:30  #ell  @jane  (driscoll: 3 of 3 stages)"))
        #expect(terminal.waitFor("follow-up on now-what due 2026-12-13"))
        #expect(terminal.waitForExit() == 0)
        let entry = try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)
        #expect(entry["body"] == .string(
            "## What?\n\nGroup work fell apart in #ell\nwith @jane watching.\n\n## So what?\n\nRoles matter.\n\n## Now what?\n\nGive every group roles."))
        #expect(entry["followups"]?.arrayValue?.first?["due"] == .string("2026-12-13"))
    }

    @Test func ctrlCAbandonsTheReflectionAndSavesNothing() throws {
        let pln = PlnRunner()
        let terminal = try start(pln, ["reflect", "gibbs"])
        #expect(terminal.waitFor("[1/6] Description"))
        type(terminal, "Half an answer")
        type(terminal, "")
        #expect(terminal.waitFor("[2/6] Feelings"))
        terminal.send("typing")
        #expect(terminal.waitFor("typing"))
        terminal.waitUntilReadingInput()
        terminal.send("\u{03}")
        #expect(terminal.waitFor("interrupted; nothing was saved"))
        #expect(terminal.waitForExit() == 130)
        #expect(pln.run(["count"]).stdout == "0\n")
        let settings = try #require(terminal.terminalSettings())
        #expect(settings.c_lflag & tcflag_t(ICANON) != 0)
    }

    @Test func inTheShellAbortReturnsToThePromptAndDoneSavesEarly() throws {
        let pln = PlnRunner()
        let terminal = try start(pln, [])
        #expect(terminal.waitFor("]> "))
        type(terminal, "/reflect kolb")
        #expect(terminal.waitFor("[1/4] Concrete experience"))
        type(terminal, "/abort")
        #expect(terminal.waitFor("interrupted; nothing was saved"))
        #expect(terminal.waitFor("]> "))
        type(terminal, "/reflect kolb")
        #expect(terminal.waitFor("[1/4] Concrete experience"))
        type(terminal, "Ran a gallery walk #ell")
        type(terminal, "/done")
        #expect(terminal.waitFor("added 1  2026-11-29 14:30  #ell  (kolb: 1 of 4 stages)"))
        #expect(terminal.waitFor("]> "))
        type(terminal, "/count stage:experience")
        #expect(terminal.waitFor("1\n"))
        #expect(terminal.waitFor("]> "))
        terminal.waitUntilReadingInput()
        terminal.send("\u{04}")
        #expect(terminal.waitForExit() == 0)
    }
}
#endif
