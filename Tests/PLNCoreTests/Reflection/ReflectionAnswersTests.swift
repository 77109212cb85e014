import Testing
@testable import PLNCore

@Suite("Reflection answers")
struct ReflectionAnswersTests {
    static let driscoll = Framework(name: "driscoll", title: "What? So what? Now what?", stages: [
        .init(name: "what", title: "What?"),
        .init(name: "so-what", title: "So what?", required: false),
        .init(name: "now-what", title: "Now what?", required: false, action: true),
    ])

    @Test func markdownSectionsMatchStageNamesAndTitlesLoosely() throws {
        let text = """
            # Tuesday's lesson

            ## What?
            Group work fell apart.

            Two groups finished early.
            ## now what
            Give roles. #ell
            """
        let answers = try ReflectionAnswers.parse(text, file: "a.md", framework: Self.driscoll)
        #expect(answers == [
            StageAnswer(stage: "what", body: "Group work fell apart.\n\nTwo groups finished early."),
            StageAnswer(stage: "now-what", body: "Give roles. #ell"),
        ])
    }

    @Test func headingsInsideCodeFencesAndDeeperHeadingsAreAnswerText() throws {
        let text = "## what\n```\n## not a stage\n```\n### Detail\nmore\n"
        let answers = try ReflectionAnswers.parse(text, file: "a.md", framework: Self.driscoll)
        #expect(answers == [StageAnswer(stage: "what", body: "```\n## not a stage\n```\n### Detail\nmore")])
    }

    @Test func jsonMapsStagesToAnswersAndEmptyOnesAreSkipped() throws {
        let answers = try ReflectionAnswers.parse(#"{"what": " It rained. ", "So what?": "", "now-what": null}"#,
                                                  file: "a.json", framework: Self.driscoll)
        #expect(answers == [StageAnswer(stage: "what", body: " It rained.")])
    }

    @Test(arguments: [
        ("## What\nx\n## Why\ny", "a.md:3: unknown stage 'Why' (driscoll has what, so-what, now-what)"),
        ("## What\nx\n## what?\ny", "a.md:3: stage 'what' appears twice"),
        ("Hello\n## What\nx", "a.md:1: text before the first '## STAGE' heading (driscoll has what, so-what, now-what)"),
        (#"{"why": "x"}"#, "a.md: unknown stage 'why' (driscoll has what, so-what, now-what)"),
        (#"{"what": 3}"#, "a.md: the answer to 'what' must be a string"),
        (#"{"what": "x""#, "a.md:1: unexpected end of JSON in object"),
    ])
    func badAnswersNameTheFileAndLine(text: String, message: String) {
        #expect {
            _ = try ReflectionAnswers.parse(text, file: "a.md", framework: Self.driscoll)
        } throws: { error in
            guard let error = error as? PLNError else { return false }
            return error.description == message
        }
    }

    @Test func aDraftNeedsItsRequiredStagesAndAnAnsweredActionStageForAFollowUp() throws {
        #expect(throws: PLNError.invalidArgument("driscoll: missing required stage what; nothing saved")) {
            try ReflectionDraft(framework: Self.driscoll, answers: [StageAnswer(stage: "so-what", body: "x")])
        }
        #expect(throws: PLNError.invalidArgument("a follow-up needs an answer to now-what; nothing saved")) {
            try ReflectionDraft(framework: Self.driscoll, answers: [StageAnswer(stage: "what", body: "x")],
                                followUp: FollowUp(stage: "now-what", due: "2026-12-01"))
        }
        let draft = try ReflectionDraft(framework: Self.driscoll, answers: [
            StageAnswer(stage: "now-what", body: "Roles with @sam"), StageAnswer(stage: "what", body: "Chaos #groupwork"),
        ])
        #expect(draft.answers.map(\.stage) == ["what", "now-what"])
        #expect(draft.body == "## What?\n\nChaos #groupwork\n\n## Now what?\n\nRoles with @sam")
        let entry = draft.entryDraft(timestamp: Timestamp(seconds: 0, utcOffset: 0))
        #expect(entry.kind == "reflection")
        #expect(entry.framework == "driscoll")
        #expect(entry.tags == ["groupwork"])
        #expect(entry.people.map(\.handle) == ["sam"])
        // The body pln writes reads back as the same answers.
        #expect(try ReflectionAnswers.parse(draft.body, file: "x", framework: Self.driscoll) == draft.answers)
    }
}
