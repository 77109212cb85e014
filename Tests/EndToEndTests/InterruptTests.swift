import Foundation
import PLNTestSupport
import Testing

/// Ctrl-C in the middle of an import rolls back everything it wrote.
@Suite("Interrupts")
struct InterruptTests {
    /// Starts `pln import -`, writes 500 records to its standard input and leaves the pipe
    /// open: after the wait pln has read them all and waits for more, inside its transaction.
    func importFromOpenPipe(_ pln: PlnRunner, errors: Pipe?) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PlnRunner.binary)
        process.arguments = ["import", "-"]
        process.environment = pln.environment
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors ?? FileHandle.nullDevice
        try process.run()
        for index in 0..<500 {
            let line = #"{"date":"2026-10-01T08:00:00Z","body":"record \#(index) #bulk"}"# + "\n"
            input.fileHandleForWriting.write(Data(line.utf8))
        }
        Thread.sleep(forTimeInterval: 1.5)
        return (process, input)
    }

    /// pln has read every line and waits for more on a pipe that stays open: Ctrl-C stops it
    /// there, without the pipe closing first.
    @Test func ctrlCDuringImportSavesNothing() throws {
        let pln = PlnRunner()
        pln.add("already here")
        let before = pln.journalFingerprint()

        let errors = Pipe()
        let (process, input) = try importFromOpenPipe(pln, errors: errors)
        process.interrupt()
        let deadline = Date(timeIntervalSinceNow: 10)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        let stoppedWithThePipeOpen = !process.isRunning
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(stoppedWithThePipeOpen)
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 130)
        #expect(message == "pln: interrupted; nothing was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }

    @Test func killedFirstImportSavesNothingAndTheWALComesBack() throws {
        let pln = PlnRunner()
        #expect(pln.run(["count"]).stdout == "0\n")  // an empty journal
        func header() -> [UInt8] {
            let data = FileManager.default.contents(atPath: pln.journal) ?? Data()
            return Array(data[18..<20])
        }
        #expect(header() == [2, 2])

        let (process, input) = try importFromOpenPipe(pln, errors: nil)
        // A first import writes with a rollback journal (JournalStore.bulkWrite).
        #expect(header() == [1, 1])
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try input.fileHandleForWriting.close()

        #expect(process.terminationReason == .uncaughtSignal)
        // The full-text index it was building beside the journal (FullTextBuilder) goes too.
        #expect(builderFiles(besides: pln.journal).count == 1)
        #expect(pln.run(["count"]).stdout == "0\n")
        #expect(builderFiles(besides: pln.journal).isEmpty)
        #expect(pln.run(["tags"]).stdout == "")
        #expect(header() == [2, 2])
    }

    func builderFiles(besides journal: String) -> [String] {
        let url = URL(fileURLWithPath: journal)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.filter { $0.hasPrefix(url.lastPathComponent + ".fulltext-") }
    }

    @Test func ctrlCDuringAFirstImportSavesNothingAndLeavesNoFile() throws {
        let pln = PlnRunner()
        let errors = Pipe()
        let (process, input) = try importFromOpenPipe(pln, errors: errors)
        #expect(builderFiles(besides: pln.journal).count == 1)
        process.interrupt()
        Thread.sleep(forTimeInterval: 0.2)
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)

        #expect(process.terminationStatus == 130)
        #expect(message == "pln: interrupted; nothing was saved\n")
        #expect(builderFiles(besides: pln.journal).isEmpty)
        #expect(pln.run(["count"]).stdout == "0\n")
        #expect(pln.run(["search", "record"]).stdout == "")
    }
}

/// Ctrl-C stops a running Lua script and rolls back what it wrote.
@Suite("Interrupting Lua")
struct LuaInterruptTests {
    @Test func ctrlCStopsAScriptAndSavesNothing() throws {
        let pln = PlnRunner()
        pln.add("already here")
        let script = pln.folder.write("spin.lua", "pln.add{ body = 'written before the loop' }\nio.write('looping\\n')\nwhile true do end\n")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: PlnRunner.binary)
        process.arguments = ["run", "--no-limit", script]
        process.environment = pln.environment
        let output = Pipe()
        process.standardOutput = output
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        // Wait until the script is in its loop.
        let handle = output.fileHandleForReading
        var seen = Data()
        let deadline = Date().addingTimeInterval(10)
        while !String(decoding: seen, as: UTF8.self).contains("looping"), Date() < deadline {
            seen.append(handle.availableData)
        }
        process.interrupt()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 130)
        #expect(message == "pln: interrupted; nothing was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
    }
}
