import Foundation

/// Bytes read front to back: a plain file, or a gzip stream decompressed on the fly.
///
/// The tar reader walks an archive through this, so a `.tar` and a `.tar.gz` are one code path.
protocol ByteSource: AnyObject {
    /// Up to `count` bytes; fewer only at the end of the data.
    func read(_ count: Int) throws(PLNError) -> [UInt8]
    /// Skips `count` bytes; false when the data ended first.
    func skip(_ count: Int) throws(PLNError) -> Bool
}

/// A file read through a handle, in order.
final class FileByteSource: ByteSource {
    private let handle: FileHandle
    private let path: String

    init(path: String, offset: UInt64 = 0) throws(PLNError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .io(path: path, reason: access(path, F_OK) == 0 ? "cannot be read" : "no such file")
        }
        self.handle = handle
        self.path = path
        if offset > 0 {
            do { try handle.seek(toOffset: offset) } catch { throw .io(path: path, reason: "cannot seek: \(error)") }
        }
    }

    deinit { try? handle.close() }

    func read(_ count: Int) throws(PLNError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(count)
        while result.count < count {
            let chunk: Data?
            do { chunk = try handle.read(upToCount: count - result.count) } catch { throw .io(path: path, reason: "\(error)") }
            guard let chunk, !chunk.isEmpty else { break }
            result.append(contentsOf: chunk)
        }
        return result
    }

    func skip(_ count: Int) throws(PLNError) -> Bool {
        do {
            let here = try handle.offset()
            let end = try handle.seekToEnd()
            let target = here + UInt64(count)
            try handle.seek(toOffset: min(target, end))
            return target <= end
        } catch {
            throw .io(path: path, reason: "\(error)")
        }
    }
}
