import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln.on` hooks: every event, and a failing hook never loses what triggered it.
@Suite("Plugin hooks")
struct HookTests {
    func install(_ pln: PlnRunner, _ name: String, _ code: String) throws {
        let plugins = pln.folder.path + "/config/pln/plugins"
        try FileManager.default.createDirectory(atPath: plugins, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: plugins + "/" + name, contents: Data(code.utf8))
    }

    @Test func everyEventReachesItsHook() throws {
        let pln = PlnRunner()
        let log = pln.folder.path + "/events.log"
        try install(pln, "log.lua", """
            local function log(text) local f = io.open("\(log)", "a") f:write(text, "\\n") f:close() end
            pln.on("entry.added", function(e) log("added " .. e.id .. " " .. e.body) end)
            pln.on("entry.updated", function(e) log("updated " .. e.id) end)
            pln.on("entry.deleted", function(e) log("deleted " .. e.id) end)
            pln.on("import.done", function(s) log("import " .. s.entries) end)
            pln.on("shell.start", function() log("shell") end)
            """)
        pln.add("from the command line")
        let script = pln.folder.write("edit.lua", "local e = pln.add{ body = 'from lua' }\npln.update(e.id, { starred = true })\npln.delete(e.id)\n")
        #expect(pln.run(["run", script]).status == 0)
        let file = pln.folder.write("in.jsonl", #"{"date":"2026-10-01T08:00:00Z","body":"imported"}"# + "\n")
        #expect(pln.run(["import", file]).status == 0)
        #expect(pln.run([], stdin: "typed in the shell\n").status == 0)
        let lines = (try String(contentsOfFile: log, encoding: .utf8)).split(separator: "\n").map(String.init)
        #expect(lines == ["added 1 from the command line", "added 2 from lua", "updated 2", "deleted 2", "import 1",
                          "shell", "added 4 typed in the shell"])
    }

    @Test func aFailingHookIsReportedAndTheEntryStays() throws {
        let pln = PlnRunner()
        try install(pln, "broken.lua", "pln.on('entry.added', function(e) pln.update(e.id, { tags = { 'x' } }) error('hook broke') end)\n")
        let result = pln.run(["add", "keep me"])
        #expect(result.status == 0)
        #expect(result.stderr.contains("hook for entry.added:"))
        #expect(result.stderr.contains("broken.lua:1: hook broke"))
        #expect(pln.run(["count"]).stdout == "1\n")
        // The hook's own writes were rolled back with it.
        #expect(pln.run(["count", "tag:x"]).stdout == "0\n")
        let script = pln.folder.write("add.lua", "pln.add{ body = 'from a script' }\n")
        let run = pln.run(["run", script])
        #expect(run.status == 0)
        #expect(run.stderr.contains("hook broke"))
        #expect(pln.run(["count"]).stdout == "2\n")
    }
}
