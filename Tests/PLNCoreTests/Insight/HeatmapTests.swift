import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import PLNCore

@Suite("Heatmap")
struct HeatmapTests {
    /// Counts the elements of an XML document, failing when it is not well-formed.
    final class ElementCounter: NSObject, XMLParserDelegate {
        var counts: [String: Int] = [:]
        var dates: [String] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                    attributes: [String: String] = [:]) {
            counts[name, default: 0] += 1
            if name == "rect", let date = attributes["data-date"] { dates.append(date) }
        }
    }

    func parse(_ svg: String) -> ElementCounter? {
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        return parser.parse() ? counter : nil
    }

    @Test func levelsAreQuartersOfTheBusiestDay() throws {
        let today = try #require(LocalDay("2026-11-29"))
        let window = Heatmap.lastYear(endingOn: today)
        var counts: [LocalDay: Int] = [:]
        for (offset, n) in [1, 2, 3, 4, 5, 6, 7, 8].enumerated() { counts[today.adding(days: -offset)] = n }
        let heatmap = Heatmap(first: window.first, last: window.last, counts: counts)
        #expect(heatmap.busiest == 8)
        #expect(heatmap.level(on: today) == 1)                   // 1 entry
        #expect(heatmap.level(on: today.adding(days: -1)) == 1)  // 2 entries
        #expect(heatmap.level(on: today.adding(days: -2)) == 2)  // 3 entries
        #expect(heatmap.level(on: today.adding(days: -5)) == 3)  // 6 entries
        #expect(heatmap.level(on: today.adding(days: -6)) == 4)  // 7 entries
        #expect(heatmap.level(on: today.adding(days: -7)) == 4)  // 8 entries
        #expect(heatmap.level(on: today.adding(days: -30)) == 0)
        #expect(heatmap.total == 36)
        #expect(Heatmap(first: window.first, last: window.last, counts: [today: 1]).level(on: today) == 4)
        #expect(Heatmap(first: window.first, last: window.last, counts: [:]).level(on: today) == 0)
    }

    @Test func theTextCalendarHasARowPerWeekdayAndAColumnPerWeek() throws {
        let today = try #require(LocalDay("2026-11-29"))
        let window = Heatmap.lastYear(endingOn: today)
        #expect(window.first.description == "2025-11-30")
        let heatmap = Heatmap(first: window.first, last: window.last, counts: [today: 4, today.adding(days: -1): 1])
        let lines = heatmap.lines(style: Style(enabled: false))
        #expect(lines.count == 9)  // months, seven weekdays, legend
        #expect(lines[0].hasPrefix("     Dec"))
        #expect(lines[1].hasPrefix("Mon  ·"))
        // 30 Nov 2025 was a Sunday: the first column holds only it. 53 columns in all.
        #expect(lines[7] == "Sun " + String(repeating: "·", count: 52) + "█")
        #expect(lines[6].hasSuffix("·░"))  // 1 of at most 4: a quarter
        #expect(lines[8] == "    less · ░ ▒ ▓ █ more")
        let coloured = heatmap.lines(style: Style(enabled: true))
        #expect(coloured[7].contains("\u{1B}[38;5;"))
        #expect(!lines.joined().contains("\u{1B}"))
    }

    @Test(arguments: [("2026-11-29", 365), ("2024-06-01", 366)])
    func theSVGIsWellFormedWithOneSquarePerDay(today: String, days: Int) throws {
        let last = try #require(LocalDay(today))
        let window = Heatmap.lastYear(endingOn: last)
        let heatmap = Heatmap(first: window.first, last: window.last, counts: [last: 3, window.first: 1])
        let svg = HeatmapSVG.document(heatmap)
        let counter = try #require(parse(svg))
        #expect(counter.counts["svg"] == 1)
        #expect(counter.counts["rect"] == days)
        #expect(counter.dates.first == window.first.description)
        #expect(counter.dates.last == today)
        #expect(Set(counter.dates).count == days)
    }

    @Test func theSVGFileIsPrivateAndReplacedWhole() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pln-svg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/map.svg"
        _ = FileManager.default.createFile(atPath: path, contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        try HeatmapSVG.write("<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n", to: path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("<svg"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["map.svg"])
        #expect(throws: PLNError.self) { try HeatmapSVG.write("x", to: folder + "/missing/map.svg") }
    }
}
