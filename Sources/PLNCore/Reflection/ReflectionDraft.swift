/// A structured reflection about to be saved: the framework, the answers, and a follow-up.
///
/// The entry's body holds the answers as Markdown sections (`## Title` and the text), so
/// full-text search, inline `#tags`, `@people` and `[[sources]]`, `pln show` and every export
/// see them like any entry's text; `entry_stage` holds the same answers by stage key for
/// `stage:` queries and `--missing`.
package struct ReflectionDraft: Sendable {
    package var framework: Framework
    /// Answered stages, in the framework's order.
    package var answers: [StageAnswer]
    package var followUp: FollowUp?

    /// Checks the answers: every required stage answered, every stage the framework's.
    /// - Throws: `invalidArgument` naming the missing required stages.
    package init(framework: Framework, answers: [StageAnswer], followUp: FollowUp? = nil) throws(PLNError) {
        let given = Dictionary(answers.map { ($0.stage, $0.body) }, uniquingKeysWith: { $1 })
        let missing = framework.stages.filter { $0.required && (given[$0.name] ?? "").isEmpty }.map(\.name)
        if !missing.isEmpty {
            let noun = missing.count == 1 ? "stage" : "stages"
            throw .invalidArgument("\(framework.name): missing required \(noun) \(missing.joined(separator: ", ")); nothing saved")
        }
        if let unknown = answers.first(where: { answer in !framework.stages.contains { $0.name == answer.stage } }) {
            throw .invalidArgument("\(framework.name) has no stage '\(unknown.stage)' (stages: \(framework.stageList))")
        }
        self.framework = framework
        self.answers = framework.stages.compactMap { stage in
            guard let body = given[stage.name], !body.isEmpty else { return nil }
            return StageAnswer(stage: stage.name, body: body)
        }
        if let followUp {
            guard let stage = framework.stages.first(where: { $0.name == followUp.stage }), stage.action else {
                throw .invalidArgument("\(framework.name): stage '\(followUp.stage)' is not an action stage and cannot carry a follow-up")
            }
            guard given[stage.name].map({ !$0.isEmpty }) == true else {
                throw .invalidArgument("a follow-up needs an answer to \(stage.name); nothing saved")
            }
        }
        self.followUp = followUp
        guard !self.answers.isEmpty else {
            throw .invalidArgument("\(framework.name): every stage was skipped; nothing saved")
        }
    }

    /// The action stage a follow-up goes on: the first answered one.
    package static func followUpStage(of framework: Framework, answers: [StageAnswer]) -> Framework.Stage? {
        framework.actionStages.first { stage in answers.contains { $0.stage == stage.name && !$0.body.isEmpty } }
    }

    /// The Markdown body: one `## Title` section per answered stage.
    package var body: String {
        answers.map { answer in
            let title = framework.stages.first { $0.name == answer.stage }?.title ?? answer.stage
            return "## \(title)\n\n\(answer.body)"
        }.joined(separator: "\n\n")
    }

    /// The entry to save: kind `reflection`, the framework, links from the whole body.
    package func entryDraft(timestamp: Timestamp) -> EntryDraft {
        var draft = EntryDraft(parsing: body, timestamp: timestamp, kind: "reflection")
        draft.framework = framework.name
        return draft
    }
}
