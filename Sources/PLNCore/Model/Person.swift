/// Someone in the learning network.
package struct Person: Sendable, Equatable {
    package var id: Int64
    package var uuid: String
    /// Without the leading '@'.
    package var handle: String
    package var name: String?
    /// Serialised JSON arrays/objects, kept as stored so round trips lose nothing.
    package var roles: String?
    package var topics: String?
    package var handles: String?
    package var email: String?
    package var met: String?
    /// Handle of the person who introduced them.
    package var through: String?
    package var cadenceDays: Int64?
    package var notes: String?
    package var created: String
}
