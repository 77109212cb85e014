/// Formats a source as an APA 7 reference-list entry.
///
/// `pln cite` and `pln source show` print references that people paste into essays, and APA 7 is the
/// style most courses ask for. The formatter is pure (no I/O, no locale, no clock), so a record always
/// gives the same text and tests can compare literal strings. It follows the Publication Manual
/// (7th ed., ch. 9–10) for what a `SourceRecord` holds; what the record does not model (editors,
/// roles such as "(Host)", editions, report numbers) is left out rather than guessed, and titles are
/// used as stored because sentence case can't be applied without knowing which words are proper nouns.
package enum APACitation {
    /// How the parts APA sets in italics are marked.
    ///
    /// Plain text has no italics, so the caller chooses what its output can show: Markdown for notes,
    /// ANSI for a terminal, nothing for pipes and files.
    package enum Italics: Sendable {
        /// No marking.
        case none
        /// `*…*` around each italic part.
        case markdown
        /// ANSI SGR 3 (ESC[3m) before and SGR 23 (ESC[23m) after each italic part.
        case terminal
    }

    /// The APA 7 reference-list entry for `source`, as plain text with *asterisks* around the parts APA sets in italics
    /// when `italics == .markdown`, with ANSI italic (ESC[3m … ESC[23m) when `.terminal`, or no marking when `.none`.
    ///
    /// The entry is the four APA elements in order: author, date, title, source (ending with the DOI as
    /// https://doi.org/…, or else the URL, which takes no final period). A work with no author moves its
    /// title to the author position, before the date. Journal articles, books, chapters, reports, theses
    /// and software show the year only; web pages, videos, podcast episodes, posts and other
    /// frequently published works show the full date the record has. Types pln does not know get the
    /// general form for a stand-alone work: italic title, then site or container, then publisher.
    package static func reference(_ source: SourceRecord, italics: Italics = .none) -> String {
        let form = Form(source.type)
        let authors = source.authors.compactMap(SourceRecord.citationText)
        let title = titleElement(source, form: form, italics: italics)
        let date = dateElement(source.citationDate, yearOnly: form.yearOnly(source.type))
        var elements = authors.isEmpty ? [title, date] : [authorElement(authors), date, title]
        elements += sourceElements(source, form: form, authors: authors, italics: italics)
        if let doi = source.citationDOI {
            elements.append("https://doi.org/" + doi)
        } else if let url = SourceRecord.citationText(source.url) {
            elements.append(url)
        }
        return elements.joined(separator: " ")
    }

    // MARK: - Elements

    /// The shape APA gives a reference: which parts are italic, what follows the title, what the source element holds.
    private enum Form {
        case periodical, book, chapter, webpage, video, audio, report, thesis, software, blogPost, other

        init(_ type: String) {
            switch type.lowercased() {
            case "article-journal", "article-magazine", "article-newspaper", "article": self = .periodical
            case "book": self = .book
            case "chapter": self = .chapter
            case "webpage": self = .webpage
            case "video", "motion_picture": self = .video
            case "podcast", "song": self = .audio
            case "report": self = .report
            case "thesis": self = .thesis
            case "software": self = .software
            case "post-weblog": self = .blogPost
            default: self = .other
            }
        }

        /// APA dates journal articles, books, chapters, reports, theses and software by year alone (Manual 9.14),
        /// even when the record knows the day; everything else shows the full date.
        func yearOnly(_ type: String) -> Bool {
            switch self {
            case .book, .chapter, .report, .thesis, .software: true
            case .periodical: type.lowercased() == "article-journal"
            default: false
            }
        }
    }

    private static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    /// "Family, G. M." per person, "&" before the last of 2–20, and 19 names, an ellipsis and the last beyond 20.
    private static func authorElement(_ authors: [String]) -> String {
        let names = authors.map(authorName)
        let list: String
        switch names.count {
        case 1: list = names[0]
        case 2: list = names[0] + ", & " + names[1]
        case 3...20: list = names.dropLast().joined(separator: ", ") + ", & " + names[names.count - 1]
        default: list = names.prefix(19).joined(separator: ", ") + ", . . . " + names[names.count - 1]
        }
        var element = Element(italics: .none)
        element.append(list)
        element.close()
        return element.text
    }

    /// One author as APA writes it: a person's family name and initials, an organisation as written.
    static func authorName(_ author: String) -> String {
        guard let person = SourceRecord.citationPerson(author) else { return author }
        var name = person.family
        let initials = initials(person.given)
        if !initials.isEmpty { name += ", " + initials }
        if !person.suffix.isEmpty { name += ", " + person.suffix }
        return name
    }

    /// "Jean-Paul Marie" → "J.-P. M."; "J.R.R." → "J. R. R."; given names already as initials stay initials.
    static func initials(_ given: String) -> String {
        var words: [String] = []
        for word in given.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let hyphenated = word.split(separator: "-").compactMap { part -> String? in
                let letters = part.split(separator: ".").compactMap { piece in
                    piece.first(where: \.isLetter).map { String($0).uppercased() + "." }
                }
                return letters.isEmpty ? nil : letters.joined(separator: " ")
            }
            if !hyphenated.isEmpty { words.append(hyphenated.joined(separator: "-")) }
        }
        return words.joined(separator: " ")
    }

    /// "(2010)." / "(2010, May)." / "(2010, May 14)." or "(n.d.)." when the record has no usable date.
    private static func dateElement(_ date: (year: Int, month: Int?, day: Int?)?, yearOnly: Bool) -> String {
        guard let date else { return "(n.d.)." }
        var text = String(date.year)
        if !yearOnly, let month = date.month {
            text += ", " + monthNames[month - 1]
            if let day = date.day { text += " " + String(day) }
        }
        return "(" + text + ")."
    }

    /// The title, italic when the work stands alone, with APA's parenthetical and [description] after it.
    private static func titleElement(_ source: SourceRecord, form: Form, italics: Italics) -> String {
        let container = SourceRecord.citationText(source.container)
        var italic = true
        var parenthetical: String?
        var description: String?
        switch form {
        case .periodical, .chapter, .blogPost:
            italic = false
        case .book:
            parenthetical = SourceRecord.citationText(source.volume).map { "(Vol. " + $0 + ")" }
        case .video:
            description = "Video"
        case .audio:
            if container != nil {
                italic = false
                parenthetical = SourceRecord.citationText(source.issue).map { "(No. " + $0 + ")" }
                description = "Audio podcast episode"
            } else {
                description = "Audio podcast"
            }
        case .thesis:
            description = "Doctoral dissertation" + (SourceRecord.citationText(source.publisher).map { ", " + $0 } ?? "")
        case .software:
            description = "Computer software"
        case .webpage, .report, .other:
            break
        }
        var element = Element(italics: italics)
        if let title = SourceRecord.citationText(source.title) {
            if italic { element.appendItalic(title) } else { element.append(title) }
        } else {
            // APA: an untitled work is described in square brackets where the title would be.
            let what = description.map { "Untitled " + $0.prefix(1).lowercased() + $0.dropFirst() } ?? "Untitled"
            element.append("[" + what + "]")
            description = nil
        }
        if let parenthetical { element.append(" " + parenthetical) }
        if let description { element.append(" [" + description + "]") }
        element.close()
        return element.text
    }

    /// The source element(s) between the title and the DOI or URL.
    private static func sourceElements(_ source: SourceRecord, form: Form, authors: [String], italics: Italics) -> [String] {
        let container = SourceRecord.citationText(source.container)
        let publisher = SourceRecord.citationText(source.publisher)
        /// APA omits a site name or publisher that repeats the author.
        func unlessAuthor(_ name: String?) -> String? {
            guard let name else { return nil }
            return authors.contains { $0.matchesIgnoringCase(name) } ? nil : name
        }
        func plain(_ text: String?) -> [String] {
            guard let text else { return [] }
            var element = Element(italics: italics)
            element.append(text)
            element.close()
            return [element.text]
        }

        switch form {
        case .periodical:
            var element = Element(italics: italics)
            if let container { element.appendItalic(container) }
            let volume = SourceRecord.citationText(source.volume)
            if let volume {
                if !element.isEmpty { element.append(", ") }
                element.appendItalic(volume)
            }
            if let issue = SourceRecord.citationText(source.issue) {
                if volume == nil, !element.isEmpty { element.append(", ") }
                element.append("(" + issue + ")")
            }
            if let pages = SourceRecord.citationText(source.pages) {
                if !element.isEmpty { element.append(", ") }
                element.append(SourceRecord.citationPages(pages, dash: "–"))
            }
            guard !element.isEmpty else { return [] }
            element.close()
            return [element.text]
        case .chapter:
            var elements: [String] = []
            if let container {
                var element = Element(italics: italics)
                element.append("In ")
                element.appendItalic(container)
                if let pages = SourceRecord.citationText(source.pages) {
                    let range = SourceRecord.citationPages(pages, dash: "–")
                    let isRange = range.contains("–") || range.contains(",")
                    element.append((isRange ? " (pp. " : " (p. ") + range + ")")
                }
                element.close()
                elements.append(element.text)
            }
            return elements + plain(unlessAuthor(publisher))
        case .audio:
            var elements: [String] = []
            if let container {
                var element = Element(italics: italics)
                element.append("In ")
                element.appendItalic(container)
                element.close()
                elements.append(element.text)
            }
            let producer = unlessAuthor(publisher).flatMap { $0.matchesIgnoringCase(container) ? nil : $0 }
            return elements + plain(producer)
        case .blogPost:
            guard let container else { return [] }
            var element = Element(italics: italics)
            element.appendItalic(container)
            element.close()
            return [element.text]
        case .book, .report, .software:
            return plain(unlessAuthor(publisher))
        case .webpage:
            return plain(unlessAuthor(container))
        case .video:
            return plain(container ?? platform(of: source.url))
        case .thesis:
            return plain(container)
        case .other:
            let site = unlessAuthor(container)
            let producer = unlessAuthor(publisher).flatMap { $0.matchesIgnoringCase(container) ? nil : $0 }
            return plain(site) + plain(producer)
        }
    }

    /// "YouTube" for a YouTube link, so a video record without a container still names where it is.
    private static func platform(of url: String?) -> String? {
        guard let url = url?.lowercased() else { return nil }
        let hosts = ["://youtube.com/", "://www.youtube.com/", "://m.youtube.com/", "://youtu.be/"]
        return hosts.contains { url.contains($0) } ? "YouTube" : nil
    }

    /// One element being built, tracking the last visible character so italics markup never hides
    /// whether the element already ends with its own punctuation.
    private struct Element {
        let italics: Italics
        private(set) var text = ""
        private var last: Character?

        init(italics: Italics) { self.italics = italics }

        var isEmpty: Bool { text.isEmpty }

        mutating func append(_ part: String) {
            text += part
            if let end = part.last { last = end }
        }

        mutating func appendItalic(_ part: String) {
            guard let end = part.last else { return }
            switch italics {
            case .none: text += part
            case .markdown: text += "*" + part + "*"
            case .terminal: text += "\u{1B}[3m" + part + "\u{1B}[23m"
            }
            last = end
        }

        /// Ends the element with a period unless it already ends with ".", "?" or "!" (APA 9.5).
        mutating func close() {
            if let last, last == "." || last == "?" || last == "!" { return }
            append(".")
        }
    }
}

