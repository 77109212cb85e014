import Foundation

/// Runs the built `pln` binary against a private journal, as a user would.
///
/// The clock is pinned (`PLN_NOW`), the zone fixed, colour off and HOME/XDG folders private,
/// so output is the same on every machine.
package final class PlnRunner: @unchecked Sendable {
    /// What one run printed and returned.
    package struct Result: Sendable {
        package var status: Int32
        package var stdout: String
        package var stderr: String
        package var lines: [String] { stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
    }

    package let folder = TemporaryFolder()
    package var environment: [String: String]
    package var journal: String { folder.path + "/data/pln/journal.db" }

    /// The binary: `$PLN_BINARY`, else `.build/debug/pln` in this package.
    package static var binary: String {
        if let path = ProcessInfo.processInfo.environment["PLN_BINARY"], !path.isEmpty { return path }
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path + "/.build/debug/pln"
    }

    package init(now: String = "2026-11-29T14:30:00+01:00", zone: String = "Europe/Berlin") {
        environment = [
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
            "HOME": folder.path + "/home",
            "XDG_DATA_HOME": folder.path + "/data",
            "XDG_CONFIG_HOME": folder.path + "/config",
            "XDG_STATE_HOME": folder.path + "/state",
            "TZ": zone,
            "PLN_NOW": now,
            "NO_COLOR": "1",
            "LANG": "C.UTF-8",
        ]
    }

    /// Runs `pln ARGUMENTS` with `stdin` as standard input.
    @discardableResult
    package func run(_ arguments: [String], stdin: String? = nil, stdinBytes: [UInt8]? = nil,
                     environment extra: [String: String] = [:]) -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = arguments
        process.environment = environment.merging(extra) { $1 }
        let id = UUID().uuidString
        let outPath = folder.path + "/out-\(id)", errPath = folder.path + "/err-\(id)", inPath = folder.path + "/in-\(id)"
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        _ = FileManager.default.createFile(atPath: inPath, contents: Data(stdinBytes ?? Array((stdin ?? "").utf8)))
        defer {
            for path in [outPath, errPath, inPath] { try? FileManager.default.removeItem(atPath: path) }
        }
        let out = FileHandle(forWritingAtPath: outPath)!, err = FileHandle(forWritingAtPath: errPath)!
        let input = FileHandle(forReadingAtPath: inPath)!
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        do {
            try process.run()
        } catch {
            return Result(status: -1, stdout: "", stderr: "cannot run \(Self.binary): \(error)")
        }
        process.waitUntilExit()
        try? out.close(); try? err.close(); try? input.close()
        let stdout = FileManager.default.contents(atPath: outPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        let stderr = FileManager.default.contents(atPath: errPath).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Runs `pln add TEXT` and returns the new entry's id.
    @discardableResult
    package func add(_ text: String, _ extra: [String] = []) -> Int64 {
        let result = run(["add", "--quiet"] + extra + [text])
        return Int64(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    /// A checksum of the journal's bytes, to prove a failed command changed nothing.
    ///
    /// Every byte counts except two counters in the main file's header that SQLite advances
    /// on each change of journal mode, which a first import makes and undoes (the file change
    /// counter at offset 24 and the version-valid-for number at 92; `JournalStore.bulkWrite`).
    package func journalFingerprint() -> String {
        var parts: [String] = []
        for suffix in ["", "-wal"] {
            var data = FileManager.default.contents(atPath: journal + suffix) ?? Data()
            if suffix.isEmpty, data.count >= 100 {
                data.replaceSubrange(24..<28, with: [0, 0, 0, 0])
                data.replaceSubrange(92..<96, with: [0, 0, 0, 0])
            }
            var hash: UInt64 = 1469598103934665603
            for byte in data { hash = (hash ^ UInt64(byte)) &* 1099511628211 }
            parts.append("\(data.count):\(hash)")
        }
        return parts.joined(separator: "/")
    }
}
