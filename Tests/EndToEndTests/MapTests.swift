import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln map`: the network at a glance.
@Suite("Map")
struct MapTests {
    @Test func summarisesTiesQuietTiesSingleVoicesAndBalance() throws {
        let pln = PlnRunner()
        pln.add("2026-11-20: Exit tickets with @jane #assessment")
        pln.add("2026-11-21: Hinge questions with @jane #assessment")
        pln.add("2026-11-22: Rubrics with @jane #assessment [[wiliam2011]]")
        for day in ["01", "02", "03"] { pln.add("2025-01-\(day): Origami club with @old #origami") }
        pln.add("2026-11-25: Shared my slides with @omar #ell", ["--kind", "share"])
        pln.run(["link", "1", "@jane", "--as", "learned-from"])
        let json = try JSONParser.parse(pln.run(["map", "--format", "json"]).stdout)
        #expect(json["strongest"]?.arrayValue?.first?["name"] == .string("@jane"))
        #expect(json["strongest"]?.arrayValue?.first?["topics"] == .array([.string("assessment")]))
        #expect(json["quiet"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["@old"])
        let single = json["single_voices"]?.arrayValue?.compactMap { $0["topic"]?.stringValue }
        #expect(single == ["assessment", "origami"])
        #expect(json["learning"] == .number(2))
        #expect(json["sharing"] == .number(1))
        let text = pln.run(["map"]).stdout
        #expect(text.hasPrefix("Strongest ties\n  @jane  3 entries  #assessment"))
        #expect(text.contains("@old  3 entries, last 2025-01-03"))
        #expect(text.contains("#origami  3 entries, all with @old"))
        #expect(text.contains("learning 2  "))
    }

    @Test func anEmptyJournalSaysSo() {
        let pln = PlnRunner()
        let text = pln.run(["map"]).stdout
        #expect(text.contains("(no people in the journal yet)"))
    }
}
