import Foundation

/// The heatmap as an SVG picture: one square per day, a column per week, Monday on top.
///
/// Self-contained (no scripts, no external fonts or styles) so it can be opened, printed or
/// embedded anywhere; each square carries its date and count in a `<title>` tooltip.
package enum HeatmapSVG {
    static let cell = 11, gap = 3, left = 30, top = 20
    /// Fill colours of levels 0...4.
    static let fills = ["#ebedf0", "#c6e48b", "#7bc96f", "#239a3b", "#196127"]

    /// The SVG document for `heatmap`.
    package static func document(_ heatmap: Heatmap) -> String {
        let gridStart = heatmap.first.startOfWeek
        let weeks = heatmap.first <= heatmap.last ? Int((heatmap.last.number - gridStart.number) / 7) + 1 : 0
        let step = cell + gap
        let width = left + weeks * step + gap, height = top + 7 * step + 24
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" \
            font-family="sans-serif" font-size="9" fill="#57606a">
            <title>Entries per day, \(heatmap.first) to \(heatmap.last): \(heatmap.total) in all</title>

            """
        for (row, name) in LocalDay.weekdayNames.enumerated() where row % 2 == 0 {
            out += "<text x=\"0\" y=\"\(top + row * step + cell - 2)\">\(name)</text>\n"
        }
        for day in heatmap.days where day.day == 1 {
            let week = Int((day.number - gridStart.number) / 7)
            out += "<text x=\"\(left + week * step)\" y=\"\(top - 6)\">\(LocalDay.monthNames[day.month - 1])</text>\n"
        }
        for day in heatmap.days {
            let week = Int((day.number - gridStart.number) / 7)
            let count = heatmap.count(on: day)
            let x = left + week * step, y = top + (day.isoWeekday - 1) * step
            out += "<rect x=\"\(x)\" y=\"\(y)\" width=\"\(cell)\" height=\"\(cell)\" rx=\"2\" "
                + "fill=\"\(fills[heatmap.level(on: day)])\" data-date=\"\(day)\" data-count=\"\(count)\">"
                + "<title>\(day): \(count) \(count == 1 ? "entry" : "entries")</title></rect>\n"
        }
        out += "<text x=\"\(left)\" y=\"\(top + 7 * step + 14)\">\(heatmap.first) – \(heatmap.last)</text>\n"
        out += "</svg>\n"
        return out
    }

    /// Writes `text` to `path` as a private file (0600), replacing it whole: a temporary file
    /// beside it is renamed over it, so a reader never sees half a picture.
    package static func write(_ text: String, to path: String) throws(PLNError) {
        let folder = (path as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        var ok = fchmod(fd, 0o600) == 0
        var bytes = Array(text.utf8)
        var offset = 0
        while ok, offset < bytes.count {
            let written = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                ok = false
            } else {
                offset += written
            }
        }
        let reason = String(cString: strerror(errno))
        if close(fd) != 0 { ok = false }
        guard ok, rename(temporary, path) == 0 else {
            let message = ok ? String(cString: strerror(errno)) : reason
            unlink(temporary)
            throw .io(path: path, reason: message)
        }
    }
}
