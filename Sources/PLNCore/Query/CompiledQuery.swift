import GRDB

/// A query compiled to SQL pieces that select entries aliased `e`.
///
/// Pieces rather than one statement, because each caller (list, search, count, export, the
/// shell, Lua) wants its own columns, ordering and limit:
/// `SELECT e.id FROM \(from) WHERE \(whereClause) ORDER BY …`. Every value the user typed is in
/// `arguments`, bound to the `?` placeholders of `whereClause` in order, never in the SQL text.
package struct CompiledQuery: Sendable {
    /// `entry e`, or `entry_fts JOIN entry e ON e.id = entry_fts.rowid` when full-text search
    /// drives the query.
    package var from: String
    /// A condition on `e` (and `entry_fts` when joined); `1` when there is none. Safe to wrap in
    /// parentheses and AND with more conditions.
    package var whereClause: String
    /// The values for the `?` placeholders of `whereClause`, in order.
    package var arguments: StatementArguments
    /// `pln_rank(entry_fts)` (see `SearchRank`) when the FTS table is joined, for `ORDER BY` best
    /// match first.
    package var rank: String?
    /// An SQL expression for a short excerpt of the body around the matches when the FTS table
    /// is joined; matches are wrapped in `\u{1}` … `\u{2}`, for callers to replace with their
    /// own highlighting.
    package var snippet: String?

    package init(
        from: String,
        whereClause: String,
        arguments: StatementArguments = StatementArguments(),
        rank: String? = nil,
        snippet: String? = nil
    ) {
        self.from = from
        self.whereClause = whereClause
        self.arguments = arguments
        self.rank = rank
        self.snippet = snippet
    }
}
