import Foundation
import PLNCore

/// Walks a user through a framework's stages at the terminal, one prompt per stage.
///
/// Each stage shows its title and guiding questions; the answer may run over several lines
/// and ends at an empty line. A line holding only `/skip`, `/back`, `/done` or `/abort` moves
/// through the stages instead; Ctrl-C or Ctrl-D abandons the reflection. Nothing is written
/// here: the caller saves what `run` returns, so an abandoned reflection leaves no trace.
package final class GuidedReflection {
    /// How the walk ended.
    package enum Outcome: Equatable {
        /// The answers in stage order, and the follow-up typed at the end (nil for none).
        case finished(answers: [StageAnswer], followUp: String?)
        /// Ctrl-C, Ctrl-D, /abort, or nothing answered: nothing is to be saved.
        case aborted
    }

    private let framework: Framework
    private let reader: any LineReading
    private let output: OutputSink
    private let style: Style
    /// Checks a follow-up typed at the end; returns an error message, nil when it is good.
    /// Nil: no follow-up is asked for.
    private let checkFollowUp: ((String) -> String?)?

    package init(framework: Framework, reader: any LineReading, output: OutputSink, style: Style,
                 checkFollowUp: ((String) -> String?)?) {
        self.framework = framework
        self.reader = reader
        self.output = output
        self.style = style
        self.checkFollowUp = checkFollowUp
    }

    package func run() -> Outcome {
        let count = framework.stages.count
        say(style.paint(TerminalText.sanitize(framework.title, keepNewlines: false), .bold)
            + " — \(count) \(count == 1 ? "stage" : "stages")")
        say(style.paint("An empty line ends an answer. /skip, /back, /done and /abort (or Ctrl-C) move through the stages.", .dim))
        var answers: [String: String] = [:]
        var index = 0
        stages: while index < count {
            let stage = framework.stages[index]
            showStage(stage, number: index + 1, previous: answers[stage.name])
            var lines: [String] = []
            while true {
                switch reader.read(prompt: lines.isEmpty ? "> " : ". ") {
                case .interrupted, .end:
                    return abandon()
                case .invalid(let message):
                    say("error: " + message)
                case .line(let line):
                    let command = line.trimmingCharacters(in: .whitespaces)
                    switch command {
                    case "/abort":
                        return abandon()
                    case "/skip":
                        if stage.required {
                            say(style.paint("\(stage.title) is required: answer it, or /abort.", .yellow))
                            continue
                        }
                        answers[stage.name] = nil
                        index += 1
                        continue stages
                    case "/back":
                        keep(lines, for: stage, in: &answers)
                        if index == 0 {
                            say(style.paint("This is the first stage.", .yellow))
                            continue stages
                        }
                        index -= 1
                        continue stages
                    case "/done":
                        keep(lines, for: stage, in: &answers)
                        if let missing = firstMissing(answers) {
                            say(style.paint("\(missing.title) is required before the reflection can be saved.", .yellow))
                            index = framework.stages.firstIndex(of: missing) ?? index
                            continue stages
                        }
                        break stages
                    case "":
                        if lines.isEmpty {
                            if answers[stage.name] != nil {
                                index += 1  // kept the earlier answer
                                continue stages
                            }
                            if stage.required {
                                say(style.paint("\(stage.title) is required: answer it, or /abort.", .yellow))
                                continue
                            }
                            index += 1  // an optional stage left empty is skipped
                            continue stages
                        }
                        keep(lines, for: stage, in: &answers)
                        index += 1
                        continue stages
                    default:
                        lines.append(line)
                    }
                }
            }
        }
        let list = framework.stages.compactMap { stage in answers[stage.name].map { StageAnswer(stage: stage.name, body: $0) } }
        guard !list.isEmpty else { return abandon("Every stage was skipped.") }
        var followUp: String?
        if let checkFollowUp, let stage = ReflectionDraft.followUpStage(of: framework, answers: list) {
            say("")
            say(style.paint("Follow-up (" + TerminalText.sanitize(stage.title, keepNewlines: false) + ")", .bold)
                + ": when should pln ask how it went? 3d, 2w, 1m or a date; an empty line for none.")
            asking: while true {
                switch reader.read(prompt: "follow up> ") {
                case .interrupted, .end:
                    return abandon()
                case .invalid(let message):
                    say("error: " + message)
                case .line(let line):
                    let text = line.trimmingCharacters(in: .whitespaces)
                    if text == "/abort" { return abandon() }
                    if text.isEmpty { break asking }
                    if let problem = checkFollowUp(text) {
                        say(style.paint(problem, .yellow))
                        continue
                    }
                    followUp = text
                    break asking
                }
            }
        }
        return .finished(answers: list, followUp: followUp)
    }

    private func keep(_ lines: [String], for stage: Framework.Stage, in answers: inout [String: String]) {
        let text = Capture.trimmed(lines.joined(separator: "\n"))
        if !text.isEmpty { answers[stage.name] = text }
    }

    private func firstMissing(_ answers: [String: String]) -> Framework.Stage? {
        framework.stages.first { $0.required && answers[$0.name] == nil }
    }

    private func showStage(_ stage: Framework.Stage, number: Int, previous: String?) {
        say("")
        var heading = "[\(number)/\(framework.stages.count)] " + TerminalText.sanitize(stage.title, keepNewlines: false)
        if !stage.required { heading += style.enabled ? "" : " (optional)" }
        say(style.paint(heading, .bold) + (stage.required || !style.enabled ? "" : style.paint(" (optional)", .dim)))
        for question in stage.questions {
            say("  " + style.paint(TerminalText.sanitize(question, keepNewlines: false), .cyan))
        }
        if let previous {
            say(style.paint("Your answer so far (an empty line keeps it, new text replaces it):", .dim))
            for line in previous.split(separator: "\n", omittingEmptySubsequences: false) {
                say("  " + TerminalText.sanitize(String(line), keepNewlines: false))
            }
        }
    }

    /// Ends the walk with nothing to save; the caller says so (as an interrupted command does).
    private func abandon(_ message: String? = nil) -> Outcome {
        say("")
        if let message { say(style.paint(message, .yellow)) }
        return .aborted
    }

    private func say(_ line: String) {
        output.line(line)
        output.flush()
    }
}
