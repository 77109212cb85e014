import Foundation
import PLNCore
import PLNTestSupport
import Testing

@Suite("Archive reader")
struct ArchiveTests {
    private static let tweets = Array("window.YTD.tweets.part0 = [ {\"tweet\": {\"full_text\": \"héllo 🎉\"}} ]".utf8)
    private static let big = Array(String(repeating: "the same line again and again\n", count: 2000).utf8)

    private func failure(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func zipStoredAndDeflatedMembersReadBack() throws {
        let folder = TemporaryFolder()
        let path = folder.write("twitter-2024.zip", bytes: ArchiveBytes.zip([
            .init(name: "data/tweets.js", data: Self.tweets, deflate: false),
            .init(name: "data/account.js", data: Self.big, deflate: true),
            .init(name: "data/", data: [], deflate: false),
            .init(name: "__MACOSX/data/._tweets.js", data: [1, 2], deflate: false),
        ]))
        let archive = try Archive(path: path)
        #expect(archive.kind == .zip)
        #expect(archive.members == ["data/account.js", "data/tweets.js"])
        #expect(Array(try archive.read("data/tweets.js")) == Self.tweets)
        #expect(Array(try archive.read("./data/account.js")) == Self.big)
        let message = failure { _ = try archive.read("data/like.js") }
        #expect(message == "\(path): no member data/like.js in the zip")
    }

    @Test func truncatedOrDamagedZipsAreOneLineErrors() throws {
        let folder = TemporaryFolder()
        let whole = ArchiveBytes.zip([.init(name: "data/tweets.js", data: Self.big, deflate: true)])
        let cut = folder.write("cut.zip", bytes: Array(whole.prefix(whole.count / 2)))
        let message = failure { _ = try Archive(path: cut) }
        #expect(message?.hasPrefix("\(cut): not a zip archive, or truncated") == true)
        // A flipped byte inside the compressed data: the inflater or the CRC notices.
        var damaged = whole
        damaged[60] ^= 0xFF
        let bad = folder.write("bad.zip", bytes: damaged)
        let archive = try Archive(path: bad)
        let readError = failure { _ = try archive.read("data/tweets.js") }
        #expect(readError?.hasPrefix("\(bad): data/tweets.js: ") == true)
        #expect(readError?.contains("\n") == false)
    }

    /// Members are inflated a few megabytes at a time while another thread checksums what came
    /// out: a large member reads back whole, and every way its headers can lie is an error.
    @Test func largeDeflatedMembersAreCheckedBlockByBlock() throws {
        let folder = TemporaryFolder()
        var generator = SystemRandomNumberGenerator()
        let words = ["tweet", "#edchat", "🎉", "é", "\n", " ", "https://t.co/x"].map { Array($0.utf8) }
        var chunk: [UInt8] = []
        while chunk.count < 100_000 { chunk += words.randomElement(using: &generator)! }
        let large = Array((0..<45).map { _ in chunk }.joined())  // two blocks and a bit
        let path = folder.write("large.zip", bytes: ArchiveBytes.zip([.init(name: "tweets.js", data: large, deflate: true)]))
        #expect(Array(try Archive(path: path).read("tweets.js")) == large)
        let lies: [(ArchiveBytes.ZipMember, String)] = [
            (.init(name: "t.js", data: Self.big, deflate: true, declaredCRC: 1), "t.js: CRC mismatch (the archive is damaged)"),
            (.init(name: "t.js", data: large, deflate: true, declaredSize: large.count - 1), "t.js: larger than the zip directory says"),
            (.init(name: "t.js", data: large, deflate: true, declaredSize: large.count + 1), "t.js: size does not match the zip directory"),
            (.init(name: "t.js", data: [], deflate: true, declaredCRC: 1), "t.js: CRC mismatch (the archive is damaged)"),
        ]
        for (index, (member, expected)) in lies.enumerated() {
            let bad = folder.write("lie\(index).zip", bytes: ArchiveBytes.zip([member]))
            #expect(failure { _ = try Archive(path: bad).read("t.js") } == "\(bad): \(expected)")
        }
        let empty = folder.write("empty.zip", bytes: ArchiveBytes.zip([.init(name: "t.js", data: [], deflate: true)]))
        #expect(try Archive(path: empty).read("t.js").isEmpty)
    }

    @Test func tarGzWithLongNamesAndPaxPaths() throws {
        let folder = TemporaryFolder()
        let longName = "archive-20240101/" + String(repeating: "media_attachments/", count: 8) + "files/outbox.json"
        let tar = ArchiveBytes.tar([
            .folder("archive/"),
            .file("./archive/actor.json", Array("{\"preferredUsername\":\"ann\"}".utf8)),
            .gnuLongName(longName, Self.big),
            .paxPath("pax/ünïcode-path.json", Array("[1]".utf8)),
        ])
        let gz = folder.write("archive.tar.gz", bytes: ArchiveBytes.gzip(tar))
        let plain = folder.write("archive.tar", bytes: tar)
        for path in [gz, plain] {
            let archive = try Archive(path: path)
            #expect(archive.kind == .tar)
            #expect(archive.members == ["archive/actor.json", longName, "pax/ünïcode-path.json"].sorted())
            #expect(Array(try archive.read(longName)) == Self.big)
            #expect(String(decoding: try archive.read("pax/ünïcode-path.json"), as: UTF8.self) == "[1]")
            #expect(String(decoding: try archive.read("archive/actor.json"), as: UTF8.self).contains("ann"))
        }
    }

    @Test func truncatedTarGzIsAnError() throws {
        let folder = TemporaryFolder()
        let gz = ArchiveBytes.gzip(ArchiveBytes.tar([.file("outbox.json", Self.big), .file("actor.json", [1])]))
        let path = folder.write("cut.tar.gz", bytes: Array(gz.prefix(gz.count - 40)))
        let message = failure { _ = try Archive(path: path) }
        #expect(message?.hasPrefix("\(path): truncated") == true, "\(message ?? "no error")")
        let tar = ArchiveBytes.tar([.file("outbox.json", Self.big)])
        let cutTar = folder.write("cut.tar", bytes: Array(tar.prefix(1500)))
        #expect(failure { _ = try Archive(path: cutTar) } == "\(cutTar): truncated tar archive (outbox.json ends early)")
    }

    @Test func foldersAndPlainFilesAreArchivesToo() throws {
        let folder = TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/export/data", withIntermediateDirectories: true)
        folder.write("export/data/tweets.js", "[]")
        folder.write("export/data/account.js", "[1]")
        let archive = try Archive(path: folder.path + "/export")
        #expect(archive.kind == .folder)
        #expect(archive.members == ["data/account.js", "data/tweets.js"])
        #expect(String(decoding: try archive.read("data/account.js"), as: UTF8.self) == "[1]")
        #expect(failure { _ = try archive.read("../secret") } != nil)
        let file = folder.write("tweets.js", "window.YTD = []")
        let single = try Archive(path: file)
        #expect(single.kind == .file)
        #expect(single.members == ["tweets.js"])
        #expect(String(decoding: try single.read("tweets.js"), as: UTF8.self) == "window.YTD = []")
        let gz = folder.write("export.json.gz", bytes: ArchiveBytes.gzip(Self.big))
        let gzipped = try Archive(path: gz)
        #expect(gzipped.kind == .file)
        #expect(gzipped.members == ["export.json"])
        #expect(Array(try gzipped.read("export.json")) == Self.big)
        #expect(failure { _ = try Archive(path: folder.path + "/missing.zip") } == "\(folder.path)/missing.zip: no such file or folder")
    }
}
