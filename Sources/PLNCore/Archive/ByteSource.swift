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
        // Straight into the array: no intermediate Data of the same size.
        let fd = handle.fileDescriptor
        var failure: Int32 = 0
        let result = [UInt8](unsafeUninitializedCapacity: max(count, 0)) { buffer, initialized in
            initialized = 0
            while initialized < count {
                let n = Foundation.read(fd, buffer.baseAddress! + initialized, count - initialized)
                if n < 0, errno == EINTR { continue }
                if n < 0 { failure = errno; break }
                if n == 0 { break }
                initialized += n
            }
        }
        if failure != 0 { throw .io(path: path, reason: String(cString: strerror(failure))) }
        return result
    }

    /// Everything from here to the end of the file, in one array of the file's size.
    func readToEnd() throws(PLNError) -> [UInt8] {
        let fd = handle.fileDescriptor
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        let here = max(Int(lseek(fd, 0, SEEK_CUR)), 0)
        var bytes = try read(max(Int(info.st_size) - here, 0))
        // A file that grew meanwhile (or reports no size, like a pipe) is read on to its end.
        while true {
            let more = try read(1 << 20)
            bytes.append(contentsOf: more)
            if more.count < 1 << 20 { return bytes }
        }
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
