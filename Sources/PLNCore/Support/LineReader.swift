import Foundation

/// Reads a file or stdin line by line with a fixed buffer.
///
/// Import streams its input through this: memory does not grow with the file. Each line is
/// validated as UTF-8; a trailing CR (CRLF files) is dropped.
package final class LineReader {
    private let fd: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    /// The 1-based number of the line last returned.
    package private(set) var lineNumber = 0
    package let name: String
    /// The size of a regular file read (stdin included), nil for pipes and terminals.
    package let fileSize: Int?

    /// Opens `path`, or stdin for "-".
    package init(path: String) throws(PLNError) {
        if path == "-" {
            fd = 0
            ownsDescriptor = false
            name = "<stdin>"
            var info = stat()
            fileSize = fstat(0, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
            var info = stat()
            if fstat(opened, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
                close(opened)
                throw .io(path: path, reason: "is a folder, not a file")
            }
            fd = opened
            ownsDescriptor = true
            name = path
            fileSize = (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        }
        buffer = [UInt8](repeating: 0, count: 1 << 16)
    }

    deinit { if ownsDescriptor { close(fd) } }

    private func fill() throws(PLNError) {
        if start > 0 {
            let count = end - start
            if count > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    let base = raw.baseAddress!
                    memmove(base, base + start, count)
                }
            }
            end = count
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        while true {
            let got = buffer.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress! + end, raw.count - end) }
            if got < 0 {
                if errno == EINTR {
                    try Interrupt.check()
                    continue
                }
                throw .io(path: name, reason: String(cString: strerror(errno)))
            }
            if got == 0 { eof = true }
            end += got
            return
        }
    }

    /// Whether the last `nextPiece` left the rest of its line to read.
    private var insideLine = false

    /// The next line's raw bytes without its terminator (a trailing CR dropped), or nil at the
    /// end; after a `nextPiece` that did not end its line, the rest of that line.
    package func nextBytes() throws(PLNError) -> ArraySlice<UInt8>? {
        try nextPiece(limit: .max)?.bytes
    }

    /// The next line's raw bytes as `nextBytes` gives them, or, of a line longer than `limit`
    /// bytes, its next `limit` bytes or a few less (never cutting a UTF-8 character), so that
    /// a document written on one line is read a piece at a time. `endsLine` says whether the
    /// piece is the rest of its line; `lineNumber` is its line.
    package func nextPiece(limit: Int) throws(PLNError) -> (bytes: ArraySlice<UInt8>, endsLine: Bool)? {
        precondition(limit >= 4, "a piece holds at least one character")
        var scanFrom = start
        while true {
            let long = end - start > limit
            let window = long ? start + limit + 1 : end
            if let newline = buffer[min(scanFrom, window)..<window].firstIndex(of: 0x0A) {
                return take(upTo: newline, next: newline + 1, endsLine: true)
            }
            if long {
                var cut = start + limit
                while cut > start + 1, buffer[cut] & 0xC0 == 0x80 { cut -= 1 }
                return take(upTo: cut, next: cut, endsLine: false)
            }
            if eof { return start < end ? take(upTo: end, next: end, endsLine: true) : nil }
            scanFrom = end - start
            try fill()
            scanFrom = start + scanFrom
        }
    }

    /// The bytes from `start` to `cut` (less a CR that ends the line), moving on to `next`.
    private func take(upTo cut: Int, next: Int, endsLine: Bool) -> (bytes: ArraySlice<UInt8>, endsLine: Bool) {
        var pieceEnd = cut
        if endsLine, pieceEnd > start, buffer[pieceEnd - 1] == 0x0D { pieceEnd -= 1 }
        let piece = buffer[start..<pieceEnd]
        start = next
        if !insideLine { lineNumber += 1 }
        insideLine = !endsLine
        return (piece, endsLine)
    }

    /// The next line as a string, or nil at the end; invalid UTF-8 throws with the line number.
    package func nextLine() throws(PLNError) -> String? {
        guard let bytes = try nextBytes() else { return nil }
        guard let line = UTF8Text.string(bytes) else {
            throw .invalidUTF8(file: name, line: lineNumber)
        }
        return line
    }
}
