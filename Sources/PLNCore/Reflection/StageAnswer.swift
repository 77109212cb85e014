/// One answered stage of a structured reflection, as stored in `entry_stage`.
package struct StageAnswer: Sendable, Equatable, Hashable {
    /// The stage's key (`description`, `action-plan`).
    package var stage: String
    package var body: String

    package init(stage: String, body: String) {
        self.stage = stage
        self.body = body
    }
}
