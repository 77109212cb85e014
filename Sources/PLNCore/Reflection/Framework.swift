/// A reflection framework: named stages, each with guiding questions.
///
/// PLNCore's view of what `pln.prompt{}` registers, so that parsing answers, checking required
/// stages and saving need no Lua. The stage names are stable keys (`stage:action-plan`,
/// `--missing action-plan`); titles are what users read and what the entry body's headings say.
package struct Framework: Sendable, Equatable {
    package var name: String
    package var title: String
    package var stages: [Stage]

    /// One stage of a framework.
    package struct Stage: Sendable, Equatable {
        package var name: String
        package var title: String
        package var questions: [String]
        package var required: Bool
        /// An action-plan stage, which can carry a follow-up.
        package var action: Bool

        package init(name: String, title: String, questions: [String] = [], required: Bool = true, action: Bool = false) {
            self.name = name
            self.title = title
            self.questions = questions
            self.required = required
            self.action = action
        }
    }

    package init(name: String, title: String, stages: [Stage]) {
        self.name = name
        self.title = title
        self.stages = stages
    }

    /// The stage whose name or title is `label`, compared loosely: case, spaces, '-' and '_'
    /// do not matter, so "Action plan", "action-plan" and "ACTION_PLAN" are one stage.
    package func stage(named label: String) -> Stage? {
        let key = Self.key(label)
        return stages.first { Self.key($0.name) == key } ?? stages.first { Self.key($0.title) == key }
    }

    /// The stages that can carry a follow-up.
    package var actionStages: [Stage] { stages.filter(\.action) }

    /// The stage names, for messages.
    package var stageList: String { stages.map(\.name).joined(separator: ", ") }

    static func key(_ label: String) -> String {
        String(label.lowercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "_" })
    }
}