private extension String {
    /// Case-insensitive equality without Foundation, for "is this site name the author again?".
    func matchesIgnoringCase(_ other: String?) -> Bool {
        guard let other else { return false }
        return lowercased() == other.lowercased()
    }
}

// MARK: - Field parsing shared by the citation formatters

extension SourceRecord {
    /// `text` trimmed, with line breaks and tabs as spaces; nil when nothing is left.
    ///
    /// Every citation format is line-oriented or one-line, so a pasted multi-line title must not break it.
    static func citationText(_ text: String?) -> String? {
        guard let text else { return nil }
        let flat = String(text.map { $0.isNewline || $0 == "\t" ? " " : $0 })
        let trimmed = flat.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed)
    }

    /// A person as "Family, Given" or "Family, Given, Suffix" split into parts; nil for an organisation.
    ///
    /// Organisations are written without a comma (`SourceRecord.authors`), so the comma is the whole test.
    static func citationPerson(_ author: String) -> (family: String, given: String, suffix: String)? {
        guard let comma = author.firstIndex(of: ","),
              let family = citationText(String(author[..<comma])) else { return nil }
        let rest = author[author.index(after: comma)...].split(separator: ",", omittingEmptySubsequences: false)
        let given = citationText(rest.first.map(String.init)) ?? ""
        let suffix = rest.dropFirst().compactMap { citationText(String($0)) }.joined(separator: ", ")
        return (family, given, suffix)
    }

    /// The year, month and day of `issued`, from EDTF "2010", "2010-05" or "2010-05-14".
    ///
    /// Uncertainty marks (?, ~, %) are ignored, an interval gives its start, a time of day is dropped,
    /// and a month outside 1–12 (EDTF seasons) or an impossible day is left out rather than invented.
    var citationDate: (year: Int, month: Int?, day: Int?)? {
        guard let issued = SourceRecord.citationText(issued) else { return nil }
        let start = issued.split(separator: "/", omittingEmptySubsequences: false)[0]
            .split(separator: "T", omittingEmptySubsequences: false)[0]
            .filter { $0 != "?" && $0 != "~" && $0 != "%" }
        let parts = start.split(separator: "-", omittingEmptySubsequences: false)
        guard parts[0].count == 4, parts[0].allSatisfy(SourceRecord.isDigit), let year = Int(parts[0]) else { return nil }
        func number(_ index: Int, in range: ClosedRange<Int>) -> Int? {
            guard index < parts.count, parts[index].count == 2, parts[index].allSatisfy(SourceRecord.isDigit),
                  let value = Int(parts[index]), range.contains(value) else { return nil }
            return value
        }
        guard let month = number(1, in: 1...12) else { return (year, nil, nil) }
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (year, month, number(2, in: 1...days))
    }

    /// The DOI name ("10.3102/…") from "10.…", "doi:10.…" or a doi.org link; nil when there is none.
    ///
    /// Each format then writes the DOI its own way: APA as an https://doi.org/ link, BibTeX, RIS and CSL bare.
    var citationDOI: String? {
        guard var doi = SourceRecord.citationText(doi) else { return nil }
        let prefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
                        "doi.org/", "dx.doi.org/", "doi:"]
        for prefix in prefixes where doi.lowercased().hasPrefix(prefix) {
            doi = String(doi.dropFirst(prefix.count).drop(while: \.isWhitespace))
            break
        }
        return doi.hasPrefix("10.") && doi.count > 3 ? doi : nil
    }

    /// `pages` with every range dash ("-", "--", "—", "−", spaced or not) written as `dash`.
    ///
    /// APA wants an en dash, BibTeX "--", CSL a hyphen; the stored value may hold any of them.
    static func citationPages(_ pages: String, dash: String) -> String {
        var output = ""
        var inDash = false
        for character in pages {
            if isRangeDash(character) {
                if !inDash {
                    while output.last == " " { output.removeLast() }
                    output += dash
                    inDash = true
                }
            } else if inDash, character == " " {
                continue
            } else {
                inDash = false
                output.append(character)
            }
        }
        return output
    }

    /// The first and last page of `pages`: "81-112" → ("81", "112"), "5" → ("5", nil).
    ///
    /// RIS keeps start and end pages in separate tags.
    static func citationPageBounds(_ pages: String) -> (first: String, last: String?) {
        let normal = citationPages(pages, dash: "-")
        guard let dash = normal.firstIndex(of: "-") else { return (normal, nil) }
        let first = citationText(String(normal[..<dash])) ?? ""
        let last = normal[normal.index(after: dash)...].split(separator: "-").last.flatMap { citationText(String($0)) }
        return (first, last)
    }

    private static func isDigit(_ character: Character) -> Bool { character >= "0" && character <= "9" }

    private static func isRangeDash(_ character: Character) -> Bool {
        ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"].contains(character)
    }
}

