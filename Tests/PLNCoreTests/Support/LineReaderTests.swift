import Foundation
import PLNTestSupport
import Testing
@testable import PLNCore

/// Lines read whole or, when long, in pieces (`LineReader.nextPiece`).
@Suite("Lines in pieces")
struct LineReaderTests {
    let folder = TemporaryFolder()

    func pieces(_ bytes: [UInt8], limit: Int) throws -> [(String, Bool, Int)] {
        let path = folder.path + "/lines.txt"
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let reader = try LineReader(path: path)
        var found: [(String, Bool, Int)] = []
        while let (bytes, endsLine) = try reader.nextPiece(limit: limit) {
            found.append((String(decoding: bytes, as: UTF8.self), endsLine, reader.lineNumber))
        }
        return found
    }

    /// Short lines come whole, without their CR LF; a long one in pieces of at most the limit,
    /// cut before a character rather than inside one, all numbered with their line; the last
    /// line needs no line break.
    @Test func longLinesComeInPiecesOfWholeCharacters() throws {
        // "xé€z": the € (3 bytes) would be cut after its first byte.
        let text = "ab\r\n" + "0123456789" + "\n" + "xé€z" + "\n\n" + "tail"
        let found = try pieces(Array(text.utf8), limit: 4)
        #expect(found.map(\.0) == ["ab", "0123", "4567", "89", "xé", "€z", "", "tail"])
        #expect(found.map(\.1) == [true, false, false, true, false, true, true, true])
        #expect(found.map(\.2) == [1, 2, 2, 2, 3, 3, 4, 5])
    }

    /// Pieces of a long file line, joined again, are the line: nothing is lost at the cuts,
    /// whatever the reader's own buffer held.
    @Test(arguments: [4, 1000, 65_536, 1 << 20])
    func piecesJoinToTheLine(limit: Int) throws {
        let line = Array(String(repeating: "aé€😀 ", count: 60_000).utf8)
        let found = try pieces(line + [0x0A] + Array("next".utf8), limit: limit)
        #expect(found.dropLast().map(\.0).joined() == String(decoding: line, as: UTF8.self))
        #expect(found.dropLast().allSatisfy { $0.0.utf8.count <= limit && $0.2 == 1 })
        #expect(found.last.map { [$0.0, "\($0.1)", "\($0.2)"] } == ["next", "true", "2"])
    }
}
