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

    /// Tests, hooks and reading threads make UUIDs at the same time: the generator's state is
    /// shared, and a torn update made the same UUID twice (a UNIQUE failure in parallel tests).
    @Test func distinctAcrossThreads() async {
        let perTask = 20_000
        let all = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { (0..<perTask).map { _ in UUIDGenerator.next() } }
            }
            var all: [String] = []
            for await part in group { all += part }
            return all
        }
        #expect(all.count == 8 * perTask)
        #expect(Set(all).count == all.count)
    }
}

