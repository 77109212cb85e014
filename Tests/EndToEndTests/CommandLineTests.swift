import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// Usage errors, exit codes, the journal file itself, and concurrent use.
@Suite("Command line")
struct CommandLineTests {
    @Test func versionAndHelp() {
        let pln = PlnRunner()
        let version = pln.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout == "0.1.0\n")
        let help = pln.run(["--help"])
        #expect(help.status == 0)
        for command in ["add", "show", "edit", "delete", "list", "search", "count", "tags", "export", "import"] {
            #expect(help.stdout.contains(command))
        }
        let details = pln.run(["version"])
        #expect(details.stdout.contains("Lua 5.4"))
        #expect(details.stdout.contains("SQLite 3."))
    }

    /// `pln X --help` is parsed by X alone (the fast path every command takes) and must say the
    /// same as `pln help X`, which the root parses: usage names `pln X`, nested help `pln help X`.
    @Test(arguments: ["add", "list", "search", "person", "source", "followups", "import", "lua"])
    func commandHelpNamesPln(command: String) {
        let pln = PlnRunner()
        let direct = pln.run([command, "--help"])
        #expect(direct.status == 0)
        #expect(direct.stdout.contains("USAGE: pln \(command)"))
        #expect(direct.stdout == pln.run(["help", command]).stdout)
    }

    @Test func pinnedClockReadsOffsetsAndLocalTimesAndIgnoresTheRest() throws {
        let pln = PlnRunner(now: "2026-11-29T14:30:00Z")
        pln.add("pinned in UTC")
        #expect(try JSONParser.parse(pln.run(["show", "1", "--format", "json"]).stdout)["date"]
            == .string("2026-11-29T15:30:00+01:00"))
        // Without an offset the instant is read in TZ; a value that is no date and time is ignored.
        _ = pln.run(["add", "local"], environment: ["PLN_NOW": "2026-11-29T09:15:00"])
        #expect(try JSONParser.parse(pln.run(["show", "2", "--format", "json"]).stdout)["date"]
            == .string("2026-11-29T09:15:00+01:00"))
        #expect(pln.run(["add", "unpinned"], environment: ["PLN_NOW": "soon"]).status == 0)
        let unpinned = try JSONParser.parse(pln.run(["show", "3", "--format", "json"]).stdout)["date"]
        #expect(unpinned != .string("2026-11-29T15:30:00+01:00"))
    }

    @Test func unknownCommandSuggestsTheNearestOne() {
        let pln = PlnRunner()
        let result = pln.run(["lsit", "#ell"])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("pln: unknown command 'lsit' — did you mean 'list'?"))
        let far = pln.run(["zzzzzz"])
        #expect(far.status == 2)
        #expect(!far.stderr.contains("did you mean"))
    }

    @Test func unknownFlagSuggestsTheNearestOne() {
        let pln = PlnRunner()
        let result = pln.run(["list", "--fromat", "json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--fromat"))
        #expect(result.stderr.contains("Did you mean '--format'?"))
        let badValue = pln.run(["list", "--format", "yaml"])
        #expect(badValue.status == 2)
        let badID = pln.run(["show", "abc"])
        #expect(badID.status == 2)
    }

    @Test func journalIsPrivateAndFollowsXDG() throws {
        let pln = PlnRunner()
        pln.add("first")
        let attributes = try FileManager.default.attributesOfItem(atPath: pln.journal)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let folder = try FileManager.default.attributesOfItem(atPath: pln.folder.path + "/data/pln")
        #expect((folder[.posixPermissions] as? Int) == 0o700)

        let other = pln.folder.path + "/elsewhere/j.db"
        #expect(pln.run(["--journal", other, "add", "x"]).status == 0)
        #expect(pln.run(["count", "--journal", other]).stdout == "1\n")
        #expect(pln.run(["count"], environment: ["PLN_JOURNAL": other]).stdout == "1\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        // The WAL file is kept for the next run, private and empty: every change is in the
        // journal file itself, so a copy of that one file is the whole journal.
        pln.add("second #kept")
        let wal = try FileManager.default.attributesOfItem(atPath: pln.journal + "-wal")
        #expect((wal[.posixPermissions] as? Int) == 0o600)
        #expect((wal[.size] as? Int) == 0)
        let copy = pln.folder.path + "/copy/journal.db"
        try FileManager.default.createDirectory(atPath: pln.folder.path + "/copy", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pln.journal, toPath: copy)
        #expect(pln.run(["--journal", copy, "count", "#kept"]).stdout == "1\n")
    }

    @Test func foreignFilesAreRefusedAndLeftUntouched() throws {
        let pln = PlnRunner()
        let text = pln.folder.write("notes.txt", "just some text, not a database at all\n")
        let result = pln.run(["--journal", text, "count"])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(text) is not a pln journal; refusing to touch it\n")
        #expect(pln.folder.read("notes.txt") == "just some text, not a database at all\n")

        // Another program's SQLite database.
        let other = pln.folder.path + "/other.db"
        let created = pln.run(["--journal", other, "count"])
        #expect(created.status == 0)
        // Turn it into a foreign database: a pln journal with another application id.
        try patchHeader(other, offset: 68, value: 0x1234_5678)
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        let refused = pln.run(["--journal", other, "add", "x"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("is not a pln journal"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }

    @Test func newerJournalIsRefused() throws {
        let pln = PlnRunner()
        pln.add("x")
        try patchHeader(pln.journal, offset: 60, value: 99)
        let before = pln.journalFingerprint()
        let result = pln.run(["count"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("written by a newer pln (schema 99"))
        #expect(pln.journalFingerprint() == before)
    }

    @Test func concurrentWritersDoNotFailWithLockedDatabase() async throws {
        let pln = PlnRunner()
        pln.add("seed")
        let results = await withTaskGroup(of: Int32.self) { group in
            for index in 0..<8 {
                group.addTask { pln.run(["add", "concurrent \(index) #load"]).status }
            }
            var statuses: [Int32] = []
            for await status in group { statuses.append(status) }
            return statuses
        }
        #expect(results.allSatisfy { $0 == 0 })
        #expect(pln.run(["count", "#load"]).stdout == "8\n")
    }

    /// Overwrites a big-endian 32-bit field of the SQLite header.
    func patchHeader(_ path: String, offset: UInt64, value: UInt32) throws {
        let handle = try #require(FileHandle(forUpdatingAtPath: path))
        try handle.seek(toOffset: offset)
        handle.write(Data([UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]))
        try handle.close()
    }
}
