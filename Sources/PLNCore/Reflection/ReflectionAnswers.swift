/// Reads the answers of a reflection written ahead of time (`pln reflect gibbs --answers FILE`).
///
/// Two shapes, told apart by the first character: a JSON object mapping stage names (or
/// titles) to text, or Markdown with one `## Stage` section per stage — the same shape pln
/// writes into a reflection's body, so a saved reflection's text can be fed back in. Stages are
/// matched loosely (`Action plan` is `action-plan`); an unknown or repeated stage is an error
/// with the file and line; an empty section counts as skipped.
package enum ReflectionAnswers {
    /// The answers in `text`, in the framework's stage order, empty ones left out.
    package static func parse(_ text: String, file: String, framework: Framework) throws(PLNError) -> [StageAnswer] {
        let found: [String: String]
        if text.drop(while: \.isWhitespace).first == "{" {
            found = try parseJSON(text, file: file, framework: framework)
        } else {
            found = try parseMarkdown(text, file: file, framework: framework)
        }
        return framework.stages.compactMap { stage in
            guard let body = found[stage.name], !body.isEmpty else { return nil }
            return StageAnswer(stage: stage.name, body: body)
        }
    }

    private static func unknown(_ label: String, _ framework: Framework) -> String {
        "unknown stage '\(label)' (\(framework.name) has \(framework.stageList))"
    }

    private static func parseJSON(_ text: String, file: String, framework: Framework) throws(PLNError) -> [String: String] {
        let value: JSONValue
        do {
            value = try JSONParser.parse(text)
        } catch {
            throw .malformedInput(file: file, line: error.line, message: error.message)
        }
        guard case .object(let members) = value else {
            throw .malformedInput(file: file, line: nil, message: "expected a JSON object of stage: answer")
        }
        var found: [String: String] = [:]
        for (label, answer) in members {
            guard let stage = framework.stage(named: label) else {
                throw .malformedInput(file: file, line: nil, message: unknown(label, framework))
            }
            guard found[stage.name] == nil else {
                throw .malformedInput(file: file, line: nil, message: "stage '\(stage.name)' is answered twice")
            }
            switch answer {
            case .null: found[stage.name] = ""
            case .string(let body): found[stage.name] = Capture.trimmed(body)
            default: throw .malformedInput(file: file, line: nil, message: "the answer to '\(label)' must be a string")
            }
        }
        return found
    }

    private static func parseMarkdown(_ text: String, file: String, framework: Framework) throws(PLNError) -> [String: String] {
        var found: [String: String] = [:]
        var current: String?
        var lines: [Substring] = []
        var fence: Substring?
        func close() {
            if let current { found[current] = Capture.trimmed(lines.joined(separator: "\n")) }
            lines.removeAll()
        }
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let number = index + 1
            let trimmed = line.drop(while: { $0 == " " })
            // Headings inside a fenced code block are the answer's own text.
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                let marker = trimmed.prefix(3)
                if fence == nil { fence = marker } else if fence == marker { fence = nil }
            }
            if fence == nil, line.hasPrefix("## ") {
                let label = line.dropFirst(3).trimmingWhitespace()
                guard let stage = framework.stage(named: label) else {
                    throw .malformedInput(file: file, line: number, message: unknown(label, framework))
                }
                guard found[stage.name] == nil, current != stage.name else {
                    throw .malformedInput(file: file, line: number, message: "stage '\(stage.name)' appears twice")
                }
                close()
                current = stage.name
                continue
            }
            if current == nil {
                // A title line and blank lines may come before the first stage.
                if line.allSatisfy(\.isWhitespace) || (line.hasPrefix("# ") && fence == nil) { continue }
                throw .malformedInput(
                    file: file, line: number,
                    message: "text before the first '## STAGE' heading (\(framework.name) has \(framework.stageList))")
            }
            lines.append(line)
        }
        close()
        return found
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
