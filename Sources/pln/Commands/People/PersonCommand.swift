import ArgumentParser
import Foundation
import PLNCore

struct PersonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "person", _superCommandName: "pln",
        abstract: "Add, show, edit and merge the people of your learning network.",
        subcommands: [PersonAddCommand.self, PersonShowCommand.self, PersonEditCommand.self, PersonMergeCommand.self])
}

/// The fields `person add` and `person edit` share.
struct PersonFields: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Their name.", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp(
        "A role (repeatable): colleague, mentor, former-teacher, friend, family, expert…", valueName: "role"))
    var role: [String] = []

    @Option(name: .long, help: ArgumentHelp("A topic you learn about from them (repeatable).", valueName: "topic"))
    var topic: [String] = []

    @Option(name: .long, help: ArgumentHelp("How or where you met.", valueName: "text"))
    var met: String?

    @Option(name: .long, help: ArgumentHelp("Who introduced you.", valueName: "@handle"))
    var through: String?

    @Option(name: .long, help: ArgumentHelp("Stay in touch this often: 30d, 2w, 3m, 1y.", valueName: "cadence"))
    var every: String?

    @Option(name: .long, help: ArgumentHelp(
        "A platform handle (repeatable), as platform:handle (mastodon:@jane@example.social).", valueName: "handle"))
    var handle: [String] = []

    @Option(name: .long, help: ArgumentHelp("Their e-mail address.", valueName: "address"))
    var email: String?

    @Option(name: .long, help: ArgumentHelp("Notes about them.", valueName: "text"))
    var notes: String?

    func changes() throws -> PersonChanges {
        var changes = PersonChanges()
        changes.name = name
        changes.roles = role.isEmpty ? nil : role
        changes.topics = topic.isEmpty ? nil : topic.map { $0.hasPrefix("#") ? String($0.dropFirst()) : $0 }
        changes.met = met
        changes.through = through.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
        changes.cadenceDays = try every.map { text throws(PLNError) in try PersonChanges.cadence(text) }
        if !handle.isEmpty {
            changes.handles = try handle.map { text in
                guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex else {
                    throw ValidationError("--handle takes platform:handle, as in mastodon:@jane@example.social")
                }
                return (String(text[..<colon]), String(text[text.index(after: colon)...]))
            }
        }
        changes.email = email
        changes.notes = notes
        return changes
    }
}

/// `@jane` or `jane` as the bare handle.
func bareHandle(_ text: String) throws -> String {
    let handle = text.hasPrefix("@") ? String(text.dropFirst()) : text
    guard !handle.isEmpty, !handle.contains(where: { $0.isWhitespace }) else {
        throw ValidationError("'\(text)' is not a handle (one word, such as @jane)")
    }
    return handle
}
