import Foundation

/// What `pln link` and `pln unlink` point an entry at.
package enum LinkTarget: Equatable, Sendable {
    case person(String)
    case source(String)
    case entry(Int64)

    /// Parses `@handle`, `[[key]]` or `source:key`, or an entry id (`12`, `#12`).
    package init(parsing text: String) throws(PLNError) {
        if text.hasPrefix("@"), text.count > 1 {
            self = .person(String(text.dropFirst()))
        } else if text.hasPrefix("[["), text.hasSuffix("]]"), text.count > 4 {
            self = .source(String(text.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces))
        } else if text.lowercased().hasPrefix("source:"), text.count > 7 {
            self = .source(String(text.dropFirst(7)))
        } else if let id = Int64(text.hasPrefix("#") ? String(text.dropFirst()) : text), id > 0 {
            self = .entry(id)
        } else {
            throw .invalidArgument("'\(text)' is not @person, [[source]], source:KEY or an entry id")
        }
    }

    /// The roles a link to this kind of target may have, the default first.
    package var roles: [String] {
        switch self {
        case .person: ["mentioned", "learned-from", "shared-with", "met"]
        case .source: ["cited"]
        case .entry: ["follows-up", "outcome"]
        }
    }
}

extension LinkTarget {
    var kindName: String {
        switch self {
        case .person: "a person"
        case .source: "a source"
        case .entry: "an entry"
        }
    }
}
