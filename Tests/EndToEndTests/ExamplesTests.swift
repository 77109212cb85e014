import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// Every script in `examples/` runs, installed the way the README says.
@Suite("Examples")
struct ExamplesTests {
    static var examples: String {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/examples"
    }

    /// A runner whose config folder holds `init.lua` and the named plugins.
    func install(_ plugins: [String], initLua: Bool = false) throws -> PlnRunner {
        let pln = PlnRunner()
        let config = pln.folder.path + "/config/pln"
        try FileManager.default.createDirectory(atPath: config + "/plugins", withIntermediateDirectories: true)
        for plugin in plugins {
            try FileManager.default.copyItem(atPath: Self.examples + "/" + plugin, toPath: config + "/plugins/" + plugin)
        }
        if initLua { try FileManager.default.copyItem(atPath: Self.examples + "/init.lua", toPath: config + "/init.lua") }
        return pln
    }

    @Test func bookmarksImporter() throws {
        let pln = try install(["bookmarks-importer.lua"])
        let csv = Self.examples + "/data/bookmarks.csv"
        let result = pln.run(["import", "--as", "bookmarks-csv", csv])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 entries, 0 people, 2 sources, 2 links from bookmarks.csv with bookmarks-csv\n")
        #expect(pln.run(["count", "kind:share", "tag:ell"]).stdout == "1\n")
        let entry = try JSONParser.parse(pln.run(["show", "2", "--format", "json"]).stdout)
        #expect(entry["date"] == .string("2026-10-05T07:45:00+02:00"))
        #expect(entry["body"]?.stringValue?.contains("one per line") == true)
        // Detected without --as, from the file's header.
        let again = try install(["bookmarks-importer.lua"])
        #expect(again.run(["import", csv]).stdout == "imported 2 entries, 0 people, 2 sources, 2 links from bookmarks.csv with bookmarks-csv\n")
        // A second import adds nothing.
        #expect(again.run(["import", csv]).stdout
                == "imported 0 entries, 0 people, 0 sources, 0 links from bookmarks.csv with bookmarks-csv; 2 already imported\n")
    }

    @Test func neglectedPeopleQuery() throws {
        let pln = try install(["neglected-people.lua"])
        pln.add("2026-08-01: lunch with @old_friend")
        pln.add("yesterday: planning with @recent")
        let result = pln.run(["query", "neglected"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("@old_friend"))
        #expect(!result.stdout.contains("@recent"))
        let json = pln.run(["query", "neglected", "--format", "json"])
        #expect((try? JSONParser.parse(json.stdout))?.arrayValue?.count == 1)
        #expect(pln.run(["query"]).stdout.contains("neglected"))
    }

    @Test func standupCommandOnTheCommandLineAndInTheShell() throws {
        let pln = try install(["standup.lua"])
        pln.add("yesterday 4pm: marked essays #admin")
        pln.add("Started the unit on fractions")
        let result = pln.run(["standup"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Saturday 28 November\n  16:00  marked essays #admin"))
        #expect(result.stdout.contains("Sunday 29 November\n  14:30  Started the unit on fractions"))
        #expect(pln.run(["standup", "--help"]).stdout.contains("Entries of yesterday and today"))
        let shell = pln.run([], stdin: "/standup\n")
        #expect(shell.status == 0, "\(shell.stderr)")
        #expect(shell.stdout.contains("marked essays"))
    }

    @Test func weeklyDigestExporter() throws {
        let pln = try install(["weekly-digest.lua"])
        pln.add("3 days ago: Exit tickets #assessment")
        pln.add("2 days ago: Role cards #ell #speaking")
        pln.add("2026-01-01: Too old #assessment")
        let result = pln.run(["export", "--as", "digest"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("# Learning digest (2 entries)\n\n## #assessment\n\n- Thu 26 Nov — Exit tickets #assessment"))
        #expect(result.stdout.contains("## #speaking"))
    }

    @Test func hookTagsEntriesWithLinks() throws {
        let pln = try install(["tag-links.lua"])
        pln.add("Read https://example.org/article today")
        pln.add("No address here")
        #expect(pln.run(["count", "tag:link"]).stdout == "1\n")
        let shell = pln.run([], stdin: "Shared https://example.net/x in the chat\n")
        #expect(shell.status == 0)
        #expect(pln.run(["count", "tag:link"]).stdout == "2\n")
    }

    @Test func customReflectionFrameworkAndPrompts() throws {
        let pln = try install(["what-so-what.lua"])
        let answers = pln.folder.write("notes.md", "## What?\nPairs stalled #ell\n\n## Now what?\nSentence starters\n")
        let saved = pln.run(["reflect", "rolfe", "--answers", answers, "--follow-up", "1w"])
        #expect(saved.status == 0, "\(saved.stderr)")
        #expect(saved.stdout == "added 1  2026-11-29 14:30  #ell  (rolfe: 2 of 3 stages)\nfollow-up on now-what due 2026-12-06\n")
        #expect(pln.run(["reflections", "--missing", "so-what"]).lines.count == 1)
        let pool = pln.run(["prompt", "--list", "--format", "jsonl"]).lines
        #expect(pool.last?.contains("Which question from a student is still on my mind?") == true)
        let check = pln.folder.write("check.lua", "print('ok')\n")
        #expect(pln.run(["run", check]).status == 0)
        let broken = pln.folder.path + "/config/pln/plugins/zz-broken.lua"
        _ = FileManager.default.createFile(atPath: broken, contents: Data("pln.prompt{ name = 'x', stages = {} }\n".utf8))
        let result = pln.run(["run", check])
        #expect(result.status == 0)
        #expect(result.stderr.contains("zz-broken.lua:1: pln.prompt: 'stages' must be a non-empty list"))
    }

    @Test func sandboxedSharedScript() throws {
        let pln = PlnRunner()
        pln.add("one two three #ell")
        pln.add("four five #ell #reading")
        let result = pln.run(["run", "--sandbox", Self.examples + "/shared-tag-report.lua"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "tag       entries  words\n#ell      2        8\n#reading  1        4\n")
    }

    @Test func initLuaConfiguration() throws {
        let pln = try install([], initLua: true)
        pln.add("today's entry")
        let result = pln.run(["summary"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("entries  1"))
        #expect(pln.run(["lua", "-e", "print(today_count())"]).stdout == "1\n")
        #expect(pln.run(["lua", "--no-init", "-e", "print(today_count == nil)"]).stdout == "true\n")
    }
}
