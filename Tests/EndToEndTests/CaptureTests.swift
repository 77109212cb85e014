import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln add`, `show`, `edit`: what a user types and what the journal then holds.
@Suite("Capture")
struct CaptureTests {
    func json(_ runner: PlnRunner, _ id: Int64) throws -> JSONValue {
        let result = runner.run(["show", String(id), "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try JSONParser.parse(result.stdout)
    }

    @Test func addLinksTagsPeopleSourcesAndURLs() throws {
        let pln = PlnRunner()
        let result = pln.run(["add", "Tried think-pair-share with #ELL students, idea from @jane in [[bauer2010, p. 38]] https://www.edutopia.org/tps/?utm_source=x"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("added 1"))
        #expect(result.stderr.contains("new person @jane"))
        #expect(result.stderr.contains("new source [[bauer2010]]"))
        #expect(result.stderr.contains("new source [[edutopia.org/tps]]"))
        let entry = try json(pln, 1)
        #expect(entry["tags"] == .array([.string("ELL")]))
        #expect(entry["people"]?.arrayValue?.first?["handle"] == .string("@jane"))
        let sources = entry["sources"]?.arrayValue ?? []
        #expect(sources.count == 2)
        #expect(sources.first?["key"] == .string("bauer2010"))
        #expect(sources.first?["locator"] == .string("p. 38"))
        #expect(entry["date"] == .string("2026-11-29T14:30:00+01:00"))
        #expect(entry["kind"] == .string("note"))
        #expect(entry["starred"] == .bool(false))

        // The same person, source and URL (spelled differently) are reused, not created again.
        let again = pln.run(["add", "More from @Jane on [[bauer2010]] http://edutopia.org/tps#top"])
        #expect(again.status == 0)
        #expect(again.stderr.isEmpty, "\(again.stderr)")
    }

    /// People and sources a capture creates, and an edit, are stamped by the same clock as the
    /// entry: `PLN_NOW` when it is set.
    @Test func newPeopleSourcesAndEditsAreStampedWithTheCommandsClock() throws {
        let pln = PlnRunner()
        #expect(pln.run(["add", "From @newcomer in [[key2020]] https://example.org/page"]).status == 0)
        let edit = pln.run(["edit", "1", "--text", "From @newcomer in [[key2020]] https://example.org/page, again"],
                           environment: ["PLN_NOW": "2026-11-30T09:15:00+01:00"])
        #expect(edit.status == 0, "\(edit.stderr)")
        let records = try pln.run(["export", "--format", "jsonl"]).stdout
            .split(separator: "\n").map { try JSONParser.parse(String($0)) }
        let created = records.filter { $0["record"] != nil }.map { $0["created"] }
        #expect(created.count == 3)
        #expect(created.allSatisfy { $0 == .string("2026-11-29T14:30:00+01:00") })
        let updated = pln.run(["lua", "-e", "print(pln.sql('SELECT updated FROM entry WHERE id = 1')[1].updated)"]).stdout
        #expect(updated.contains("2026-11-30T09:15:00+01:00"), "\(updated)")
    }

    @Test(arguments: [
        ("yesterday 3pm: tried exit tickets", "2026-11-28T15:00:00+01:00", "tried exit tickets"),
        ("2026-11-02 15:42: read a chapter", "2026-11-02T15:42:00+01:00", "read a chapter"),
        ("last friday at 9:30pm: #ellchat", "2026-11-27T21:30:00+01:00", "#ellchat"),
        ("Note: not a date", "2026-11-29T14:30:00+01:00", "Note: not a date"),
    ])
    func dateTheEntryFromItsPrefix(line: String, date: String, body: String) throws {
        let pln = PlnRunner()
        let id = pln.add(line)
        let entry = try json(pln, id)
        #expect(entry["date"] == .string(date))
        #expect(entry["body"] == .string(body))
    }

    @Test func invalidDatePrefixIsKeptAsTextWithAWarning() throws {
        let pln = PlnRunner()
        let result = pln.run(["add", "2019-02-29: leap day that never was"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("warning"))
        #expect(result.stderr.contains("2019-02-29"))
        let entry = try json(pln, 1)
        #expect(entry["body"] == .string("2019-02-29: leap day that never was"))
        #expect(entry["date"] == .string("2026-11-29T14:30:00+01:00"))
    }

    @Test func dateOption() throws {
        let pln = PlnRunner()
        let id = pln.add("planning meeting", ["--date", "2 march 2025 10:15"])
        #expect(try json(pln, id)["date"] == .string("2025-03-02T10:15:00+01:00"))
        let bad = pln.run(["add", "--date", "2019-02-29", "text"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("2019-02-29"))
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func addFromStandardInputKeepsLines() throws {
        let pln = PlnRunner()
        let result = pln.run(["add", "-"], stdin: "First line #reading\n\nSecond paragraph with @sam\n")
        #expect(result.status == 0)
        let entry = try json(pln, 1)
        #expect(entry["body"] == .string("First line #reading\n\nSecond paragraph with @sam"))
        #expect(entry["tags"] == .array([.string("reading")]))
    }

    @Test func emptyOrInvalidStandardInputSavesNothing() {
        let pln = PlnRunner()
        let empty = pln.run(["add", "-"], stdin: "  \n")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("empty"))
        let invalid = pln.run(["add", "-"], stdinBytes: [0x66, 0x6F, 0xFF, 0xFE, 0x0A])
        #expect(invalid.status == 1)
        #expect(invalid.stderr.contains("invalid UTF-8"))
        #expect(pln.run(["count"]).stdout == "0\n")
    }

    @Test func addAndEditThroughTheEditor() throws {
        let pln = PlnRunner()
        let script = pln.folder.write("editor.sh", "#!/bin/sh\nprintf 'Written in the editor #drafts\\n' > \"$1\"\n")
        chmod(script, 0o700)
        let added = pln.run(["add", "--edit"], environment: ["EDITOR": script, "VISUAL": ""])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(try json(pln, 1)["body"] == .string("Written in the editor #drafts"))

        let sed = pln.folder.write("sed.sh", "#!/bin/sh\nsed -i 's/#drafts/#final @ana/' \"$1\"\n")
        chmod(sed, 0o700)
        let edited = pln.run(["edit", "1"], environment: ["VISUAL": sed])
        #expect(edited.status == 0, "\(edited.stderr)")
        #expect(edited.stderr.contains("new person @ana"))
        let entry = try json(pln, 1)
        #expect(entry["tags"] == .array([.string("final")]))
        #expect(entry["people"]?.arrayValue?.count == 1)
        #expect(pln.run(["tags"]).stdout == "1  #final\n")

        let blank = pln.folder.write("blank.sh", "#!/bin/sh\n: > \"$1\"\n")
        chmod(blank, 0o700)
        let emptied = pln.run(["add", "--edit"], environment: ["EDITOR": blank])
        #expect(emptied.status == 0)
        #expect(emptied.stderr.contains("nothing saved"))
        #expect(pln.run(["count"]).stdout == "1\n")
    }

    @Test func editWithTextAndDate() throws {
        let pln = PlnRunner()
        pln.add("draft #a")
        let result = pln.run(["edit", "1", "--text", "final #b [[hattie2009]]", "--date", "yesterday 8am"])
        #expect(result.status == 0, "\(result.stderr)")
        let entry = try json(pln, 1)
        #expect(entry["tags"] == .array([.string("b")]))
        #expect(entry["date"] == .string("2026-11-28T08:00:00+01:00"))
        #expect(entry["sources"]?.arrayValue?.first?["key"] == .string("hattie2009"))
    }

    @Test func showListsLinksWithTheirRoles() {
        let pln = PlnRunner()
        pln.add("Coaching chat with @maria about [[hattie2009, ch. 3]] #feedback")
        let shown = pln.run(["show", "1"])
        #expect(shown.status == 0)
        #expect(shown.stdout.contains("entry 1  2026-11-29 14:30"))
        #expect(shown.stdout.contains("Coaching chat with @maria"))
        #expect(shown.stdout.contains("#feedback"))
        #expect(shown.stdout.contains("@maria"))
        #expect(shown.stdout.contains("[[hattie2009]] at ch. 3"))
    }

    @Test func starDeleteAndUnknownIDs() {
        let pln = PlnRunner()
        pln.add("one")
        pln.add("two")
        #expect(pln.run(["star", "2"]).status == 0)
        #expect(pln.run(["count", "is:starred"]).stdout == "1\n")
        #expect(pln.run(["unstar", "2"]).status == 0)
        #expect(pln.run(["count", "is:starred"]).stdout == "0\n")
        let missing = pln.run(["show", "42"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "pln: no entry with id 42\n")
        // Deleting a missing id alongside a real one deletes neither.
        let mixed = pln.run(["delete", "--yes", "1", "42"])
        #expect(mixed.status == 1)
        #expect(pln.run(["count"]).stdout == "2\n")
        #expect(pln.run(["delete", "--yes", "1"]).status == 0)
        #expect(pln.run(["count"]).stdout == "1\n")
    }
}
