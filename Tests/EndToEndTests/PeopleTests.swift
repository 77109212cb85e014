import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln person` and `pln people`.
@Suite("People")
struct PeopleTests {
    @Test func addShowEditAndList() throws {
        let pln = PlnRunner()
        let added = pln.run(["person", "add", "@jane", "--name", "Jane Doe", "--role", "colleague", "--role", "mentor",
                             "--topic", "#ell", "--met", "PD day", "--through", "@omar", "--every", "2w",
                             "--handle", "mastodon:@jane@example.social", "--email", "jane@example.org"])
        #expect(added.status == 0, "\(added.stderr)")
        pln.add("2026-11-01 10:00: Think-pair-share from @jane #ell")
        #expect(pln.run(["link", "1", "@jane", "--as", "learned-from"]).status == 0)
        let json = try JSONParser.parse(pln.run(["person", "show", "@jane", "--format", "json"]).stdout)
        #expect(json["name"] == .string("Jane Doe"))
        #expect(json["roles"] == .array([.string("colleague"), .string("mentor")]))
        #expect(json["topics"] == .array([.string("ell")]))
        #expect(json["through"] == .string("@omar"))
        #expect(json["every_days"] == .number(14))
        #expect(json["entries"] == .number(1))
        #expect(json["handles"]?["mastodon"] == .string("@jane@example.social"))
        let text = pln.run(["person", "show", "jane"]).stdout
        #expect(text.contains("last contact  2026-11-01 10:00"))
        #expect(text.contains("Learned from them\n    1  2026-11-01 10:00  Think-pair-share from @jane #ell"))
        #expect(pln.run(["person", "edit", "@jane", "--name", "Jane Q. Doe", "--every", "30"]).status == 0)
        let edited = try JSONParser.parse(pln.run(["person", "show", "@jane", "--format", "json"]).stdout)
        #expect(edited["name"] == .string("Jane Q. Doe"))
        #expect(edited["every_days"] == .number(30))
        #expect(edited["roles"] == .array([.string("colleague"), .string("mentor")]))
        #expect(pln.run(["people", "--format", "csv"]).lines == [
            "handle,name,roles,topics,entries,last,every_days",
            "@jane,Jane Q. Doe,colleague;mentor,ell,1,2026-11-01,30",
            "@omar,,,,0,,",
        ])
        #expect(pln.run(["people", "#ell", "--format", "jsonl"]).lines.count == 1)
    }

    @Test func dueListsPeoplePastTheirCadenceWithTheLastEntry() {
        let pln = PlnRunner()
        pln.run(["person", "add", "@old", "--every", "30d"])
        pln.run(["person", "add", "@recent", "--every", "30d"])
        pln.run(["person", "add", "@nocadence"])
        pln.add("2026-08-01: Coffee with @old about rubrics")
        pln.add("yesterday: Planning with @recent and @nocadence")
        let due = pln.run(["people", "--due"])
        #expect(due.status == 0)
        #expect(due.lines.count == 2)
        #expect(due.lines[0].hasPrefix("@old"))
        #expect(due.lines[1] == "    last: Coffee with @old about rubrics")
    }

    @Test func mergeMovesEverythingAndLosesNothing() throws {
        let pln = PlnRunner()
        pln.run(["person", "add", "@jane", "--name", "Jane"])
        pln.add("Met @jnae at the conference")
        pln.add("Again @jane and @jnae")
        pln.run(["person", "edit", "@jnae", "--email", "jane@example.org", "--met", "conference"])
        #expect(pln.run(["link", "1", "@jnae", "--as", "learned-from"]).status == 0)
        let merged = pln.run(["person", "merge", "@jnae", "@jane"])
        #expect(merged.status == 0, "\(merged.stderr)")
        #expect(pln.run(["count", "@jane"]).stdout == "2\n")
        let jane = try JSONParser.parse(pln.run(["person", "show", "@jane", "--format", "json"]).stdout)
        #expect(jane["name"] == .string("Jane"))
        #expect(jane["email"] == .string("jane@example.org"))
        #expect(jane["met"] == .string("conference"))
        let first = try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)
        #expect(Set(first["people"]?.arrayValue?.compactMap { $0["role"]?.stringValue } ?? []) == ["mentioned", "learned-from"])
        #expect(pln.run(["person", "show", "@jnae"]).status == 1)
        #expect(pln.run(["person", "merge", "@jane", "@jane"]).status == 1)
    }

    @Test func badInputIsNamed() {
        let pln = PlnRunner()
        #expect(pln.run(["person", "add", "@x", "--every", "soon"]).stderr.contains("not a cadence"))
        #expect(pln.run(["person", "add", "@x", "--handle", "nocolon"]).status == 2)
        #expect(pln.run(["person", "add", "two words"]).status == 2)
        #expect(pln.run(["person", "add", "@x"]).status == 0)
        #expect(pln.run(["person", "add", "@x"]).status == 1)
        #expect(pln.run(["person", "show", "@nobody"]).stderr == "pln: no person @nobody\n")
    }
}
