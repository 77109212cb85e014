import Testing
@testable import PLNShell

@Suite("Line editor")
struct LineEditorTests {
    @Test func linksGNUReadline() {
        let parts = LineEditor.readlineVersion.split(separator: ".").compactMap { Int($0) }
        #expect(parts.count == 2)
        #expect(parts[0] >= 6)
    }
}
