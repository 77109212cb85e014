import ArgumentParser
import PLNCore

struct SourceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "source", _superCommandName: "pln",
        abstract: "Add, show, edit and merge the sources you learn from (books, articles, videos, pages…).",
        subcommands: [SourceAddCommand.self, SourceShowCommand.self, SourceEditCommand.self, SourceMergeCommand.self])
}

/// The fields `source add` and `source edit` share.
struct SourceFields: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The CSL type: book, chapter, article-journal, webpage, post, post-weblog, video, podcast, report, …",
        valueName: "type"))
    var type: String?

    @Option(name: .long, help: ArgumentHelp("The title.", valueName: "title"))
    var title: String?

    @Option(name: .long, help: ArgumentHelp("An author, \"Family, Given\" or an organisation (repeatable, in order).",
                                            valueName: "name"))
    var author: [String] = []

    @Option(name: .long, help: ArgumentHelp("The date: 2010, 2010-05 or 2010-05-14.", valueName: "date"))
    var issued: String?

    @Option(name: .long, help: ArgumentHelp("The journal, book, site, channel or podcast it is part of.", valueName: "name"))
    var container: String?

    @Option(name: .long, help: ArgumentHelp("The volume.", valueName: "volume"))
    var volume: String?

    @Option(name: .long, help: ArgumentHelp("The issue.", valueName: "issue"))
    var issue: String?

    @Option(name: .long, help: ArgumentHelp("The pages, such as 81-112.", valueName: "pages"))
    var pages: String?

    @Option(name: .long, help: ArgumentHelp("The publisher.", valueName: "name"))
    var publisher: String?

    @Option(name: .long, help: ArgumentHelp("The web address.", valueName: "url"))
    var url: String?

    @Option(name: .long, help: ArgumentHelp("The DOI.", valueName: "doi"))
    var doi: String?

    @Option(name: .long, help: ArgumentHelp("The ISBN.", valueName: "isbn"))
    var isbn: String?

    @Option(name: .long, help: ArgumentHelp("A chat's hashtag: entries with this tag are linked to it.", valueName: "#tag"))
    var hashtag: String?

    @Option(name: .long, help: ArgumentHelp("A chat's platform (twitter, mastodon, …).", valueName: "name"))
    var platform: String?

    @Option(name: .long, help: ArgumentHelp("A chat's weekly time: \"tue 20:00 America/New_York\".", valueName: "schedule"))
    var every: String?

    func changes() throws -> SourceChanges {
        if let issued, !issued.isEmpty, !Self.isDate(issued) {
            throw ValidationError("--issued takes a year, year-month or year-month-day, such as 2010 or 2010-05-14")
        }
        if let type, type.isEmpty || type.contains(where: \.isWhitespace) {
            throw ValidationError("--type takes one CSL type, such as book or article-journal")
        }
        var changes = SourceChanges()
        changes.type = type
        changes.title = title
        changes.authors = author.isEmpty ? nil : author
        changes.issued = issued
        changes.container = container
        changes.volume = volume
        changes.issue = issue
        changes.pages = pages
        changes.publisher = publisher
        changes.url = url
        changes.doi = doi
        changes.isbn = isbn
        changes.hashtag = hashtag
        changes.platform = platform
        changes.schedule = every
        if let every, !every.isEmpty {
            do { _ = try ChatSchedule(parsing: every) } catch { throw ValidationError("--every: \(error.description)") }
        }
        if every != nil || hashtag != nil, type == nil { changes.type = "chat" }
        return changes
    }

    /// "2010", "2010-05" or "2010-05-14", with a real month and day.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, let year = Int(parts[0]), year > 0 else { return false }
        if parts.count >= 2 { guard parts[1].count == 2, let month = Int(parts[1]), (1...12).contains(month) else { return false } }
        if parts.count == 3 {
            guard parts[2].count == 2, let day = Int(parts[2]), day >= 1 else { return false }
            let month = Int(parts[1])!
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            let lengths = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
            guard day <= lengths[month - 1] else { return false }
        }
        return true
    }
}

/// A source key from `key` or `[[key]]`.
func sourceKey(_ text: String) throws -> String {
    var key = text
    if key.hasPrefix("[["), key.hasSuffix("]]") { key = String(key.dropFirst(2).dropLast(2)) }
    guard !key.isEmpty, !key.contains(where: \.isWhitespace), !key.contains(",") else {
        throw ValidationError("'\(text)' is not a source key (one word, such as bauer2010)")
    }
    return key
}
