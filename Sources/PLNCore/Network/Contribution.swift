/// How much one person or source contributed to entries on a topic (`pln who`).
package struct Contribution: Sendable, Equatable {
    /// "@jane" or "[[key]]".
    package var name: String
    package var isPerson: Bool
    /// Recency-weighted entry count: each entry counts 0.5^(age / half-life), twice for a
    /// person you learned from.
    package var score: Double
    package var entries: Int
    package var last: Timestamp
    /// The newest of those entries.
    package var exampleID: Int64
    package var example: String
}
