import Foundation

/// Terminal colour, on only when it should be: a terminal, no `NO_COLOR`, not `TERM=dumb`.
package struct Style: Sendable {
    package var enabled: Bool

    package init(enabled: Bool) { self.enabled = enabled }

    /// Colour for a descriptor, honouring `--color` (`always`, `never`, `auto`) and `NO_COLOR`.
    package static func forDescriptor(_ fd: Int32, mode: String = "auto",
                                      environment: [String: String] = ProcessEnvironment.values) -> Style {
        switch mode {
        case "always": return Style(enabled: true)
        case "never": return Style(enabled: false)
        default:
            if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return Style(enabled: false) }
            if environment["TERM"] == "dumb" { return Style(enabled: false) }
            return Style(enabled: isatty(fd) == 1)
        }
    }

    package enum Tone: String, Sendable {
        case dim = "2"
        case bold = "1"
        case red = "31"
        case green = "32"
        case yellow = "33"
        case blue = "34"
        case magenta = "35"
        case cyan = "36"
        case highlight = "1;33"
    }

    package func paint(_ text: String, _ tone: Tone) -> String {
        enabled ? "\u{1B}[\(tone.rawValue)m\(text)\u{1B}[0m" : text
    }
}
