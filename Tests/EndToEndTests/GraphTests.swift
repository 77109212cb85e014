import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln graph` in its three formats.
@Suite("Graph")
struct GraphTests {
    func journal() -> PlnRunner {
        let pln = PlnRunner()
        pln.add("Exit tickets with @jane #assessment [[wiliam2011]]")
        pln.add("Hinge questions from @jane #assessment")
        pln.add("Say \"hello\" to @omar #ell")
        return pln
    }

    @Test func jsonNodesAndWeightedEdges() throws {
        let pln = journal()
        let json = try JSONParser.parse(pln.run(["graph", "--format", "json"]).stdout)
        let nodes = json["nodes"]?.arrayValue ?? []
        #expect(nodes.count == 5)
        #expect(nodes.first?["id"] == .string("#assessment"))
        #expect(nodes.first?["entries"] == .number(2))
        let edges = json["edges"]?.arrayValue ?? []
        #expect(edges.first?["weight"] == .number(2))
        #expect(Set([edges.first?["source"], edges.first?["target"]].compactMap { $0?.stringValue }) == ["#assessment", "@jane"])
        #expect(edges.count == 4)
        let limited = try JSONParser.parse(pln.run(["graph", "--format", "json", "-n", "2"]).stdout)
        #expect(limited["nodes"]?.arrayValue?.count == 2)
        let filtered = try JSONParser.parse(pln.run(["graph", "--format", "json", "#ell"]).stdout)
        #expect(filtered["nodes"]?.arrayValue?.count == 2)
    }

    @Test func dotAndMermaidAreWellFormed() {
        let pln = journal()
        let dot = pln.run(["graph"]).stdout
        #expect(dot.hasPrefix("graph pln {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.contains("\"@jane\" [shape=ellipse, label=\"@jane (2)\"];"))
        #expect(dot.contains("\"[[wiliam2011]]\" [shape=box"))
        #expect(dot.filter { $0 == "\"" }.count % 2 == 0)
        let mermaid = pln.run(["graph", "--format", "mermaid"]).stdout
        #expect(mermaid.hasPrefix("graph LR\n"))
        #expect(mermaid.contains("---|2|"))
        #expect(pln.run(["graph", "--format", "svg"]).status == 2)
    }
}
