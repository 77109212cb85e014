import CZlib
import Foundation

/// A gzip file decompressed as it is read (zlib, `inflateInit2` with 16 + MAX_WBITS).
///
/// Only one input chunk and what the caller asks for are in memory at a time. Concatenated
/// gzip members (what `cat a.gz b.gz` makes) read as one stream, as gunzip reads them.
final class GzipStream: ByteSource {
    private let file: FileByteSource
    private let path: String
    private let stream: UnsafeMutablePointer<z_stream>
    private let input: UnsafeMutablePointer<UInt8>
    private static let chunk = 256 * 1024
    private var fileEnded = false
    private var finished = false

    init(path: String) throws(PLNError) {
        file = try FileByteSource(path: path)
        self.path = path
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        input = .allocate(capacity: Self.chunk)
        let status = inflateInit2_(stream, 16 + MAX_WBITS, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else {
            input.deallocate()
            stream.deallocate()
            throw .malformedInput(file: path, line: nil, message: "cannot start gzip decompression (zlib error \(status))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
        input.deallocate()
    }

    /// Refills the input buffer when it is empty; false at the end of the file.
    private func refill() throws(PLNError) -> Bool {
        if stream.pointee.avail_in > 0 { return true }
        if fileEnded { return false }
        let bytes = try file.read(Self.chunk)
        if bytes.isEmpty {
            fileEnded = true
            return false
        }
        bytes.withUnsafeBufferPointer { input.update(from: $0.baseAddress!, count: bytes.count) }
        stream.pointee.next_in = input
        stream.pointee.avail_in = uInt(bytes.count)
        return true
    }

    func read(_ count: Int) throws(PLNError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: count)
        let produced = try output.withUnsafeMutableBufferPointer { (buffer) throws(PLNError) -> Int in
            try fill(buffer.baseAddress!, count)
        }
        if produced < count { output.removeSubrange(produced...) }
        return output
    }

    func skip(_ count: Int) throws(PLNError) -> Bool {
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: min(max(count, 1), 1 << 20))
        defer { scratch.deallocate() }
        var left = count
        while left > 0 {
            let step = min(left, 1 << 20)
            let got = try fill(scratch, step)
            left -= got
            if got < step { return false }
        }
        return true
    }

    /// Decompresses up to `count` bytes into `target`; returns how many (fewer only at the end).
    private func fill(_ target: UnsafeMutablePointer<UInt8>, _ count: Int) throws(PLNError) -> Int {
        var produced = 0
        while produced < count, !finished {
            if stream.pointee.avail_in == 0, !(try refill()) {
                throw .malformedInput(file: path, line: nil, message: "truncated gzip data (the file ends inside the compressed stream)")
            }
            stream.pointee.next_out = target + produced
            stream.pointee.avail_out = uInt(count - produced)
            let status = inflate(stream, Z_NO_FLUSH)
            produced = count - Int(stream.pointee.avail_out)
            switch status {
            case Z_OK, Z_BUF_ERROR:
                continue
            case Z_STREAM_END:
                // Another gzip member may follow; anything else after the end is ignored.
                if try refill(), stream.pointee.avail_in >= 2, stream.pointee.next_in[0] == 0x1F, stream.pointee.next_in[1] == 0x8B {
                    inflateReset(stream)
                } else {
                    finished = true
                }
            default:
                let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                throw .malformedInput(file: path, line: nil, message: "corrupt gzip data (\(reason))")
            }
        }
        return produced
    }
}
