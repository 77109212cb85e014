import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln who`: ranking people and sources on a topic.
@Suite("Who")
struct WhoTests {
    /// @jane: three recent #assessment entries (one learned from); @old: four, two years ago;
    /// @omar: one recent; [[wiliam2011]] cited twice; @kim only on another topic.
    func journal() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("2026-11-20: Exit tickets with @jane #assessment [[wiliam2011, p. 12]]")
        pln.add("2026-11-10: Hinge questions from @jane #assessment")
        pln.add("2026-10-01: Rubric co-design, @jane again; formative assessment")
        for day in ["01", "02", "03", "04"] { pln.add("2024-09-\(day): Old grading chat with @old #assessment") }
        pln.add("2026-11-25: Peer feedback idea from @omar #assessment [[wiliam2011]]")
        pln.add("2026-11-26: Reading group with @kim #reading")
        pln.run(["link", "2", "@jane", "--as", "learned-from"])
        return pln
    }

    @Test func ranksByAmountAndRecencyAndShowsWhy() throws {
        let pln = journal()
        let result = pln.run(["who", "#assessment", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONParser.parse(result.stdout)
        let people = json["people"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(people == ["@jane", "@omar", "@old"])
        let jane = try #require(json["people"]?.arrayValue?.first)
        #expect(jane["entries"] == .number(3))
        #expect(jane["example"]?["id"] == .number(1))
        #expect(json["sources"]?.arrayValue?.first?["name"] == .string("[[wiliam2011]]"))
        #expect(json["sources"]?.arrayValue?.first?["entries"] == .number(2))
        #expect(!result.stdout.contains("@kim"))
        let text = pln.run(["who", "assessment"]).stdout
        #expect(text.hasPrefix("People for assessment\n  @jane"))
        #expect(text.contains("3 entries, last 2026-11-20"))
        #expect(text.contains("e.g. 1: Exit tickets with @jane #assessment"))
    }

    @Test func queriesAndEmptyTopics() {
        let pln = journal()
        #expect(pln.run(["who", "--query", "@omar"]).stdout.contains("@omar"))
        #expect(pln.run(["who", "origami"]).stdout.contains("(none yet)"))
        #expect(pln.run(["who", "two", "words"]).status == 2)
    }
}
