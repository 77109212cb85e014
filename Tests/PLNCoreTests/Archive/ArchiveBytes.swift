import CZlib
import Foundation

/// Builds zip, tar and gzip bytes in memory for the archive tests, so each test controls
/// exactly what the reader sees (compression method, long names, truncation).
enum ArchiveBytes {
    struct ZipMember {
        var name: String
        var data: [UInt8]
        var deflate: Bool
        /// What the headers say instead of the truth, for damaged archives.
        var declaredSize: Int? = nil
        var declaredCRC: UInt32? = nil
    }

    static func zip(_ members: [ZipMember]) -> [UInt8] {
        var out: [UInt8] = []
        var directory: [UInt8] = []
        for member in members {
            let payload = member.deflate ? rawDeflate(member.data) : member.data
            let crc = member.declaredCRC ?? UInt32(member.data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
            let size = UInt32(member.declaredSize ?? member.data.count)
            let name = Array(member.name.utf8)
            let offset = UInt32(out.count)
            let method: UInt16 = member.deflate ? 8 : 0
            out += le32(0x0403_4B50) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0)
            out += le32(crc) + le32(UInt32(payload.count)) + le32(size)
            out += le16(UInt16(name.count)) + le16(0) + name + payload
            directory += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0x0800) + le16(method) + le16(0) + le16(0)
            directory += le32(crc) + le32(UInt32(payload.count)) + le32(size)
            directory += le16(UInt16(name.count)) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let directoryOffset = UInt32(out.count)
        out += directory
        out += le32(0x0605_4B50) + le16(0) + le16(0) + le16(UInt16(members.count)) + le16(UInt16(members.count))
        out += le32(UInt32(directory.count)) + le32(directoryOffset) + le16(0)
        return out
    }

    enum TarEntry {
        case file(String, [UInt8])
        case gnuLongName(String, [UInt8])
        case paxPath(String, [UInt8])
        case folder(String)
    }

    static func tar(_ entries: [TarEntry]) -> [UInt8] {
        var out: [UInt8] = []
        func add(name: String, type: UInt8, data: [UInt8]) {
            out += header(name: name, size: data.count, type: type)
            out += data + [UInt8](repeating: 0, count: (512 - data.count % 512) % 512)
        }
        for entry in entries {
            switch entry {
            case .file(let name, let data): add(name: name, type: UInt8(ascii: "0"), data: data)
            case .folder(let name): add(name: name, type: UInt8(ascii: "5"), data: [])
            case .gnuLongName(let name, let data):
                add(name: "././@LongLink", type: UInt8(ascii: "L"), data: Array(name.utf8) + [0])
                add(name: String(name.suffix(90)), type: UInt8(ascii: "0"), data: data)
            case .paxPath(let name, let data):
                var record = " path=\(name)\n"
                var length = record.utf8.count
                length += String(length).count
                if String(length).count + record.utf8.count != length { length += 1 }
                record = "\(length)" + record
                add(name: "PaxHeaders/x", type: UInt8(ascii: "x"), data: Array(record.utf8))
                add(name: "short-name", type: UInt8(ascii: "0"), data: data)
            }
        }
        return out + [UInt8](repeating: 0, count: 1024)
    }

    private static func header(name: String, size: Int, type: UInt8) -> [UInt8] {
        var block = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int) { for (i, byte) in text.utf8.enumerated() { block[offset + i] = byte } }
        put(String(name.prefix(100)), at: 0)
        put("0000644", at: 100)
        put("0000000", at: 108)
        put("0000000", at: 116)
        put(String(format: "%011o", size), at: 124)
        put("00000000000", at: 136)
        block[156] = type
        put("ustar", at: 257)
        put("00", at: 263)
        for i in 148..<156 { block[i] = 32 }
        let sum = block.reduce(0) { $0 + Int($1) }
        put(String(format: "%06o", sum), at: 148)
        block[154] = 0
        return block
    }

    static func gzip(_ data: [UInt8]) -> [UInt8] { deflate(data, windowBits: 16 + MAX_WBITS) }

    static func rawDeflate(_ data: [UInt8]) -> [UInt8] { deflate(data, windowBits: -MAX_WBITS) }

    private static func deflate(_ data: [UInt8], windowBits: Int32) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { deflateEnd(stream); stream.deallocate() }
        _ = deflateInit2_(stream, Z_BEST_COMPRESSION, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, zlibVersion(),
                          Int32(MemoryLayout<z_stream>.size))
        var input = data.isEmpty ? [0] : data
        var output = [UInt8](repeating: 0, count: data.count + 1024)
        let count = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer in
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(data.count)
                stream.pointee.next_out = outBuffer.baseAddress
                stream.pointee.avail_out = uInt(outBuffer.count)
                _ = CZlib.deflate(stream, Z_FINISH)
                return Int(stream.pointee.total_out)
            }
        }
        return Array(output.prefix(count))
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { le16(UInt16(value & 0xFFFF)) + le16(UInt16(value >> 16)) }
}
