import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln add WORDS…` is read without swift-argument-parser (`QuickAdd`) when it holds nothing
/// but global options and words. Each case runs such a command line and one that means the same
/// but goes through the parser (`--kind note` is the default kind), in two journals, and
/// expects the same output, messages, status and stored entries.
@Suite("Quick add")
struct QuickAddTests {
    /// What a command did and left: status, stdout, stderr, and the journal as JSON lines.
    /// `JOURNAL` in `arguments` names the runner's journal.
    func outcome(_ arguments: [String]) -> [String] {
        let pln = PlnRunner()
        let result = pln.run(arguments.map { $0.replacingOccurrences(of: "JOURNAL", with: pln.journal) })
        let export = pln.run(["export", "--format", "jsonl"]).stdout
            .split(separator: "\n").map { line in
                // Each journal makes its own UUIDs.
                line.replacingOccurrences(of: #""uuid":"[0-9a-f-]{36}""#, with: "\"uuid\":\"…\"", options: .regularExpression)
            }
        return (["\(result.status)", result.stdout, result.stderr] + export).map {
            $0.replacingOccurrences(of: pln.journal, with: "JOURNAL")
        }
    }

    @Test(arguments: [
        ["add", "Tried think-pair-share with #ELL, from @jane in [[bauer2010, p. 38]] https://www.edutopia.org/tps"],
        ["add", "yesterday", "3pm:", "two", "words #a #b"],
        ["add", "2019-02-29: not a day, kept as text"],
        ["add", "--journal", "JOURNAL", "with a journal"],
        ["add", "--journal=JOURNAL", "--color", "never", "--no-pager", "every global option"],
        ["add", "--color=always", "coloured"],
        ["add", "help"],
        ["add", ""],
    ])
    func quickAndParsedAgree(_ arguments: [String]) {
        let quick = outcome(arguments)
        let parsed = outcome(Array(arguments.prefix(1)) + ["--kind", "note"] + arguments.dropFirst())
        #expect(quick == parsed)
        // A command that succeeded stored its entry.
        #expect(quick[0] != "0" || quick.count > 3)
    }

    /// Command lines the quick path leaves to the parser, which reads them as before.
    @Test func everythingElseIsTheParsers() {
        let pln = PlnRunner()
        #expect(pln.run(["add", "-"], stdin: "from stdin #piped\n").status == 0)
        #expect(pln.run(["add", "starred", "--star"]).status == 0)
        #expect(pln.run(["add", "--", "-5 degrees outside"]).status == 0)
        let bad = pln.run(["add", "--color", "purple", "text"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("purple"))
        let twice = pln.run(["add", "--journal", pln.journal, "--journal", pln.journal, "twice"])
        #expect(twice.status == 0)
        let list = pln.run(["list", "--format", "tsv"]).stdout
        #expect(list.contains("from stdin #piped"))
        #expect(list.contains("-5 degrees outside"))
        #expect(list.contains("twice"))
        #expect(pln.run(["list", "is:starred", "--format", "tsv"]).stdout.contains("starred"))
        let help = pln.run(["add", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"))
    }
}
