import Foundation

/// Buffered output to a file descriptor.
///
/// Rows are streamed: a large export is written in 64 KiB chunks as it is produced. When the
/// reader goes away (`pln export | head`, a pager quit early), the rest is dropped and the next
/// `Interrupt.check()` stops the command quietly, as other Unix tools stop.
package final class OutputSink {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity = 64 * 1024

    package init(fd: Int32 = 1) {
        self.fd = fd
        buffer.reserveCapacity(capacity + 4096)
    }

    deinit { flush() }

    /// Whether the descriptor is a terminal.
    package var isTerminal: Bool { isatty(fd) == 1 }

    package func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer.append(contentsOf: $0) }
        if buffer.count >= capacity { flush() }
    }

    package func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { flush() }
    }

    /// Writes `bytes` and a newline.
    package func line(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        buffer.append(0x0A)
        if buffer.count >= capacity { flush() }
    }

    package func line(_ text: String = "") {
        write(text)
        write("\n")
    }

    package func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { raw in
                Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { Interrupt.noteOutputClosed() }
                buffer.removeAll(keepingCapacity: true)
                return
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
