import Foundation

/// The regular files in a tar stream (ustar, GNU long names, pax `path`), with where each
/// one's data starts in the uncompressed stream.
struct TarIndex {
    struct Member {
        var name: String
        var offset: Int
        var size: Int
    }

    private(set) var members: [Member] = []

    /// Walks the headers of `source` once, skipping the data.
    init(source: ByteSource, path: String) throws(PLNError) {
        func bad(_ message: String) -> PLNError { .malformedInput(file: path, line: nil, message: message) }
        var position = 0
        var longName: String?
        var paxPath: String?
        var sawHeader = false
        while true {
            let header = try source.read(512)
            if header.isEmpty && sawHeader { break }  // some writers omit the two zero blocks
            guard header.count == 512 else {
                throw bad(sawHeader ? "truncated tar archive (the file ends inside a header)" : "not a tar archive")
            }
            position += 512
            if header.allSatisfy({ $0 == 0 }) { break }
            guard Self.checksumMatches(header) else {
                throw bad(sawHeader ? "corrupt tar header at byte \(position - 512)" : "not a tar archive")
            }
            sawHeader = true
            guard let size = Self.number(header[124..<136]) else { throw bad("corrupt tar header at byte \(position - 512)") }
            let type = header[156]
            let padded = (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"), UInt8(ascii: "x"):
                let data = try source.read(padded)
                guard data.count == padded else { throw bad("truncated tar archive") }
                position += padded
                let body = Array(data.prefix(size))
                if type == UInt8(ascii: "L") {
                    longName = Self.string(body[...])
                } else {
                    paxPath = Self.paxPath(body) ?? paxPath
                }
                continue
            default:
                break
            }
            var name = Self.string(header[0..<100])
            if header[257..<262].elementsEqual("ustar".utf8) {
                let prefix = Self.string(header[345..<500])
                if !prefix.isEmpty { name = prefix + "/" + name }
            }
            if let longName { name = longName }
            if let paxPath { name = paxPath }
            longName = nil
            paxPath = nil
            if type == UInt8(ascii: "0") || type == 0 || type == UInt8(ascii: "7") {
                members.append(Member(name: name, offset: position, size: size))
            }
            guard try source.skip(padded) else {
                throw bad("truncated tar archive (\(Archive.normalized(name)) ends early)")
            }
            position += padded
        }
    }

    /// The header checksum: the byte sum with the checksum field read as spaces.
    private static func checksumMatches(_ header: [UInt8]) -> Bool {
        guard let stored = number(header[148..<156]) else { return false }
        var sum = 0
        for (index, byte) in header.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        return sum == stored
    }

    /// An octal field (NUL- or space-terminated), or GNU base-256 when the high bit is set.
    private static func number(_ field: ArraySlice<UInt8>) -> Int? {
        if let first = field.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for byte in field.dropFirst() {
                guard value < Int.max >> 8 else { return nil }
                value = value << 8 | Int(byte)
            }
            return value
        }
        var value = 0
        var seen = false
        for byte in field {
            if byte == 0 || byte == 32 { if seen { break } else { continue } }
            guard byte >= 48, byte <= 55, value < Int.max >> 3 else { return nil }
            value = value * 8 + Int(byte - 48)
            seen = true
        }
        return value
    }

    private static func string(_ field: ArraySlice<UInt8>) -> String {
        String(decoding: field.prefix(while: { $0 != 0 }), as: UTF8.self)
    }

    /// The `path` record of a pax extended header ("LEN path=VALUE\n" records).
    private static func paxPath(_ body: [UInt8]) -> String? {
        var at = 0
        var found: String?
        while at < body.count {
            guard let space = body[at...].firstIndex(of: 32),
                  let length = Int(String(decoding: body[at..<space], as: UTF8.self)), length > 0,
                  at + length <= body.count else { break }
            let record = body[(space + 1)..<(at + length)]
            if let equals = record.firstIndex(of: UInt8(ascii: "=")),
               String(decoding: record[record.startIndex..<equals], as: UTF8.self) == "path" {
                var value = record[(equals + 1)...]
                if value.last == 10 { value = value.dropLast() }
                found = String(decoding: value, as: UTF8.self)
            }
            at += length
        }
        return found
    }
}
