import Foundation
import Testing
import PLNCore
import PLNTestSupport
@testable import PLNScripting

@Suite("Bundled Lua files")
struct BundledLuaTests {
    private static let luaFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/PLNScripting/Bundled/lua")

    /// The compiled-in copies match the files (scripts/bundle-lua was run after every edit).
    @Test func theCompiledInCopiesAreCurrent() throws {
        var onDisk: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: Self.luaFolder.path)
        while let relative = enumerator?.nextObject() as? String {
            guard relative.hasSuffix(".lua") else { continue }
            let text = try String(contentsOf: Self.luaFolder.appendingPathComponent(relative), encoding: .utf8)
            onDisk[relative] = String(text.reversed().drop(while: { $0 == "\n" }).reversed())
        }
        let compiled = Dictionary(uniqueKeysWithValues: BundledLua.files.map { ($0.path, $0.source) })
        #expect(Set(compiled.keys) == Set(onDisk.keys), "run scripts/bundle-lua")
        for (path, text) in onDisk {
            #expect(compiled[path] == text, "\(path) changed: run scripts/bundle-lua")
        }
        #expect(BundledLua.files.map(\.path) == BundledLua.files.map(\.path).sorted())
    }

    /// Every bundled file loads without error, and a user's registration of the same name wins.
    @Test func bundledFilesLoadAndUserFilesOverrideThem() throws {
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        let config = folder.path + "/config"
        try FileManager.default.createDirectory(atPath: config + "/plugins", withIntermediateDirectories: true)
        let bundledImporters = BundledLua.files.filter { $0.path.hasPrefix("importers/") }
        let overridden = bundledImporters.first.map { ($0.path as NSString).lastPathComponent.replacingOccurrences(of: ".lua", with: "") }
        if let overridden {
            try "pln.importer{ name = \"\(overridden)\", help = \"mine\", run = function() end }"
                .write(toFile: config + "/plugins/mine.lua", atomically: true, encoding: .utf8)
        }
        var options = ScriptOptions()
        options.configFolder = config
        let host = try ScriptHost(store: store, options: options, output: OutputSink(fd: -1))
        #expect(host.loadPlugins() == [])
        // Bundled importers wait until something asks for importers.
        #expect(host.registry.importers.values.allSatisfy { !$0.origin.hasPrefix("pln/") })
        let importers = host.importers()
        #expect(host.takeProblems() == [])
        for file in bundledImporters {
            let name = (file.path as NSString).lastPathComponent.replacingOccurrences(of: ".lua", with: "")
            #expect(importers[name] != nil, "\(file.path) registers importer \(name)")
        }
        if let overridden {
            #expect(importers[overridden]?.help == "mine")
            #expect(importers[overridden]?.origin == config + "/plugins/mine.lua")
        }
        for file in BundledLua.files where file.path.hasPrefix("frameworks/") {
            #expect(host.registry.prompts.values.contains { $0.origin == "pln/" + file.path }, "\(file.path) registers a prompt")
        }
    }
}
