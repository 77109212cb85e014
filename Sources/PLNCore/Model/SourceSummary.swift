/// One source as `pln sources` and `pln source show` present it.
package struct SourceSummary: Sendable {
    package var record: SourceRecord
    /// Created from an inline `[[key]]` and not filled in yet.
    package var stub: Bool
    package var entries: Int
    package var last: Timestamp?
}
