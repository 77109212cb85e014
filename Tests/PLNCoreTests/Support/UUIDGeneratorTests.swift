import Foundation
import Testing
@testable import PLNCore

@Suite("UUID generator")
struct UUIDGeneratorTests {
    @Test func makesValidDistinctVersion4UUIDs() throws {
        var seen = Set<String>()
        for _ in 0..<10_000 {
            let text = UUIDGenerator.next()
            #expect(text.count == 36)
            let parsed = try #require(UUID(uuidString: text))
            #expect(parsed.uuidString.lowercased() == text)
            let characters = Array(text)
            #expect(characters[14] == "4")
            #expect("89ab".contains(characters[19]))
            seen.insert(text)
        }
        #expect(seen.count == 10_000)
    }
}
