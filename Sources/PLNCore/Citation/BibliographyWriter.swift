/// Writes a source as a BibTeX entry, a RIS record or a CSL-JSON item.
///
/// `pln export --sources` hands the journal's sources to reference managers (Zotero, JabRef, EndNote)
/// and to LaTeX or Pandoc. Those tools read these three formats, each with its own type names, name
/// syntax and escaping, so the mapping lives here in one pure place: no I/O, one record in, one text out.
/// Fields the record does not have are left out, never written empty.
package enum BibliographyWriter {
    // MARK: - BibTeX

    /// One BibTeX entry, `@type{key,` then one `  field = {value}` line per field and a closing `}`, with no final newline.
    ///
    /// Types: article-journal (and magazine, newspaper) → article, book → book, chapter → incollection,
    /// paper-conference → inproceedings, report → techreport, thesis → phdthesis, anything else → misc.
    /// The title gets double braces so BibTeX styles keep its capitals; organisations get braces so
    /// BibTeX doesn't split them into given and family names. Text fields have the specials
    /// & % $ # _ escaped with a backslash and { } ~ ^ \ written as text commands, which keeps every
    /// value brace-balanced. `doi` and `url` are not escaped (biblatex reads them verbatim) except that
    /// braces, backslashes and spaces are percent-encoded; a misc entry carries its URL as `howpublished = {\url{…}}`.
    package static func bibtex(_ source: SourceRecord) -> String {
        let type = bibtexType(source.type)
        var fields: [(name: String, value: String)] = []
        func add(_ name: String, _ text: String?) {
            if let text = SourceRecord.citationText(text) { fields.append((name, "{" + bibtexEscaped(text) + "}")) }
        }

        let authors = source.authors.compactMap(SourceRecord.citationText).map(bibtexName)
        if !authors.isEmpty { fields.append(("author", "{" + authors.joined(separator: " and ") + "}")) }
        if let title = SourceRecord.citationText(source.title) { fields.append(("title", "{{" + bibtexEscaped(title) + "}}")) }
        switch type {
        case "article": add("journal", source.container)
        case "incollection", "inproceedings": add("booktitle", source.container)
        default: add("note", source.container)
        }
        if let date = source.citationDate {
            fields.append(("year", "{" + String(date.year) + "}"))
            if let month = date.month { fields.append(("month", bibtexMonths[month - 1])) }
        }
        add("volume", source.volume)
        add("number", source.issue)
        add("pages", SourceRecord.citationText(source.pages).map { SourceRecord.citationPages($0, dash: "--") })
        switch type {
        case "techreport": add("institution", source.publisher)
        case "phdthesis": add("school", source.publisher)
        default: add("publisher", source.publisher)
        }
        if let doi = source.citationDOI { fields.append(("doi", "{" + urlSafe(doi) + "}")) }
        if let url = SourceRecord.citationText(source.url) {
            if type == "misc" {
                // Inside another field \url needs % and # escaped; it turns \% and \# back into % and #.
                let argument = urlSafe(url).replacingEvery(["%": "\\%", "#": "\\#"])
                fields.append(("howpublished", "{\\url{" + argument + "}}"))
            } else {
                fields.append(("url", "{" + urlSafe(url) + "}"))
            }
        }
        add("isbn", source.isbn)

        var entry = "@" + type + "{" + bibtexKey(source.key)
        for field in fields { entry += ",\n  " + field.name + " = " + field.value }
        return entry + "\n}"
    }

    private static let bibtexMonths = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private static func bibtexType(_ type: String) -> String {
        switch type.lowercased() {
        case "article-journal", "article-magazine", "article-newspaper", "article": "article"
        case "book": "book"
        case "chapter": "incollection"
        case "paper-conference": "inproceedings"
        case "report": "techreport"
        case "thesis": "phdthesis"
        default: "misc"
        }
    }

    /// "Family, Given" → "Family, Given"; "Family, Given, Jr." → "Family, Jr., Given" (BibTeX's order); an organisation in braces.
    private static func bibtexName(_ author: String) -> String {
        guard let person = SourceRecord.citationPerson(author) else { return "{" + bibtexEscaped(author) + "}" }
        var name = bibtexEscaped(person.family)
        if !person.suffix.isEmpty { name += ", " + bibtexEscaped(person.suffix) }
        if !person.given.isEmpty { name += ", " + bibtexEscaped(person.given) }
        return name
    }

    /// The key with characters BibTeX can't have in a key (space, comma, braces, quotes, #, %, ~, =, \, parentheses) as "_".
    private static func bibtexKey(_ key: String) -> String {
        let forbidden: Set<Character> = [",", "{", "}", "(", ")", "\"", "'", "#", "%", "~", "=", "\\"]
        let cleaned = String(key.map { $0.isWhitespace || forbidden.contains($0) ? "_" : $0 })
        return cleaned.isEmpty ? "source" : cleaned
    }

    /// Escapes BibTeX/LaTeX specials so the value prints as written and its braces stay balanced.
    static func bibtexEscaped(_ text: String) -> String {
        var output = ""
        for character in text {
            switch character {
            case "&", "%", "$", "#", "_": output += "\\" + String(character)
            case "{": output += "\\textbraceleft{}"
            case "}": output += "\\textbraceright{}"
            case "~": output += "\\textasciitilde{}"
            case "^": output += "\\textasciicircum{}"
            case "\\": output += "\\textbackslash{}"
            default: output.append(character)
            }
        }
        return output
    }

    /// A URL or DOI with braces, backslashes and spaces percent-encoded: the characters that could unbalance
    /// the entry or end the URL early, all of which a URL may carry encoded.
    private static func urlSafe(_ text: String) -> String {
        text.replacingEvery(["{": "%7B", "}": "%7D", "\\": "%5C", " ": "%20"])
    }

    // MARK: - RIS

    /// One RIS record: `TY  - ` first, one `XX  - value` line per field, `ER  - ` last, each line ending in "\n".
    ///
    /// The trailing newline lets records be written one after another. Dates are written twice, as
    /// `PY` (year) and `DA` (YYYY/MM/DD/, empty parts left blank), because readers differ in which they
    /// take; page ranges are split into `SP` and `EP`; the DOI is bare.
    package static func ris(_ source: SourceRecord) -> String {
        var lines: [String] = []
        func add(_ tag: String, _ value: String?) {
            if let value = SourceRecord.citationText(value) { lines.append(tag + "  - " + value) }
        }
        add("TY", risType(source.type))
        for author in source.authors.compactMap(SourceRecord.citationText) {
            if let person = SourceRecord.citationPerson(author) {
                add("AU", [person.family, person.given, person.suffix].filter { !$0.isEmpty }.joined(separator: ", "))
            } else {
                add("AU", author)
            }
        }
        add("TI", source.title)
        add("T2", source.container)
        if let date = source.citationDate {
            add("PY", String(date.year))
            add("DA", String(date.year) + "/" + (date.month.map(twoDigits) ?? "") + "/" + (date.day.map(twoDigits) ?? "") + "/")
        }
        add("VL", source.volume)
        add("IS", source.issue)
        if let pages = SourceRecord.citationText(source.pages) {
            let bounds = SourceRecord.citationPageBounds(pages)
            add("SP", bounds.first)
            add("EP", bounds.last)
        }
        add("PB", source.publisher)
        add("DO", source.citationDOI)
        add("UR", source.url)
        add("SN", source.isbn)
        lines.append("ER  - ")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func risType(_ type: String) -> String {
        switch type.lowercased() {
        case "article-journal", "article": "JOUR"
        case "article-magazine": "MGZN"
        case "article-newspaper": "NEWS"
        case "book": "BOOK"
        case "chapter": "CHAP"
        case "paper-conference": "CPAPER"
        case "report": "RPRT"
        case "thesis": "THES"
        case "webpage", "post": "ELEC"
        case "post-weblog": "BLOG"
        case "video", "motion_picture": "VIDEO"
        case "podcast", "song": "SOUND"
        case "software": "COMP"
        case "speech": "SLIDE"
        case "chat": "ICOMM"
        default: "GEN"
        }
    }

    private static func twoDigits(_ number: Int) -> String { number < 10 ? "0" + String(number) : String(number) }

    // MARK: - CSL-JSON

    /// One CSL-JSON item as compact JSON (no final newline): id, type, title, author, issued, container-title,
    /// volume, issue, page, publisher, URL, DOI, ISBN, each only when the record has it.
    ///
    /// Types outside CSL 1.0.2 are mapped so citeproc processors accept the item: video → motion_picture
    /// and podcast → song, each with a `genre` ("Video", "Audio podcast episode") that keeps the
    /// distinction; chat → personal_communication; any other unknown type → document. People are
    /// `{"family", "given"}` (and `"suffix"`), organisations `{"literal"}`; the date is `date-parts`, or
    /// `raw` when it isn't EDTF year-month-day, so nothing stored is lost. Page ranges use a hyphen,
    /// which CSL styles turn into their own range delimiter.
    package static func cslJSON(_ source: SourceRecord) -> String {
        var writer = JSONWriter()
        func add(_ name: String, _ value: String?) {
            if let value = SourceRecord.citationText(value) { writer.field(name, value) }
        }
        let (type, genre) = cslType(source.type)
        writer.beginObject()
        writer.field("id", source.key)
        writer.field("type", type)
        add("title", source.title)
        let authors = source.authors.compactMap(SourceRecord.citationText)
        if !authors.isEmpty {
            writer.key("author")
            writer.beginArray()
            for author in authors {
                writer.beginObject()
                if let person = SourceRecord.citationPerson(author) {
                    writer.field("family", person.family)
                    if !person.given.isEmpty { writer.field("given", person.given) }
                    if !person.suffix.isEmpty { writer.field("suffix", person.suffix) }
                } else {
                    writer.field("literal", author)
                }
                writer.endObject()
            }
            writer.endArray()
        }
        if let date = source.citationDate {
            writer.key("issued")
            writer.beginObject()
            writer.key("date-parts")
            writer.beginArray()
            writer.beginArray()
            for part in [date.year, date.month, date.day].compactMap({ $0 }) { writer.int(Int64(part)) }
            writer.endArray()
            writer.endArray()
            writer.endObject()
        } else if let raw = SourceRecord.citationText(source.issued) {
            writer.key("issued")
            writer.beginObject()
            writer.field("raw", raw)
            writer.endObject()
        }
        add("container-title", source.container)
        add("volume", source.volume)
        add("issue", source.issue)
        add("page", SourceRecord.citationText(source.pages).map { SourceRecord.citationPages($0, dash: "-") })
        add("publisher", source.publisher)
        add("genre", genre)
        add("URL", source.url)
        add("DOI", source.citationDOI)
        add("ISBN", source.isbn)
        writer.endObject()
        return writer.output
    }

    /// The CSL 1.0.2 item types, which citeproc processors accept as written.
    private static let cslTypes: Set<String> = [
        "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast", "chapter",
        "classic", "collection", "dataset", "document", "entry", "entry-dictionary", "entry-encyclopedia", "event",
        "figure", "graphic", "hearing", "interview", "legal_case", "legislation", "manuscript", "map", "motion_picture",
        "musical_score", "pamphlet", "paper-conference", "patent", "performance", "periodical", "personal_communication",
        "post", "post-weblog", "regulation", "report", "review", "review-book", "software", "song", "speech",
        "standard", "thesis", "treaty", "webpage",
    ]

    private static func cslType(_ type: String) -> (type: String, genre: String?) {
        let type = type.lowercased()
        switch type {
        case "video": return ("motion_picture", "Video")
        case "podcast": return ("song", "Audio podcast episode")
        case "chat": return ("personal_communication", nil)
        default: return (cslTypes.contains(type) ? type : "document", nil)
        }
    }
}

private extension String {
    /// The string with each character that is a key of `replacements` replaced by its value.
    func replacingEvery(_ replacements: [Character: String]) -> String {
        var output = ""
        for character in self {
            if let replacement = replacements[character] { output += replacement } else { output.append(character) }
        }
        return output
    }
}
