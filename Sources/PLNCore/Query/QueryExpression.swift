import Foundation

/// The parsed form of a query: a tree of terms joined by AND, OR and NOT.
///
/// Dates are already resolved to instants (the parser holds the `DateContext`), so the tree
/// means the same thing whenever it is compiled, and `pln list`, the shell and Lua can all share
/// it. The parser flattens nested ANDs and ORs, so `a (b c)` is one `.and` of three terms.
package indirect enum QueryExpression: Sendable, Equatable {
    /// Every operand must match.
    case and([QueryExpression])
    /// At least one operand must match.
    case or([QueryExpression])
    /// The operand must not match.
    case not(QueryExpression)
    /// Full-text search in the body.
    case text(Text)
    /// Entries with this tag (compared case-insensitively by the database).
    case tag(String)
    /// Entries linked to the person with this handle (without `@`), in any role.
    case person(String)
    /// Entries citing the source with this key.
    case source(String)
    /// Entries at or after this instant.
    case since(Date)
    /// Entries strictly before this instant (an exclusive upper bound).
    case until(Date)
    /// Entries linked to a person whose field matches: `person:role=mentor`, `person:topic=ell`,
    /// `person:name=Jane` (a part of the name), `person:met=conference` (a part).
    case personField(field: String, value: String)
    /// Entries citing a source whose field matches: `source:author=Hattie`, `source:title=feedback`,
    /// `source:container=…` (parts), `source:issued=2010` (a prefix), `source:type=book`.
    case sourceField(field: String, value: String)
    /// Entries linked to someone in this role (`learned-from`, `shared-with`, `met`, `mentioned`).
    case role(String)
    /// Entries citing a source of this CSL type (`book`, `article-journal`, …).
    case sourceType(String)
    /// Entries of this kind (`note`, `reflection`, `chat`, `share`, …).
    case kind(String)
    /// Starred entries.
    case starred
    /// Entries written with this reflection framework.
    case framework(String)
    /// Structured reflections with an answer for this stage (`entry_stage`).
    case stage(String)

    /// One full-text term.
    package enum Text: Sendable, Equatable {
        /// A single free word.
        case word(String)
        /// A word typed with a trailing `*`, without the `*`.
        case prefix(String)
        /// A `"quoted phrase"`: its words in this order.
        case phrase(String)

        /// This term as an FTS5 query, always a quoted string so that FTS5 syntax typed by a
        /// user (`OR`, `NEAR(`, `col:`, `^`, unbalanced quotes) is searched for, never obeyed.
        /// A NUL becomes a space: FTS5 would take it for the end of the query and see an
        /// unterminated string.
        package var fts5: String {
            switch self {
            case .word(let text), .phrase(let text):
                Self.quoted(text)
            case .prefix(let text):
                Self.quoted(text) + " *"
            }
        }

        private static func quoted(_ text: String) -> String {
            let escaped = text
                .replacingOccurrences(of: "\"", with: "\"\"")
                .replacingOccurrences(of: "\u{0}", with: " ")
            return "\"" + escaped + "\""
        }
    }
}
