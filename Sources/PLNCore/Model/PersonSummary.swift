/// One person as `pln people` and `pln person show` present them.
package struct PersonSummary: Sendable {
    package var handle: String
    package var name: String?
    package var roles: [String]
    package var topics: [String]
    package var met: String?
    package var through: String?
    package var cadenceDays: Int64?
    package var handles: [(String, String)]
    package var email: String?
    package var notes: String?
    package var entries: Int
    /// The date of the newest linked entry.
    package var last: Timestamp?
    package var created: String
}
