#if canImport(Glibc)
import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The import progress bar on a real terminal: drawn on standard error, erased before the
/// summary, and never drawn when standard error is not a terminal.
@Suite("Import progress on a terminal", .serialized)
struct ImportProgressTerminalTests {
    static let archive = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
        + "/Fixtures/twitter/twitter-2024-09-30-abc123.zip"

    @Test func theBarShowsRecordsAndIsErasedBeforeTheSummary() throws {
        let pln = PlnRunner()
        let environment = pln.environment.merging(["TERM": "xterm-256color"]) { $1 }
        let terminal = try PseudoTerminal(executable: PlnRunner.binary, arguments: ["import", Self.archive],
                                          environment: environment, workingDirectory: pln.folder.path)
        #expect(terminal.waitForExit(timeout: 20) == 0, "\(terminal.output)")
        let output = String(decoding: terminal.rawOutput, as: UTF8.self)
        // The first record draws the bar at once: label, records done of the total, percent.
        let bar = try #require(output.range(of: "\rimport twitter  "), "no bar in: \(output.debugDescription)")
        let afterBar = output[bar.upperBound...]
        #expect(afterBar.range(of: #"^\d+/\d+  \d+%"#, options: .regularExpression) != nil, "\(afterBar.debugDescription)")
        // It is erased ("\r" + erase to the end of the line) before the summary is written.
        let summary = try #require(output.range(of: "imported 5 entries"))
        let erase = try #require(output.range(of: "\r\u{1B}[K", options: .backwards, range: output.startIndex..<summary.lowerBound))
        #expect(output[erase.upperBound..<summary.lowerBound].allSatisfy { $0 == "\r" || $0 == "\n" })
    }

    @Test func nothingIsDrawnWhenStandardErrorIsNotATerminal() {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.archive])
        #expect(result.status == 0)
        #expect(!result.stderr.contains("import twitter"))
        #expect(!result.stderr.contains("\u{1B}"))
    }
}
#endif
