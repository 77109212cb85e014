import CZlib
import Dispatch
import Foundation

/// A zip file's central directory, and reading one member from it (stored or deflated).
///
/// Zip64 (archives or members past 4 GB, more than 65535 members) is read too: Twitter
/// archives with videos pass 4 GB. Only what `pln.archive` needs is supported: no encryption,
/// no compression other than deflate.
struct ZipDirectory {
    struct Member {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var size: UInt64
        var localOffset: UInt64
    }

    let path: String
    let members: [Member]

    /// Reads the central directory of the zip at `path`.
    init(path: String) throws(PLNError) {
        self.path = path
        let file = try FileByteSource(path: path)
        let length = try Self.fileSize(path)
        func bad(_ message: String) -> PLNError { .malformedInput(file: path, line: nil, message: message) }
        // The end-of-central-directory record is in the last 22 + 65535 (comment) bytes.
        let tailLength = Int(min(length, 22 + 65_535))
        guard try file.skip(Int(length) - tailLength) else { throw bad("truncated zip archive") }
        let tail = try file.read(tailLength)
        guard tail.count >= 22, let end = Self.lastSignature(0x0605_4B50, in: tail) else {
            throw bad("not a zip archive, or truncated (no end of central directory)")
        }
        var count = UInt64(Self.le16(tail, end + 10))
        var directorySize = UInt64(Self.le32(tail, end + 12))
        var directoryOffset = UInt64(Self.le32(tail, end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the record points at the zip64 end record.
            guard end >= 20, Self.le32(tail, end - 20) == 0x0706_4B50 else { throw bad("zip64 archive without its locator") }
            let recordOffset = Self.le64(tail, end - 20 + 8)
            let record = try Self.bytes(path, at: recordOffset, count: 56)
            guard record.count == 56, Self.le32(record, 0) == 0x0606_4B50 else { throw bad("corrupt zip64 end of central directory") }
            count = Self.le64(record, 32)
            directorySize = Self.le64(record, 40)
            directoryOffset = Self.le64(record, 48)
        }
        guard directoryOffset + directorySize <= length else {
            throw bad("truncated zip archive (the central directory lies past the end of the file)")
        }
        let directory = try Self.bytes(path, at: directoryOffset, count: Int(directorySize))
        guard directory.count == Int(directorySize) else { throw bad("truncated zip archive") }
        var members: [Member] = []
        members.reserveCapacity(Int(min(count, 1_000_000)))
        var at = 0
        while at + 46 <= directory.count, Self.le32(directory, at) == 0x0201_4B50 {
            let flags = Self.le16(directory, at + 8)
            let method = Self.le16(directory, at + 10)
            let crc = Self.le32(directory, at + 16)
            var compressed = UInt64(Self.le32(directory, at + 20))
            var size = UInt64(Self.le32(directory, at + 24))
            let nameLength = Int(Self.le16(directory, at + 28))
            let extraLength = Int(Self.le16(directory, at + 30))
            let commentLength = Int(Self.le16(directory, at + 32))
            var offset = UInt64(Self.le32(directory, at + 42))
            let next = at + 46 + nameLength + extraLength + commentLength
            guard next <= directory.count else { throw bad("corrupt zip central directory") }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            // Zip64 sizes and offset, in this order, for the fields the header marks 0xFFFFFFFF.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = Self.le16(directory, extra), length = Int(Self.le16(directory, extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    if size == 0xFFFF_FFFF, field + 8 <= extraEnd { size = Self.le64(directory, field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extraEnd { compressed = Self.le64(directory, field); field += 8 }
                    if offset == 0xFFFF_FFFF, field + 8 <= extraEnd { offset = Self.le64(directory, field) }
                }
                extra += 4 + length
            }
            members.append(Member(name: name, method: method, flags: flags, crc: crc, compressedSize: compressed,
                                  size: size, localOffset: offset))
            at = next
        }
        guard UInt64(members.count) == count || count == 0xFFFF else {
            throw bad("corrupt zip central directory (\(members.count) of \(count) members readable)")
        }
        self.members = members
    }

    /// The bytes of `member`, decompressed and checked against its CRC.
    func read(_ member: Member, as name: String) throws(PLNError) -> [UInt8] {
        func bad(_ message: String) -> PLNError { .malformedInput(file: path, line: nil, message: "\(name): \(message)") }
        if member.flags & 1 != 0 { throw bad("the member is encrypted") }
        guard member.method == 0 || member.method == 8 else { throw bad("unsupported compression method \(member.method)") }
        let header = try Self.bytes(path, at: member.localOffset, count: 30)
        guard header.count == 30, Self.le32(header, 0) == 0x0403_4B50 else { throw bad("corrupt or truncated zip member") }
        let dataOffset = member.localOffset + 30 + UInt64(Self.le16(header, 26)) + UInt64(Self.le16(header, 28))
        guard member.compressedSize < UInt64(Int.max), member.size < UInt64(Int.max) else { throw bad("member too large") }
        let compressed = try Self.bytes(path, at: dataOffset, count: Int(member.compressedSize))
        guard compressed.count == Int(member.compressedSize) else { throw bad("truncated zip member") }
        let data: [UInt8]
        let crc: UInt32
        if member.method == 0 {
            data = compressed
            crc = UInt32(data.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) })
        } else {
            (data, crc) = try Self.inflateRaw(compressed, size: Int(member.size), bad)
        }
        guard data.count == Int(member.size) else { throw bad("size does not match the zip directory") }
        guard crc == member.crc else { throw bad("CRC mismatch (the archive is damaged)") }
        return data
    }

    /// A block of inflated bytes, handed to the thread that checksums them; the buffer stays put
    /// until that thread is done with it.
    private struct Block: @unchecked Sendable {
        let start: UnsafeMutablePointer<UInt8>
        let count: Int
    }

    /// The CRC so far, touched only on the checksum queue (and read after it has drained).
    private final class RunningCRC: @unchecked Sendable {
        var value: uLong = 0
    }

    /// How much is inflated before the block goes to the checksum thread.
    private static let checksumBlock = 4 << 20

    /// Inflates raw deflate data (no zlib or gzip header) of known decompressed size, and gives
    /// the CRC-32 of the result: computed on another thread, one block behind the inflating
    /// (a Twitter archive's tweets.js is about 120 MB, and its checksum took half as long as
    /// inflating it).
    private static func inflateRaw(_ input: [UInt8], size: Int, _ bad: (String) -> PLNError) throws(PLNError) -> ([UInt8], UInt32) {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard inflateInit2_(stream, -MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw bad("cannot start decompression")
        }
        defer { inflateEnd(stream) }
        var output = [UInt8](repeating: 0, count: max(size, 1))
        var input = input
        if input.isEmpty { input = [0] }
        let crc = RunningCRC()
        let checksums = DispatchQueue(label: "pln-zip-crc")
        let status = input.withUnsafeMutableBufferPointer { inBuffer in
            output.withUnsafeMutableBufferPointer { outBuffer -> Int32 in
                guard let base = outBuffer.baseAddress else { return Z_MEM_ERROR }
                stream.pointee.next_in = inBuffer.baseAddress
                stream.pointee.avail_in = uInt(inBuffer.count)
                stream.pointee.next_out = base
                var done = 0
                var status: Int32
                repeat {
                    stream.pointee.avail_out = uInt(min(checksumBlock, size - done))
                    status = inflate(stream, Z_NO_FLUSH)
                    let total = Int(stream.pointee.total_out)
                    if total > done {
                        let block = Block(start: base + done, count: total - done)
                        checksums.async { crc.value = crc32(crc.value, block.start, uInt(block.count)) }
                        done = total
                    }
                } while status == Z_OK && done < size
                // Full: the end of the stream needs no room, anything more is too much.
                if status == Z_OK { status = inflate(stream, Z_FINISH) }
                checksums.sync {}
                return status
            }
        }
        guard status == Z_STREAM_END else {
            if status == Z_DATA_ERROR {
                throw bad("corrupt deflate data" + (stream.pointee.msg.map { " (\(String(cString: $0)))" } ?? ""))
            }
            throw bad(Int(stream.pointee.total_out) == size ? "larger than the zip directory says" : "truncated deflate data")
        }
        output.removeSubrange(Int(stream.pointee.total_out)...)
        return (output, UInt32(crc.value))
    }

    // MARK: Bytes

    static func fileSize(_ path: String) throws(PLNError) -> UInt64 {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .io(path: path, reason: "no such file") }
        return UInt64(info.st_size)
    }

    private static func bytes(_ path: String, at offset: UInt64, count: Int) throws(PLNError) -> [UInt8] {
        try FileByteSource(path: path, offset: offset).read(count)
    }

    private static func lastSignature(_ signature: UInt32, in bytes: [UInt8]) -> Int? {
        var index = bytes.count - 22
        while index >= 0 {
            if le32(bytes, index) == signature { return index }
            index -= 1
        }
        return nil
    }

    static func le16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    static func le32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(le16(bytes, at)) | UInt32(le16(bytes, at + 2)) << 16 }
    static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32 }
}
