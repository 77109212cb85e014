import Foundation
import PLNTestSupport
import Testing
@testable import PLNCore

@Suite("Config file")
struct ConfigTests {
    @Test func readsSettingsAndWarnsWithFileAndLine() {
        let folder = TemporaryFolder()
        let path = folder.write("config", "# pln settings\npager = off\nhistory.size = 50  # lines\ncolor = never\nformat = jsonl\npagr = less\ncolor = sometimes\njunk\n")
        var warnings: [String] = []
        let config = Config.load(from: path) { warnings.append($0) }
        #expect(config.pager == nil)
        #expect(config.historySize == 50)
        #expect(config.color == "never")
        #expect(config.format == .jsonl)
        #expect(warnings == [
            "\(path):6: unknown setting 'pagr' — did you mean 'pager'?",
            "\(path):7: color takes auto, always or never",
            "\(path):8: expected 'key = value'",
        ])
    }

    @Test func missingFileMeansDefaults() {
        let config = Config.load(from: "/nonexistent/pln/config") { _ in Issue.record("no warning expected") }
        #expect(config.historySize == 1000)
        #expect(config.format == .text)
    }
}
