/// A follow-up on an action-plan stage: due on a local day until an outcome entry answers it.
package struct FollowUp: Sendable, Equatable, Hashable {
    /// The action stage it follows up.
    package var stage: String
    /// The local day it is due, `YYYY-MM-DD`.
    package var due: String
    /// The entry that recorded the outcome; nil while the follow-up is open.
    package var outcomeID: Int64?
    /// The outcome entry's UUID, for export and import.
    package var outcomeUUID: String?

    package init(stage: String, due: String, outcomeID: Int64? = nil, outcomeUUID: String? = nil) {
        self.stage = stage
        self.due = due
        self.outcomeID = outcomeID
        self.outcomeUUID = outcomeUUID
    }

    /// Whether an outcome closed it.
    package var isOpen: Bool { outcomeID == nil }
}
