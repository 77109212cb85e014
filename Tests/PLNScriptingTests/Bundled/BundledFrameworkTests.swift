import Foundation
import Testing
import PLNCore
import PLNTestSupport
@testable import PLNScripting

/// The frameworks pln ships keep the stage keys queries use, and the prompt pool API works.
@Suite("Bundled frameworks and prompts")
struct BundledFrameworkTests {
    func host(plugin: String? = nil) throws -> ScriptHost {
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        let config = folder.path + "/config"
        try FileManager.default.createDirectory(atPath: config + "/plugins", withIntermediateDirectories: true)
        if let plugin { try plugin.write(toFile: config + "/plugins/mine.lua", atomically: true, encoding: .utf8) }
        var options = ScriptOptions()
        options.configFolder = config
        let host = try ScriptHost(store: store, options: options, output: OutputSink(fd: -1))
        let problems = host.loadPlugins()
        #expect(problems == [])
        return host
    }

    /// The keys of REFLECTION.md, in order; `*` marks the stages that carry a follow-up.
    static let expected: [String: [String]] = [
        "gibbs": ["description", "feelings", "evaluation", "analysis", "conclusion", "action-plan*"],
        "kolb": ["experience", "observation", "conceptualisation", "experimentation*"],
        "driscoll": ["what", "so-what", "now-what*"],
        "schon": ["surprise", "in-action", "on-action", "reframe*"],
        "brookfield": ["self", "learners", "colleagues", "literature"],
        "seek-sense-share": ["seek", "sense", "share"],
    ]

    @Test func everyFrameworkHasTheDocumentedStagesAndQuestions() throws {
        let host = try host()
        for (name, stages) in Self.expected {
            let framework = try #require(host.registry.prompts[name]?.framework, "\(name) is bundled")
            #expect(framework.stages.map { $0.name + ($0.action ? "*" : "") } == stages)
            #expect(framework.stages.allSatisfy { !$0.questions.isEmpty && !$0.title.isEmpty })
            #expect(framework.stages.first?.required == true)
        }
        let gibbs = try #require(host.registry.prompts["gibbs"]?.framework)
        #expect(gibbs.stages[1].questions == [
            "What were you thinking and feeling before, during and after?", "What might others have felt?"])
    }

    @Test func theBundledPromptPoolIsThereAndUsersAddToOrReplaceIt() throws {
        let bundled = try host().registry.promptPool
        #expect(bundled.count >= 20)
        #expect(Set(bundled).count == bundled.count)
        let added = try host(plugin: "pln.prompts{ 'What made you smile today?' }\n")
        #expect(added.registry.promptPool == bundled + ["What made you smile today?"])
        let replaced = try host(plugin: "pln.prompts{ 'One', 'Two', replace = true }\npln.prompts('Three')\n")
        #expect(replaced.registry.promptPool == ["One", "Two", "Three"])
    }

    @Test func aUserFrameworkOverridesABundledOneAndBadStagesAreRefused() throws {
        let host = try host(plugin: """
            pln.prompt{ name = "gibbs", title = "My Gibbs", stages = { { name = "description" } } }
            """)
        #expect(host.registry.prompts["gibbs"]?.framework.stages.map(\.name) == ["description"])
        #expect(host.registry.prompts["gibbs"]?.framework.title == "My Gibbs")
        #expect(throws: ScriptError.self) {
            try host.runCode("pln.prompt{ name = 'x', stages = { { name = 'two words' } } }")
        }
        #expect(throws: ScriptError.self) { try host.runCode("pln.prompts{ 3 }") }
    }
}
