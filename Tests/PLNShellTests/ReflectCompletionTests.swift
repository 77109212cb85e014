import Foundation
import PLNCore
import PLNTestSupport
import Testing
@testable import PLNShell

/// Tab after `/reflect`, `framework:` and `stage:` offers frameworks and stages.
@Suite("Completion of frameworks and stages")
struct ReflectCompletionTests {
    @Test func frameworksAndStagesComeFromTheBundleAndTheJournal() throws {
        let folder = TemporaryFolder()
        let store = try JournalStore(path: folder.path + "/journal.db")
        let mine = Framework(name: "plus-delta", title: "Plus / delta", stages: [
            .init(name: "plus", title: "Plus"), .init(name: "delta", title: "Delta", required: false, action: true)])
        for answers in [[StageAnswer(stage: "plus", body: "a")], [StageAnswer(stage: "plus", body: "b"), StageAnswer(stage: "delta", body: "c")]] {
            let draft = try ReflectionDraft(framework: mine, answers: answers)
            try store.write { db in _ = try JournalStore.addReflection(draft, timestamp: Timestamp(seconds: 0, utcOffset: 0), in: db) }
        }
        let names = JournalNames(store: store)
        #expect(names.frameworks(prefix: "") == ["brookfield", "driscoll", "gibbs", "kolb", "plus-delta", "schon", "seek-sense-share"])
        #expect(names.frameworks(prefix: "p") == ["plus-delta"])
        #expect(names.stages(prefix: "") == ["delta", "plus"])
        #expect(names.stages(prefix: "plus") == ["plus"])
        #expect(names.stages(prefix: "x") == [])
        let completer = Completer(commands: [
            CommandInfo(name: "reflect", abstract: "", flags: ["--answers"], values: ["--answers": []]),
            CommandInfo(name: "list", abstract: "", takesQuery: true),
        ], names: names)
        #expect(completer.candidates(line: "/reflect g", word: "g") == ["gibbs"])
        #expect(completer.candidates(line: "/reflect --a", word: "--a") == ["--answers"])
        #expect(completer.candidates(line: "/list framework:s", word: "framework:s") == ["framework:schon", "framework:seek-sense-share"])
        #expect(completer.candidates(line: "/list -stage:d", word: "-stage:d") == ["-stage:delta"])
    }
}
