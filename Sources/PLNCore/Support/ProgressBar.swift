import Foundation

/// A one-line progress bar on standard error: records done of the total, the rate and the time
/// left. Drawn only when standard error is a terminal, at most ten times a second.
package final class ProgressBar {
    private let fd: Int32
    private let label: String
    private let start: Date
    private var lastDraw: Date?
    private var drawn = false
    private var lastDone = 0
    private var lastTotal: Int?

    /// A bar on standard error, or nil when standard error is not a terminal.
    package static func forStandardError(label: String) -> ProgressBar? {
        isatty(2) == 1 ? ProgressBar(fd: 2, label: label) : nil
    }

    init(fd: Int32, label: String, start: Date = Date()) {
        self.fd = fd
        self.label = label
        self.start = start
    }

    /// Records `done` of `total` (nil when not known); redraws when 0.1 s has passed.
    package func update(done: Int, total: Int?) {
        lastDone = done
        lastTotal = total
        let now = Date()
        if let lastDraw, now.timeIntervalSince(lastDraw) < 0.1 { return }
        lastDraw = now
        draw(line(done: done, total: total, elapsed: now.timeIntervalSince(start)))
    }

    /// Removes the bar (before another message is written to standard error).
    package func clear() {
        guard drawn else { return }
        write("\r\u{1B}[K")
        drawn = false
        lastDraw = nil
    }

    /// Removes the bar for good.
    package func finish() { clear() }

    /// The bar's text: "import twitter  1200/5000  24%  3000/s  0:02 left".
    package func line(done: Int, total: Int?, elapsed: TimeInterval) -> String {
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var parts = [label]
        if let total, total > 0 {
            parts.append("\(done)/\(total)")
            parts.append("\(min(100, done * 100 / total))%")
        } else {
            parts.append("\(done)")
        }
        if rate > 0 { parts.append("\(Int(rate.rounded()))/s") }
        if let total, total > done, rate > 0 {
            let left = Int((Double(total - done) / rate).rounded())
            parts.append(String(format: "%d:%02d left", left / 60, left % 60))
        }
        return parts.joined(separator: "  ")
    }

    private func draw(_ text: String) {
        write("\r" + text + "\u{1B}[K")
        drawn = true
    }

    private func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
    }
}
