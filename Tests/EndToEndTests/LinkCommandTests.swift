import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// `pln link` and `pln unlink`, and links that survive editing the text.
@Suite("Links")
struct LinkCommandTests {
    func entry(_ pln: PlnRunner, _ id: Int) throws -> JSONValue {
        try JSONParser.parse(pln.run(["show", String(id), "--format", "json"]).stdout)
    }

    @Test func linkPeopleSourcesAndEntriesWithRoles() throws {
        let pln = PlnRunner()
        pln.add("Tried exit tickets #assessment")
        pln.add("Exit tickets, second try")
        let person = pln.run(["link", "1", "@jane", "--as", "learned-from"])
        #expect(person.status == 0)
        #expect(person.stderr == "pln: new person @jane\n")
        #expect(pln.run(["link", "1", "[[wiliam2011]]", "--at", "p. 12"]).status == 0)
        #expect(pln.run(["link", "2", "#1", "--as", "follows-up"]).status == 0)
        let first = try entry(pln, 1)
        #expect(first["people"] == .array([.object([("handle", .string("@jane")), ("role", .string("learned-from"))])]))
        #expect(first["sources"] == .array([.object([("key", .string("wiliam2011")), ("locator", .string("p. 12"))])]))
        #expect(try entry(pln, 2)["links"]?.arrayValue?.first?["role"] == .string("follows-up"))
        let shown = pln.run(["show", "1"]).stdout
        #expect(shown.contains("learned-from  @jane"))
        #expect(shown.contains("linked from   entry 2 (follows-up)"))
        #expect(pln.run(["count", "@jane"]).stdout == "1\n")
    }

    @Test func roleAndSourceTypeQueryTerms() {
        let pln = PlnRunner()
        pln.add("From @jane [[book1]]")
        pln.add("With @omar [[paper1]]")
        pln.run(["link", "1", "@jane", "--as", "learned-from"])
        pln.run(["source", "edit", "book1", "--type", "book"])
        pln.run(["source", "edit", "paper1", "--type", "article-journal"])
        #expect(pln.run(["count", "role:learned-from"]).stdout == "1\n")
        #expect(pln.run(["count", "role:mentioned"]).stdout == "2\n")
        #expect(pln.run(["list", "--format", "jsonl", "type:article-journal"]).lines.count == 1)
        #expect(pln.run(["count", "-type:book"]).stdout == "1\n")
        #expect(pln.run(["count", "role:"]).status == 1)
    }

    @Test func personAndSourceFieldTerms() {
        let pln = PlnRunner()
        pln.run(["person", "add", "@jane", "--role", "mentor", "--topic", "ell", "--name", "Jane Doe"])
        pln.run(["person", "add", "@omar", "--role", "colleague"])
        pln.add("With @jane [[hattie2009]]")
        pln.add("With @omar [[black1998]]")
        pln.run(["source", "edit", "hattie2009", "--type", "book", "--author", "Hattie, John", "--issued", "2009"])
        pln.run(["source", "edit", "black1998", "--type", "article-journal", "--author", "Black, Paul", "--issued", "1998-10"])
        #expect(pln.run(["count", "person:role=mentor"]).stdout == "1\n")
        #expect(pln.run(["count", "person:topic=ELL"]).stdout == "1\n")
        #expect(pln.run(["count", "person:name=doe"]).stdout == "1\n")
        #expect(pln.run(["count", "source:author=black"]).stdout == "1\n")
        #expect(pln.run(["count", "source:issued=1998"]).stdout == "1\n")
        #expect(pln.run(["count", "source:type=book OR person:role=colleague"]).stdout == "2\n")
        let bad = pln.run(["count", "person:shoe=12"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("person:FIELD=VALUE"))
    }

    @Test func peopleRecommendSources() {
        let pln = PlnRunner()
        pln.add("Reading [[hattie2009]]")
        let linked = pln.run(["link", "@jane", "[[hattie2009]]"])
        #expect(linked.status == 0, "\(linked.stderr)")
        #expect(linked.stderr == "pln: new person @jane\n")
        #expect(pln.run(["link", "@hattie", "source:hattie2009", "--as", "authored"]).status == 0)
        let shown = pln.run(["source", "show", "hattie2009"]).stdout
        #expect(shown.contains("recommended  @jane"))
        #expect(shown.contains("authored     @hattie"))
        #expect(pln.run(["link", "@jane", "[[hattie2009]]", "--as", "liked"]).status == 1)
        #expect(pln.run(["unlink", "@jane", "[[hattie2009]]"]).status == 0)
        #expect(pln.run(["unlink", "@jane", "[[hattie2009]]"]).status == 1)
        #expect(pln.run(["link", "@jane", "@omar"]).status == 2)
    }

    @Test func badTargetsAndRolesAreNamed() {
        let pln = PlnRunner()
        pln.add("one")
        let role = pln.run(["link", "1", "@jane", "--as", "lerned-from"])
        #expect(role.status == 1)
        #expect(role.stderr.contains("did you mean 'learned-from'?"))
        #expect(pln.run(["link", "1", "jane"]).status == 1)
        #expect(pln.run(["link", "1", "99"]).stderr == "pln: no entry with id 99\n")
        #expect(pln.run(["link", "1", "1"]).status == 1)
        #expect(pln.run(["link", "1", "@jane", "--at", "p. 3"]).status == 1)
        #expect(pln.run(["count", "@jane"]).stdout == "0\n")
    }

    @Test func unlinkRemovesOnlyWhatItNames() throws {
        let pln = PlnRunner()
        pln.add("Talked with @jane about [[hattie2009, ch. 2]]")
        #expect(pln.run(["link", "1", "@jane", "--as", "learned-from"]).status == 0)
        #expect(pln.run(["unlink", "1", "@jane", "--as", "learned-from"]).status == 0)
        #expect(try entry(pln, 1)["people"]?.arrayValue?.count == 1)
        #expect(pln.run(["unlink", "1", "source:hattie2009", "--at", "ch. 9"]).status == 1)
        #expect(pln.run(["unlink", "1", "source:hattie2009"]).status == 0)
        #expect(try entry(pln, 1)["sources"]?.arrayValue?.isEmpty == true)
        let again = pln.run(["unlink", "1", "source:hattie2009"])
        #expect(again.status == 1)
        #expect(again.stderr == "pln: entry 1 has no such link\n")
    }

    @Test func editingTheTextKeepsLinksMadeOtherwise() throws {
        let pln = PlnRunner()
        pln.add("Draft #draft with @sam [[k1]]")
        #expect(pln.run(["link", "1", "[[extra]]"]).status == 0)
        #expect(pln.run(["link", "1", "@ana", "--as", "met"]).status == 0)
        let script = pln.folder.write("tag.lua", "pln.update(1, { tags = { 'kept' } })\n")
        #expect(pln.run(["run", script]).status == 0)
        #expect(pln.run(["edit", "1", "--text", "Final #final with @kim"]).status == 0)
        let e = try entry(pln, 1)
        #expect(Set(e["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []) == ["kept", "final"])
        let handles = Set(e["people"]?.arrayValue?.compactMap { $0["handle"]?.stringValue } ?? [])
        #expect(handles == ["@ana", "@kim"])
        #expect(e["sources"]?.arrayValue?.compactMap { $0["key"]?.stringValue } == ["extra"])
    }
}
