/// The tags, people, source citations and bare URLs found inline in one entry body.
///
/// Capture stores these as the entry's links, so each list is already deduplicated and in
/// first-seen order: the order the writer used is the order `show` and exports reproduce.
package struct InlineLinks: Sendable, Equatable {
    /// Tags without the leading '#', spelled as first written; later spellings that differ only
    /// in case are dropped, because tags are matched case-insensitively.
    package var tags: [String]
    /// Handles without the leading '@' ("jane", or "jane@example.social" for a fediverse
    /// handle), deduplicated case-insensitively like `tags`.
    package var people: [String]
    /// `[[key, locator]]` citations in order; a repeat of the same key (any case) and locator is dropped.
    package var sources: [SourceCitation]
    /// Bare http(s) URLs exactly as written, minus trailing punctuation; exact repeats are dropped.
    package var urls: [String]

    /// Creates a set of links; every list defaults to empty so callers and tests name only what they need.
    package init(
        tags: [String] = [],
        people: [String] = [],
        sources: [SourceCitation] = [],
        urls: [String] = []
    ) {
        self.tags = tags
        self.people = people
        self.sources = sources
        self.urls = urls
    }

    /// True when the body linked nothing, so capture can skip the link tables entirely.
    package var isEmpty: Bool {
        tags.isEmpty && people.isEmpty && sources.isEmpty && urls.isEmpty
    }
}
