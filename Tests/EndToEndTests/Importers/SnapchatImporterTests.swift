import Foundation
import PLNCore
import PLNTestSupport
import Testing

/// The bundled `snapchat` importer: json/chat_history.json from Snapchat's "My Data".
///
/// Fixtures/snapchat/chat_history.json has today's shape (conversations keyed by friend or by a
/// group's UUID; text, media and erased messages; "Created(microseconds)" in milliseconds and in
/// microseconds; a message with only the latter); chat_history_2021.json the shape of exports up
/// to 2022 (received and sent lists, HTML entities). mydata.zip holds chat_history.json under
/// json/ and comes from `python3 make.py` in that folder.
@Suite("Importing Snapchat chats")
struct SnapchatImporterTests {
    static let current = ImportedJournal.fixture("snapchat/chat_history.json")
    static let older = ImportedJournal.fixture("snapchat/chat_history_2021.json")

    static let entries = [
        // A group: who wrote is the person, the group's name a field; what you sent names no one.
        "2022-07-23T18:13:20+00:00 | chat | Staff room at 3? Bring the exit tickets |  | @jonas_w | ",
        "2022-07-23T18:14:00+00:00 | chat | On my way |  |  | ",
        // One to one: the friend, whoever wrote; you (IsSender) are never a person.
        "2022-07-22T19:28:21+00:00 | chat | Did the think-pair-share work? 🤔 #ELL | #ell | @ana_lopez | ",
        "2022-07-22T19:30:02+00:00 | chat | Yes!\nEven the quiet ones talked. Notes: https://example.org/tps. |  | @ana_lopez | [[example.org/tps]]",
    ]

    @Test func textMessagesBecomeChatsWithTheFriend() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.current])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 4 entries, 2 people, 1 source, 4 links from chat_history.json with snapchat; skipped 2 (not text: 2)\n")
        let journal = try ImportedJournal(pln)
        #expect(journal.entries == Self.entries)
        #expect(journal.people == ["@ana_lopez", "@jonas_w"])
        #expect(journal.sources == ["example.org/tps | webpage | - | https://example.org/tps |  | -"])
        #expect(journal.fields[0]["group"] == .string("Year 9 team"))
        #expect(journal.fields[0]["conversation"] == .string("0c6f3f9a-5e2b-4c1d-9a8e-1f2e3d4c5b6a"))

        let before = pln.run(["export", "--format", "jsonl"]).stdout
        let again = pln.run(["import", ImportedJournal.fixture("snapchat/mydata.zip")])
        #expect(again.stdout == "imported 0 entries, 0 people, 0 sources, 0 links from mydata.zip with snapchat; "
            + "4 already imported; skipped 2 (not text: 2)\n")
        #expect(pln.run(["export", "--format", "jsonl"]).stdout == before)
    }

    @Test func exportsUpTo2022() throws {
        let pln = PlnRunner()
        let result = pln.run(["import", Self.older])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == "imported 2 entries, 1 person, 0 sources, 2 links from chat_history_2021.json with snapchat; skipped 1 (not text: 1)\n")
        #expect(try ImportedJournal(pln).entries == [
            "2021-03-01T08:00:00+00:00 | chat | Don't forget: \"wait time\" & cold calling |  | @ana_lopez | ",
            "2021-03-01T08:05:00+00:00 | chat | I won't 🙂 |  | @ana_lopez | ",
        ])
        #expect(pln.run(["import", Self.older]).stdout.contains("2 already imported"))

        // Old exports do not say who the owner is: --me does.
        let mine = PlnRunner()
        #expect(mine.run(["import", "--me", "ana_lopez", Self.older]).status == 0)
        #expect(try ImportedJournal(mine).people.isEmpty)
    }

    @Test func aBadMessageIsNamedAndNothingIsSaved() {
        let pln = PlnRunner()
        pln.add("Already here")
        let before = pln.journalFingerprint()
        let text = ImportedJournal.fixtureText("snapchat/chat_history.json")
        let bad = pln.folder.write("chat_history.json", text.replacingOccurrences(of: "\"2022-07-22 19:30:02 UTC\"", with: "\"22/07/2022\""))
        let result = pln.run(["import", bad])
        #expect(result.status == 1)
        #expect(result.stderr == "pln: \(bad): ana_lopez, message 2: 'Created' is not a date: 22/07/2022; nothing it wrote was saved\n")

        let notChats = pln.folder.write("list.json", "[" + text + "]")
        let wrong = pln.run(["import", "--as", "snapchat", notChats])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "pln: \(notChats): not a Snapchat chat history (expected an object of conversations); nothing it wrote was saved\n")
        #expect(pln.run(["count"]).stdout == "1\n")
        #expect(pln.journalFingerprint() == before)
    }
}
