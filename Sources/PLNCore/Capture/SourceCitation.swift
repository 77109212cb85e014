/// One `[[key]]` or `[[key, locator]]` citation of a source inside an entry body.
///
/// The key names the source; the locator ("p. 38", "12:30") says where in it, and is kept as
/// free text because page numbers, timestamps and chapter names have no common shape.
package struct SourceCitation: Sendable, Equatable, Hashable {
    /// The source key as written (already trimmed), e.g. "hattie2009".
    package var key: String
    /// The trimmed text after the first ',', or "" when the citation has no locator.
    package var locator: String

    /// Creates a citation; `locator` defaults to "" (no locator).
    package init(key: String, locator: String = "") {
        self.key = key
        self.locator = locator
    }
}
