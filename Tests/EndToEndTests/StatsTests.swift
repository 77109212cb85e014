import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PLNCore
import PLNTestSupport
import Testing

/// `pln stats` and `pln review` through the binary, on the pinned clock (Sun 29 Nov 2026, Berlin).
@Suite("Stats and review commands")
struct StatsTests {
    func journal() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("2026-11-27 23:50: Late marking #assessment @jane")
        pln.add("2026-11-28 00:10: Still marking after midnight #assessment")
        pln.add("2026-11-29 08:00: Shared the rubric #assessment", ["--kind", "share"])
        pln.add("2025-11-29: Last year on this day #ell")
        return pln
    }

    @Test func statsInTextAndJSON() throws {
        let pln = journal()
        let text = pln.run(["stats"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("Entries   4 on 4 days since 2025-11-29"))
        #expect(text.stdout.contains("current 3 days (Fri 27 Nov 2026 – Sun 29 Nov 2026)"))
        #expect(text.stdout.contains("Top topics   #assessment 3  #ell 1"))
        #expect(text.stdout.contains("3 learning") || text.stdout.contains("learning 3"))
        #expect(!text.stdout.contains("\u{1B}["))
        let json = try JSONParser.parse(pln.run(["stats", "--format", "json"]).stdout)
        #expect(json["current_streak"]?["days"] == .number(3))
        #expect(json["sharing"] == .number(1))
        #expect(json["heatmap"]?["first"] == .string("2025-11-30"))
        #expect(json["heatmap"]?["days"]?["2026-11-28"] == .number(1))
    }

    @Test func colourOnlyWhenAsked() {
        let pln = journal()
        let always = pln.run(["stats", "--color", "always"]).stdout
        #expect(always.contains("\u{1B}[38;5;"))
        let dumb = pln.run(["stats"], environment: ["NO_COLOR": "", "TERM": "dumb"]).stdout
        #expect(!dumb.contains("\u{1B}["))
        #expect(dumb.contains("less · ░ ▒ ▓ █ more"))
    }

    @Test func theSVGHeatmapIsAPrivateWellFormedFile() throws {
        let pln = journal()
        let path = pln.folder.path + "/heatmap.svg"
        let result = pln.run(["stats", "--svg", path, "--format", "json"])
        #expect(result.status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let data = try #require(FileManager.default.contents(atPath: path))
        final class Rects: NSObject, XMLParserDelegate {
            var count = 0
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "rect" { count += 1 }
            }
        }
        let parser = XMLParser(data: data)
        let rects = Rects()
        parser.delegate = rects
        #expect(parser.parse())
        #expect(rects.count == 365)  // 30 Nov 2025 through 29 Nov 2026
        let missing = pln.run(["stats", "--svg", pln.folder.path + "/no/such/folder/h.svg"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no/such/folder/h.svg"))
    }

    @Test func reviewTheWeekMonthAndThisDay() throws {
        let pln = journal()
        let week = pln.run(["review"])
        #expect(week.status == 0)
        #expect(week.stdout.hasPrefix("Week 48 of 2026, Mon 23 Nov – Sun 29 Nov 2026: 3 entries on 3 days\n\n#assessment (3)\n"))
        #expect(week.stdout.contains("@jane  1 entry"))
        #expect(week.stdout.contains("On this day (Sun 29 Nov)\n  2025 (1 year ago)\n"))
        let json = try JSONParser.parse(pln.run(["review", "--month", "--format", "json"]).stdout)
        #expect(json["period"]?["first"] == .string("2026-11-01"))
        #expect(json["entries"] == .number(3))
        #expect(json["topics"]?.arrayValue?.first?["topic"] == .string("assessment"))
        // The week's prompt is pln prompt --week's.
        let prompt = pln.run(["prompt", "--week"]).stdout.trimmingCharacters(in: .newlines)
        #expect(!prompt.isEmpty)
        #expect(json["prompt"] == .string(prompt))
        #expect(week.stdout.hasSuffix("Prompt for the week\n  " + prompt + "\n"))
        let past = pln.run(["review", "--on-this-day"]).stdout
        #expect(past.hasPrefix("On this day (Sun 29 Nov)\n  2025 (1 year ago)\n"))
        #expect(past.contains("Last year on this day #ell"))
        let earlier = pln.run(["review", "--date", "2025-11-29", "--format", "json"])
        let old = try JSONParser.parse(earlier.stdout)
        #expect(old["period"]?["first"] == .string("2025-11-24"))
        #expect(old["entries"] == .number(1))
    }

    @Test func leapDayOnThisDay() {
        let pln = PlnRunner(now: "2027-02-28T12:00:00+01:00")
        pln.add("2024-02-29: Leap day entry")
        pln.add("2024-03-01: First of March entry")
        #expect(pln.run(["review", "--on-this-day"]).stdout.contains("Leap day entry"))
        let march = PlnRunner(now: "2027-03-01T12:00:00+01:00")
        march.add("2024-02-29: Leap day entry")
        let shown = march.run(["review", "--on-this-day"]).stdout
        #expect(!shown.contains("Leap day entry"))
        #expect(shown.contains("(nothing from this day in earlier years)"))
    }

    @Test(arguments: [["stats", "--format", "csv"], ["review", "--month", "--year"], ["review", "--limit", "-1"],
                      ["stats", "--top", "0"], ["review", "--date", "not a day"]])
    func usageErrorsExitTwo(arguments: [String]) {
        let pln = journal()
        let before = pln.journalFingerprint()
        let result = pln.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr.split(separator: "\n").count >= 1)
        #expect(pln.journalFingerprint() == before)
    }
}
