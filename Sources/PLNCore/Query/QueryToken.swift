/// One lexical unit of a query string, with the 1-based column where it starts.
///
/// The lexer settles everything about characters (quotes, `#`, `@`, `key:` prefixes, where a
/// word ends) so the parser deals only in terms and operators, and every syntax error can
/// still name the column the user typed.
package struct QueryToken: Sendable, Equatable {
    /// What the token is.
    package enum Kind: Sendable, Equatable {
        /// A bare word, exactly as typed (a trailing `*` is still part of it).
        case word(String)
        /// A `"quoted phrase"`, without its quotes.
        case phrase(String)
        /// `#name`, without the `#`; empty when nothing followed the `#`.
        case tag(String)
        /// `@handle`, without the `@`; empty when nothing followed the `@`.
        case person(String)
        /// `key:value` for a reserved key; the value is unquoted and may be empty.
        case field(Key, value: String, valueColumn: Int)
        /// The `AND` keyword (upper case only).
        case and
        /// The `OR` keyword (upper case only).
        case or
        /// The `NOT` keyword (upper case only).
        case not
        /// A `-` that negates the term or group right after it.
        case minus
        /// `(`.
        case open
        /// `)`.
        case close
    }

    /// The reserved `key:` prefixes; any other `word:` is free text.
    ///
    /// Kept in one place so the lexer, the parser and error messages agree on the list.
    package enum Key: String, Sendable, CaseIterable {
        case since, until, on, kind, `is`, tag, person, source, role, type, framework, stage
    }

    package var kind: Kind
    /// 1-based column (in characters) of the token's first character.
    package var column: Int

    package init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
    }
}
