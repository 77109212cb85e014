import Foundation

/// Reads BibTeX, RIS and CSL-JSON bibliographies into `SourceRecord`s.
///
/// `pln import --sources` takes what reference managers (Zotero, JabRef, EndNote, Mendeley) export, and
/// each of the three formats has its own syntax, type names, name order and escaping; this is the
/// inverse of `BibliographyWriter` and, like it, pure: text in, records out, no I/O. A file is read
/// whole or not at all: the first malformed record throws `PLNError.malformedInput` with the file name
/// and the 1-based line where the record starts (or where the problem is), so a user can fix the file
/// and import again instead of cleaning up half an import. Keys must be unique within a file, compared
/// as the journal compares them (ignoring ASCII case).
package enum BibliographyReader {
    /// A bibliography file format.
    package enum Format: String, Sendable, CaseIterable {
        case bibtex, ris, cslJSON = "csl-json"
    }

    /// Guesses the format from the text (first non-blank: '@' → bibtex; "TY  - " → ris; '[' or '{' → csl-json), nil if none.
    ///
    /// Lets `pln import` take a file without `--format` whatever its extension (.bib, .ris, .txt, .json).
    /// A leading byte-order mark is skipped, and so are `%` comment lines before the first BibTeX entry,
    /// which JabRef writes at the top of its files.
    package static func detect(_ text: String) -> Format? {
        var rest = Substring(text)
        if rest.first == "\u{FEFF}" { rest = rest.dropFirst() }
        while true {
            rest = rest.drop(while: \.isWhitespace)
            guard let first = rest.first else { return nil }
            switch first {
            case "@": return .bibtex
            case "[", "{": return .cslJSON
            case "%": rest = rest.drop(while: { !$0.isNewline })
            default:
                let line = rest.prefix(while: { !$0.isNewline })
                if let tag = RISReader.tagLine(line), tag.tag == "TY" { return .ris }
                return nil
            }
        }
    }

    /// Parses every record; a malformed record throws with `name` as the file and the line. Nothing partial is returned.
    ///
    /// `name` is only used in errors, so it should be what the user typed (a path or "stdin"). Fields a
    /// record does not have are nil, never empty strings; text is trimmed with runs of white space as
    /// one space; page ranges use an ASCII hyphen ("81-112") whatever dash the file used.
    package static func parse(_ text: String, format: Format, name: String) throws(PLNError) -> [SourceRecord] {
        switch format {
        case .bibtex:
            var reader = BibTeXReader(text, file: name)
            return try reader.read()
        case .ris:
            return try RISReader.read(text, file: name)
        case .cslJSON:
            return try CSLReader.read(text, file: name)
        }
    }
}

// MARK: - Shared helpers

extension BibliographyReader {
    /// `text` trimmed with each run of white space as one space; nil when nothing is left.
    ///
    /// Works on scalars with an ASCII fast path: it runs on every field of every record.
    fileprivate static func clean(_ text: String?) -> String? {
        guard let text else { return nil }
        var output = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isSpace = scalar.isASCII
                ? scalar == " " || scalar == "\n" || scalar == "\t" || scalar == "\r" || scalar == "\u{0B}" || scalar == "\u{0C}"
                : scalar.properties.isWhitespace
            if isSpace {
                pendingSpace = !output.isEmpty
            } else {
                if pendingSpace { output.append(" ") }
                pendingSpace = false
                output.append(scalar)
            }
        }
        return output.isEmpty ? nil : String(output)
    }

    /// A page range with any dash ("--", "–", "—", "−", spaced or not) as one ASCII hyphen: "81 -- 112" → "81-112".
    fileprivate static func pages(_ text: String?) -> String? {
        guard let text = clean(text) else { return nil }
        let dashes: Set<Character> = ["-", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{2014}", "\u{2212}"]
        var output = ""
        var inDash = false
        for character in text {
            if dashes.contains(character) {
                if !inDash {
                    while output.last == " " { output.removeLast() }
                    output.append("-")
                }
                inDash = true
            } else if character == " ", inDash {
                continue
            } else {
                inDash = false
                output.append(character)
            }
        }
        return output
    }

    /// An EDTF date ("2010", "2010-05", "2010-05-14") from numbers, or nil when the year is missing.
    ///
    /// A month outside 1–12 or an impossible day is left out rather than stored, as `SourceRecord.issued`
    /// promises a valid date.
    fileprivate static func edtf(year: Int?, month: Int?, day: Int?) -> String? {
        guard let year, (0...9999).contains(year) else { return nil }
        var text = String(year)
        while text.count < 4 { text = "0" + text }
        guard let month, (1...12).contains(month) else { return text }
        text += "-" + (month < 10 ? "0" : "") + String(month)
        let days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        guard let day, (1...days).contains(day) else { return text }
        return text + "-" + (day < 10 ? "0" : "") + String(day)
    }

    /// "2010", "2010-05" or "2010-05-14" (one- or two-digit month and day) as EDTF; nil for anything else.
    fileprivate static func isoDate(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(parts.count), parts[0].count == 4, parts.allSatisfy({ isDigits($0) }),
              parts.dropFirst().allSatisfy({ (1...2).contains($0.count) }) else { return nil }
        let numbers = parts.map { Int($0) }
        if parts.count >= 2, !(1...12).contains(numbers[1] ?? 0) { return nil }
        let date = edtf(year: numbers[0], month: parts.count > 1 ? numbers[1] : nil, day: parts.count > 2 ? numbers[2] : nil)
        // A day the month doesn't have makes the whole text suspect: not a date.
        guard let date, date.count == [4, 7, 10][parts.count - 1] else { return nil }
        return date
    }

    /// The byte of an ASCII character, for the byte-level scanners.
    fileprivate static func ascii(_ character: Unicode.Scalar) -> UInt8 { UInt8(ascii: character) }

    fileprivate static func isDigits(_ text: Substring) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// A month from "3", "03", "mar", "March" or "Sept." (the first three letters of an English name); nil otherwise.
    fileprivate static func month(_ text: String) -> Int? {
        let text = text.trimmingCharacters(in: .whitespaces).lowercased()
        if isDigits(Substring(text)), let number = Int(text), (1...12).contains(number) { return number }
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard text.count >= 3, let index = names.firstIndex(of: String(text.prefix(3))) else { return nil }
        return index + 1
    }

    /// Where `key` was used before (line or item number), or nil after recording it at `place`.
    ///
    /// The journal's key column is `COLLATE NOCASE`, so "Hattie2007" and "hattie2007" are the same key;
    /// like SQLite's NOCASE, only ASCII letters are folded.
    fileprivate static func firstUse<Place>(of key: String, at place: Place, in seen: inout [String: Place]) -> Place? {
        let folded = String(decoding: key.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        if let earlier = seen[folded] { return earlier }
        seen[folded] = place
        return nil
    }
}

// MARK: - BibTeX

extension BibliographyReader {
    /// A BibTeX / biblatex reader over UTF-8 bytes; every character with syntax meaning is ASCII.
    ///
    /// Follows BibTeX where tools agree: text outside entries is a comment, `@comment` and `@preamble`
    /// are skipped, `@string` macros (and the month macros) expand where used, `#` concatenates, braces
    /// count even after a backslash. It is stricter than BibTeX only where silence would lose data: a
    /// stray `}` that ends an entry early, text after an entry's closing brace on the same line.
    fileprivate struct BibTeXReader {
        private let bytes: [UInt8]
        private let file: String
        private var index = 0
        private var line = 1
        /// Macro names (lowercased) to their raw values; the month macros are predefined as in BibTeX.
        private var macros: [String: String] = [
            "jan": "January", "feb": "February", "mar": "March", "apr": "April", "may": "May", "jun": "June",
            "jul": "July", "aug": "August", "sep": "September", "oct": "October", "nov": "November", "dec": "December",
        ]

        init(_ text: String, file: String) {
            var bytes = Array(text.utf8)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            self.bytes = bytes
            self.file = file
        }

        mutating func read() throws(PLNError) -> [SourceRecord] {
            var records: [SourceRecord] = []
            var keyLines: [String: Int] = [:]
            var lineHasText = false
            while let byte = current {
                switch byte {
                case ascii("@"):
                    let start = line
                    if let (key, record) = try entry(atLineStart: !lineHasText) {
                        if let earlier = firstUse(of: key, at: start, in: &keyLines) {
                            throw failure("the key '\(key)' is already used by the entry on line \(earlier)", line: start)
                        }
                        records.append(record)
                    }
                    lineHasText = true
                case ascii("%"):
                    while let next = current, next != ascii("\n") { step() }
                case ascii("\n"):
                    step()
                    lineHasText = false
                default:
                    if !Self.isSpace(byte) { lineHasText = true }
                    step()
                }
            }
            return records
        }

        // MARK: Scanning

        private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        private mutating func step() {
            if bytes[index] == ascii("\n") { line += 1 }
            index += 1
        }

        private mutating func skipSpace() {
            while let byte = current, Self.isSpace(byte) { step() }
        }

        private static func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
        }

        private static func isNameByte(_ byte: UInt8) -> Bool {
            switch byte {
            case ascii("a")...ascii("z"), ascii("A")...ascii("Z"), ascii("0")...ascii("9"),
                 ascii("_"), ascii("-"), ascii(":"), ascii("."), ascii("+"), ascii("/"): true
            default: false
            }
        }

        /// An entry type, field or macro name (possibly empty).
        private mutating func name() -> String {
            let start = index
            while let byte = current, Self.isNameByte(byte) { step() }
            return String(decoding: bytes[start..<index], as: UTF8.self)
        }

        private func failure(_ message: String, line: Int) -> PLNError {
            .malformedInput(file: file, line: line, message: message)
        }

        private func notClosed(_ start: Int) -> PLNError {
            failure("the entry starting on line \(start) is not closed (unbalanced braces?)", line: start)
        }

        private func describe(_ byte: UInt8) -> String {
            byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte \(byte)"
        }

        // MARK: Entries

        /// Reads one `@…` block; returns the key and record of a bibliographic entry, nil for anything else.
        private mutating func entry(atLineStart: Bool) throws(PLNError) -> (String, SourceRecord)? {
            let start = line
            step()
            let type = name().lowercased()
            let afterType = (index, line)
            skipSpace()
            guard let open = current, open == ascii("{") || open == ascii("(") else {
                if type == "comment" { return nil }
                // An "@" in running text between entries (an e-mail address in a note) is a comment too.
                if !atLineStart || type.isEmpty { (index, line) = afterType; return nil }
                throw failure("expected '{' after '@\(type)'", line: start)
            }
            let close = open == ascii("{") ? ascii("}") : ascii(")")
            step()
            var result: (String, SourceRecord)?
            switch type {
            case "comment", "preamble":
                try skipBody(close: close, start: start)
            case "string":
                try checkClosed(close: close, start: start)
                try macroDefinition(close: close, start: start)
            default:
                try checkClosed(close: close, start: start)
                result = try fields(type: type, close: close, start: start)
            }
            try checkRestOfLine(start: start)
            return result
        }

        /// Throws "not closed" unless the entry whose body starts here closes before the next line starting with `@`.
        ///
        /// An unbalanced `{` in a field makes BibTeX read on until some later `}` balances it, often in the
        /// next entry, and then fail somewhere unrelated. Braces must balance within an entry, and an entry
        /// never contains a line starting with `@` and a letter, so the entry's extent is checked first and
        /// the error points at the entry that is really broken.
        private func checkClosed(close: UInt8, start: Int) throws(PLNError) {
            var i = index
            var depth = 0
            var inQuote = false
            var atLineStart = false
            while i < bytes.count {
                let byte = bytes[i]
                i += 1
                if byte == ascii("\n") {
                    atLineStart = true
                    continue
                }
                if atLineStart {
                    if byte == 0x20 || byte == 0x09 || byte == 0x0D { continue }
                    atLineStart = false
                    if byte == ascii("@"), i < bytes.count, bytes[i] | 0x20 >= ascii("a"), bytes[i] | 0x20 <= ascii("z") {
                        throw notClosed(start)
                    }
                }
                switch byte {
                case ascii("{"):
                    depth += 1
                case ascii("}"):
                    if depth == 0, close == ascii("}") { return }
                    depth -= 1
                case ascii(")") where depth == 0 && !inQuote && close == ascii(")"):
                    return
                case ascii("\"") where depth == 0:
                    inQuote.toggle()
                case ascii("\\") where i < bytes.count && bytes[i] == ascii("\""):
                    i += 1
                default:
                    break
                }
            }
            throw notClosed(start)
        }

        private mutating func skipBody(close: UInt8, start: Int) throws(PLNError) {
            var depth = 0
            while let byte = current {
                step()
                if byte == ascii("{") {
                    depth += 1
                } else if byte == close, depth == 0 {
                    return
                } else if byte == ascii("}") {
                    depth -= 1
                }
            }
            throw notClosed(start)
        }

        private mutating func macroDefinition(close: UInt8, start: Int) throws(PLNError) {
            skipSpace()
            let macroLine = line
            let macro = name()
            guard !macro.isEmpty else { throw failure("expected a macro name in the @string on line \(start)", line: macroLine) }
            skipSpace()
            guard current == ascii("=") else {
                if current == nil { throw notClosed(start) }
                throw failure("expected '=' after the macro name '\(macro)'", line: macroLine)
            }
            step()
            let value = try value(field: macro, start: start)
            skipSpace()
            if current == ascii(",") { step(); skipSpace() }
            guard let byte = current else { throw notClosed(start) }
            guard byte == close else { throw failure("expected '\(describe(close))' to end the @string on line \(start)", line: line) }
            step()
            macros[macro.lowercased()] = value
        }

        /// The key and the fields of a bibliographic entry, after its opening delimiter.
        private mutating func fields(type: String, close: UInt8, start: Int) throws(PLNError) -> (String, SourceRecord)? {
            skipSpace()
            let keyStart = index
            while let byte = current, !Self.isSpace(byte),
                  ![ascii(","), ascii("{"), ascii("}"), ascii("("), ascii(")"), ascii("="), ascii("\""), ascii("#"), ascii("%")]
                    .contains(byte) {
                step()
            }
            let key = String(decoding: bytes[keyStart..<index], as: UTF8.self)
            skipSpace()
            guard !key.isEmpty, current != ascii("=") else {
                if current == nil { throw notClosed(start) }
                throw failure("the @\(type) entry starting on line \(start) has no key", line: start)
            }
            var fields: [String: String] = [:]
            guard let afterKey = current else { throw notClosed(start) }
            if afterKey == close {
                step()
            } else if afterKey == ascii(",") {
                step()
                fieldLoop: while true {
                    skipSpace()
                    guard let byte = current else { throw notClosed(start) }
                    if byte == close { step(); break }
                    // A new entry where a field name should be: this one was never closed.
                    if byte == ascii("@") { throw notClosed(start) }
                    let fieldLine = line
                    let field = name()
                    guard !field.isEmpty else {
                        throw failure("unexpected '\(describe(byte))' in the entry starting on line \(start)", line: line)
                    }
                    skipSpace()
                    guard current == ascii("=") else {
                        if current == nil { throw notClosed(start) }
                        throw failure("expected '=' after the field name '\(field)'", line: fieldLine)
                    }
                    step()
                    let value = try value(field: field, start: start)
                    let valueEndLine = line
                    let lowered = field.lowercased()
                    if fields[lowered] == nil { fields[lowered] = value }
                    skipSpace()
                    guard let after = current else { throw notClosed(start) }
                    if after == ascii(",") { step(); continue }
                    if after == close { step(); break fieldLoop }
                    throw failure("expected ',' or '\(describe(close))' after the field '\(field)'", line: valueEndLine)
                }
            } else {
                throw failure("expected ',' after the key '\(key)'", line: line)
            }
            guard type != "set", type != "xdata" else { return nil }
            return (key, BibTeXFields(fields).record(type: type, key: key))
        }

        /// After an entry's closing delimiter only a comment or another entry may follow on the same line.
        ///
        /// A stray `}` inside a field closes the entry early; BibTeX then skips the rest as a comment and
        /// silently loses fields. Anything but white space after the close is that mistake, so it is an error.
        private mutating func checkRestOfLine(start: Int) throws(PLNError) {
            while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0D { step() }
            guard let byte = current, byte != ascii("\n"), byte != ascii("%"), byte != ascii("@") else { return }
            throw failure("unexpected '\(describe(byte))' after the end of the entry starting on line \(start) (an extra '}'?)", line: line)
        }

        // MARK: Values

        /// A field value: braced text, quoted text, a number or a macro, joined by `#`; raw, braces inside kept.
        private mutating func value(field: String, start: Int) throws(PLNError) -> String {
            var result = ""
            while true {
                skipSpace()
                guard let byte = current else { throw notClosed(start) }
                switch byte {
                case ascii("{"):
                    result += try braced(start: start)
                case ascii("\""):
                    result += try quoted(start: start)
                case ascii("0")...ascii("9"):
                    let from = index
                    while let digit = current, digit >= ascii("0"), digit <= ascii("9") { step() }
                    result += String(decoding: bytes[from..<index], as: UTF8.self)
                case ascii("a")...ascii("z"), ascii("A")...ascii("Z"), ascii("_"):
                    let macroLine = line
                    let macro = name()
                    guard let expansion = macros[macro.lowercased()] else {
                        throw failure("unknown macro '\(macro)' in the field '\(field)' (define it with @string, or put the text in braces)",
                                      line: macroLine)
                    }
                    result += expansion
                default:
                    throw failure("expected a value for the field '\(field)'", line: line)
                }
                skipSpace()
                guard current == ascii("#") else { return result }
                step()
            }
        }

        private mutating func braced(start: Int) throws(PLNError) -> String {
            step()
            let from = index
            var depth = 1
            while let byte = current {
                if byte == ascii("{") {
                    depth += 1
                } else if byte == ascii("}") {
                    depth -= 1
                    if depth == 0 {
                        let text = String(decoding: bytes[from..<index], as: UTF8.self)
                        step()
                        return text
                    }
                }
                step()
            }
            throw notClosed(start)
        }

        /// A `"…"` value; a quote inside braces, or after a backslash (`\"o`), does not end it.
        private mutating func quoted(start: Int) throws(PLNError) -> String {
            step()
            let from = index
            var depth = 0
            while let byte = current {
                switch byte {
                case ascii("{"): depth += 1
                case ascii("}"):
                    depth -= 1
                    if depth < 0 { throw failure("unbalanced '}' in a quoted value", line: line) }
                case ascii("\\"):
                    step()
                    if current == nil { throw notClosed(start) }
                case ascii("\"") where depth == 0:
                    let text = String(decoding: bytes[from..<index], as: UTF8.self)
                    step()
                    return text
                default: break
                }
                step()
            }
            throw notClosed(start)
        }
    }

    /// One entry's raw fields (lowercased names) and their mapping onto a `SourceRecord`.
    fileprivate struct BibTeXFields {
        private let raw: [String: String]

        init(_ raw: [String: String]) { self.raw = raw }

        /// The field as plain text (LaTeX simplified), nil when absent or blank.
        private func text(_ name: String) -> String? {
            raw[name].flatMap { clean(LaTeX.plain($0)) }
        }

        /// The field with only braces and backslash escapes removed, for URLs and DOIs (which biblatex reads verbatim).
        private func verbatim(_ name: String) -> String? {
            raw[name].flatMap { clean(LaTeX.verbatim($0)) }
        }

        /// The record for an entry of `entryType` (lowercased).
        ///
        /// The container is `journaltitle`, `journal` or `booktitle`; a report's publisher is its
        /// `institution` and a thesis's its `school`; `number` is the issue. Editors stand in for the authors
        /// when there are none, as BibTeX styles print them. A misc or online entry is a webpage when it has
        /// a URL (in `url`, or as `\url{…}` in `howpublished`, which is how BibliographyWriter writes it).
        func record(type entryType: String, key: String) -> SourceRecord {
            var url = verbatim("url")
            if url == nil, let howpublished = raw["howpublished"], let link = LaTeX.urlArgument(howpublished) {
                url = clean(link)
            }
            let type: String
            switch entryType {
            case "article": type = "article-journal"
            case "book", "mvbook", "booklet", "collection", "mvcollection", "proceedings", "mvproceedings": type = "book"
            case "incollection", "inbook", "bookinbook", "suppbook": type = "chapter"
            case "inproceedings", "conference": type = "paper-conference"
            case "techreport", "report": type = "report"
            case "phdthesis", "mastersthesis", "thesis": type = "thesis"
            case "software": type = "software"
            case "misc", "online", "electronic", "www", "webpage": type = url == nil ? "document" : "webpage"
            default: type = "document"
            }
            let publisher: String? = switch type {
            case "report": text("institution") ?? text("publisher")
            case "thesis": text("school") ?? text("institution") ?? text("publisher")
            default: text("publisher")
            }
            var authors = names("author")
            if authors.isEmpty { authors = names("editor") }
            return SourceRecord(
                key: key, type: type, title: text("title"), authors: authors, issued: issued(),
                container: text("journaltitle") ?? text("journal") ?? text("booktitle"),
                volume: text("volume"), issue: text("number") ?? text("issue"),
                pages: BibliographyReader.pages(text("pages")), publisher: publisher,
                url: url, doi: verbatim("doi"), isbn: text("isbn"))
        }

        /// biblatex `date` (its start, if a range) when valid, else `year` with `month` (a macro, name or number) and `day`.
        private func issued() -> String? {
            if let date = text("date"), let start = date.split(separator: "/").first, let iso = isoDate(String(start)) {
                return iso
            }
            guard let year = text("year"), isDigits(Substring(year)), year.count == 4 else { return nil }
            let day = text("day").flatMap { isDigits(Substring($0)) ? Int($0) : nil }
            return edtf(year: Int(year), month: text("month").flatMap(BibliographyReader.month), day: day)
        }

        /// The names of a name list, as "Family, Given", "Family, Given, Suffix" or an organisation's name.
        ///
        /// Names are split on " and " outside braces; "others" (et al.) is dropped. A name in one pair of
        /// braces is an organisation and kept whole; "Given von Family" becomes "von Family, Given", and
        /// BibTeX's "von Family, Jr, Given" becomes "von Family, Given, Jr" (`SourceRecord`'s order).
        private func names(_ field: String) -> [String] {
            guard let raw = raw[field] else { return [] }
            var names: [[String]] = [[]]
            for word in LaTeX.words(raw) {
                if word.lowercased() == "and" { names.append([]) } else { names[names.count - 1].append(word) }
            }
            return names.compactMap { words in
                guard !words.isEmpty, !(words.count == 1 && words[0].lowercased() == "others") else { return nil }
                return name(words)
            }
        }

        private func name(_ words: [String]) -> String? {
            if words.count == 1, words[0].hasPrefix("{"), LaTeX.isOneGroup(words[0]) {
                return clean(LaTeX.plain(words[0]))
            }
            let parts = LaTeX.commaParts(words.joined(separator: " ")).map { clean(LaTeX.plain($0)) ?? "" }
            if parts.count > 1 {
                let family = parts[0]
                let given = parts.count > 2 ? parts[2...].joined(separator: " ") : parts[1]
                let suffix = parts.count > 2 ? parts[1] : ""
                let result = [family, given, suffix].filter { !$0.isEmpty }
                return result.isEmpty ? nil : result.joined(separator: ", ")
            }
            // "Given von Family": the family name starts at the first lower-case word before the last.
            let last = words.count - 1
            let familyStart = words[..<last].firstIndex(where: LaTeX.isLowercaseWord) ?? last
            let family = clean(LaTeX.plain(words[familyStart...].joined(separator: " ")))
            let given = clean(LaTeX.plain(words[..<familyStart].joined(separator: " ")))
            guard let family else { return given }
            return given.map { family + ", " + $0 } ?? family
        }
    }

    /// Turns the LaTeX in BibTeX values into plain Unicode text.
    ///
    /// Reference managers write accents as `{\"o}` or `\"{o}`, escape `& % $ # _`, protect capitals with
    /// braces and write dashes as `--`; a journal shows none of that. The common text-mode commands are
    /// understood; formatting commands (`\emph`, `\textit`, …) are dropped and their text kept; any other
    /// command keeps its name (`\LaTeX` → "LaTeX") so no word goes missing.
    fileprivate enum LaTeX {
        static func plain(_ raw: String) -> String {
            let scalars = Array(raw.unicodeScalars)
            let text = simplify(scalars[...])
            // Accent commands leave a letter and a combining mark; compose them ("o\u{308}" → "ö") as typed text is.
            guard text.unicodeScalars.contains(where: { $0.value >= 0x300 && $0.value < 0x370 }) else { return text }
            return text.precomposedStringWithCanonicalMapping
        }

        /// A URL or DOI: braces dropped, `\_` `\%` `\#` `\&` `\~` unescaped, `\url{…}` unwrapped, nothing else touched.
        static func verbatim(_ raw: String) -> String {
            let text = urlArgument(raw) ?? raw
            var output = String.UnicodeScalarView()
            var escaped = false
            for scalar in text.unicodeScalars {
                if escaped {
                    output.append(scalar)
                    escaped = false
                } else if scalar == "\\" {
                    escaped = true
                } else if scalar != "{", scalar != "}" {
                    output.append(scalar)
                }
            }
            return String(output)
        }

        /// The argument of the first `\url{…}` in `raw` (as BibliographyWriter writes `howpublished`), unescaped.
        static func urlArgument(_ raw: String) -> String? {
            guard let range = raw.range(of: "\\url{") else { return nil }
            var depth = 1
            var output = ""
            var escaped = false
            for character in raw[range.upperBound...] {
                if escaped {
                    output.append(character)
                    escaped = false
                    continue
                }
                switch character {
                case "\\": escaped = true
                case "{": depth += 1
                case "}":
                    depth -= 1
                    if depth == 0 { return output }
                default: output.append(character)
                }
            }
            return nil
        }

        /// The words of a name list, split on white space outside braces (braces kept).
        static func words(_ raw: String) -> [String] {
            var words: [String] = []
            var word = ""
            var depth = 0
            for character in raw {
                if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
                if depth == 0, character.isWhitespace {
                    if !word.isEmpty { words.append(word) }
                    word = ""
                } else {
                    word.append(character)
                }
            }
            if !word.isEmpty { words.append(word) }
            return words
        }

        /// `raw` split at commas outside braces.
        static func commaParts(_ raw: String) -> [String] {
            var parts = [""]
            var depth = 0
            for character in raw {
                if character == "{" { depth += 1 } else if character == "}" { depth = max(0, depth - 1) }
                if depth == 0, character == "," { parts.append("") } else { parts[parts.count - 1].append(character) }
            }
            return parts
        }

        /// Whether `word` is one `{…}` group: its first brace closes at its last character.
        static func isOneGroup(_ word: String) -> Bool {
            var depth = 0
            for (offset, character) in word.enumerated() {
                if character == "{" { depth += 1 } else if character == "}" { depth -= 1 }
                if depth == 0 { return offset == word.count - 1 }
            }
            return false
        }

        /// BibTeX's "von" test: the first letter is lower case; a word in braces (not an accent) has no case.
        static func isLowercaseWord(_ word: String) -> Bool {
            if word.hasPrefix("{"), !word.dropFirst().hasPrefix("\\") { return false }
            guard let letter = plain(word).first(where: \.isLetter) else { return false }
            return letter.isLowercase
        }

        private static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
            (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
        }

        private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
            scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
        }

        private static func simplify(_ s: ArraySlice<Unicode.Scalar>) -> String {
            var output = String.UnicodeScalarView()
            var i = s.startIndex
            while i < s.endIndex {
                let scalar = s[i]
                switch scalar {
                case "{", "}", "$":
                    i += 1
                case "~":
                    output.append(" ")
                    i += 1
                case "-":
                    var run = 0
                    while i < s.endIndex, s[i] == "-" { run += 1; i += 1 }
                    output.append(contentsOf: (run == 1 ? "-" : run == 2 ? "\u{2013}" : "\u{2014}").unicodeScalars)
                case "`" where i + 1 < s.endIndex && s[i + 1] == "`":
                    output.append("\u{201C}")
                    i += 2
                case "'" where i + 1 < s.endIndex && s[i + 1] == "'":
                    output.append("\u{201D}")
                    i += 2
                case "\\":
                    i = command(s, at: i, into: &output)
                default:
                    output.append(scalar)
                    i += 1
                }
            }
            return String(output)
        }

        /// Expands the command at `s[start]` (a backslash) into `output`; returns the index after it.
        private static func command(_ s: ArraySlice<Unicode.Scalar>, at start: Int, into output: inout String.UnicodeScalarView) -> Int {
            var i = start + 1
            guard i < s.endIndex else { return i }
            let first = s[i]
            guard isLetter(first) else {
                // A control symbol: an accent, an escaped special, or spacing.
                if let mark = symbolAccents[first] { return accent(mark, s, from: i + 1, into: &output) }
                switch first {
                case "\\", " ", ",", ";", ":": output.append(" ")
                case "-", "/", "@", "!": break
                default: output.append(first)
                }
                return i + 1
            }
            while i < s.endIndex, isLetter(s[i]) { i += 1 }
            let name = String(String.UnicodeScalarView(s[(start + 1)..<i]))
            let afterName = i
            // TeX ignores the spaces after a control word.
            while i < s.endIndex, isSpace(s[i]) { i += 1 }
            if let mark = letterAccents[name] { return accent(mark, s, from: i, into: &output) }
            if let symbol = symbols[name] {
                output.append(contentsOf: symbol.unicodeScalars)
                if i + 1 < s.endIndex, s[i] == "{", s[i + 1] == "}" { i += 2 }
                return i
            }
            if formatting.contains(name) { return i }
            if name == "href" || name == "noopsort" || name == "hspace" || name == "vspace" || name == "label" {
                // The first argument is a target or sort key, not text.
                if i < s.endIndex, s[i] == "{", let end = groupEnd(s, from: i) { return end }
                return i
            }
            output.append(contentsOf: name.unicodeScalars)
            return afterName
        }

        /// Puts `mark` (a combining character) after the first letter of the accent's argument, at `s[from]`.
        private static func accent(_ mark: Unicode.Scalar, _ s: ArraySlice<Unicode.Scalar>, from: Int,
                                   into output: inout String.UnicodeScalarView) -> Int {
            var i = from
            while i < s.endIndex, isSpace(s[i]) { i += 1 }
            guard i < s.endIndex else { return i }
            var base: String
            if s[i] == "{", let end = groupEnd(s, from: i) {
                let inner = s[(i + 1)..<(end - 1)]
                let trimmed = String(String.UnicodeScalarView(inner)).trimmingCharacters(in: .whitespaces)
                base = trimmed == "\\i" ? "i" : trimmed == "\\j" ? "j" : simplify(inner)
                i = end
            } else if s[i] == "\\", i + 1 < s.endIndex, s[i + 1] == "i" || s[i + 1] == "j",
                      i + 2 == s.endIndex || !isLetter(s[i + 2]) {
                base = String(s[i + 1])
                i += 2
                if i + 1 < s.endIndex, s[i] == "{", s[i + 1] == "}" { i += 2 }
            } else {
                base = String(s[i])
                i += 1
            }
            var scalars = Array(base.unicodeScalars)
            guard !scalars.isEmpty else { return i }
            scalars.insert(mark, at: 1)
            output.append(contentsOf: scalars)
            return i
        }

        /// The index after the `}` that closes the group opening at `s[from]`, nil if it never closes.
        private static func groupEnd(_ s: ArraySlice<Unicode.Scalar>, from: Int) -> Int? {
            var depth = 0
            var i = from
            while i < s.endIndex {
                if s[i] == "{" { depth += 1 } else if s[i] == "}" {
                    depth -= 1
                    if depth == 0 { return i + 1 }
                }
                i += 1
            }
            return nil
        }

        private static let symbolAccents: [Unicode.Scalar: Unicode.Scalar] = [
            "\"": "\u{0308}", "'": "\u{0301}", "`": "\u{0300}", "^": "\u{0302}", "~": "\u{0303}", "=": "\u{0304}", ".": "\u{0307}",
        ]

        private static let letterAccents: [String: Unicode.Scalar] = [
            "u": "\u{0306}", "v": "\u{030C}", "H": "\u{030B}", "c": "\u{0327}", "k": "\u{0328}", "r": "\u{030A}",
            "d": "\u{0323}", "b": "\u{0331}",
        ]

        private static let symbols: [String: String] = [
            "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "ae": "æ", "AE": "Æ", "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å",
            "l": "ł", "L": "Ł", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð", "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
            "dj": "đ", "DJ": "Đ",
            "textendash": "\u{2013}", "textemdash": "\u{2014}", "textquoteleft": "\u{2018}", "textquoteright": "\u{2019}",
            "textquotedblleft": "\u{201C}", "textquotedblright": "\u{201D}", "textquotedbl": "\"", "textquotesingle": "'",
            "textasciitilde": "~", "textasciicircum": "^", "textbackslash": "\\", "textbraceleft": "{", "textbraceright": "}",
            "textunderscore": "_", "textbar": "|", "textless": "<", "textgreater": ">", "textdollar": "$",
            "textellipsis": "…", "dots": "…", "ldots": "…", "S": "§", "P": "¶", "textsection": "§", "textparagraph": "¶",
            "copyright": "©", "textcopyright": "©", "textregistered": "®", "texttrademark": "™", "texteuro": "€",
            "euro": "€", "pounds": "£", "textsterling": "£", "textdegree": "°", "guillemotleft": "«",
            "guillemotright": "»", "guillemetleft": "«", "guillemetright": "»", "textbullet": "•", "textdagger": "†",
            "textperiodcentered": "·", "textexclamdown": "¡", "textquestiondown": "¿", "quad": " ", "qquad": " ",
            "slash": "/", "textslash": "/", "nobreakspace": " ",
        ]

        /// Commands that only change how their argument looks; the argument's text is kept.
        private static let formatting: Set<String> = [
            "emph", "textit", "textbf", "textsc", "textrm", "textsf", "texttt", "textup", "textsl", "textmd", "textnormal",
            "it", "bf", "em", "sc", "rm", "sf", "tt", "sl", "itshape", "bfseries", "scshape", "upshape", "mdseries",
            "normalfont", "mkbibemph", "mkbibitalic", "mkbibbold", "mkbibquote", "enquote", "mbox", "hbox", "text",
            "textsuperscript", "textsubscript", "NoCaseChange", "nocase", "ensuremath", "mathrm", "mathit", "mathbf",
            "mathsf", "mathtt", "protect", "relax", "url", "small", "footnotesize", "large", "Large", "uppercase",
            "lowercase", "MakeUppercase", "MakeLowercase", "textsuperscript", "ignorespaces",
        ]
    }
}

// MARK: - RIS

extension BibliographyReader {
    /// A RIS reader: `XX  - value` lines, records from `TY` to `ER`.
    ///
    /// RIS has no keys, so each record gets one a user can type in `[[…]]`: the first author's family
    /// name folded to lower-case ASCII plus the year ("hattie2007"), with a, b, c… for later records that
    /// would repeat it, or "untitled" and the record's number when there is no author (or the name has no
    /// letter that folds to ASCII). Keys only depend on the file, so importing it again updates the same sources.
    fileprivate enum RISReader {
        /// The tag and value of a `XX  - value` line, nil for any other line.
        ///
        /// Some exporters write one space before the dash, and many drop the space after it when the value
        /// is empty ("ER  -"), so both are accepted; a tag is two capital letters or digits.
        static func tagLine(_ line: Substring) -> (tag: String, value: Substring)? {
            let scalars = line.unicodeScalars
            var i = scalars.startIndex
            var tag = ""
            for _ in 0..<2 {
                guard i < scalars.endIndex else { return nil }
                let scalar = scalars[i]
                guard (scalar >= "A" && scalar <= "Z") || (scalar >= "0" && scalar <= "9") else { return nil }
                tag.unicodeScalars.append(scalar)
                i = scalars.index(after: i)
            }
            var spaces = 0
            while i < scalars.endIndex, scalars[i] == " " { spaces += 1; i = scalars.index(after: i) }
            guard spaces >= 1, i < scalars.endIndex, scalars[i] == "-" else { return nil }
            i = scalars.index(after: i)
            guard i == scalars.endIndex || scalars[i] == " " || scalars[i] == "\t" || scalars[i] == "\r" else { return nil }
            return (tag, Substring(scalars[i...]))
        }

        private struct Record {
            let line: Int
            var tags: [(tag: String, value: String)] = []
        }

        static func read(_ text: String, file: String) throws(PLNError) -> [SourceRecord] {
            func failure(_ message: String, _ line: Int) -> PLNError { .malformedInput(file: file, line: line, message: message) }
            var body = Substring(text)
            if body.first == "\u{FEFF}" { body = body.dropFirst() }
            var records: [Record] = []
            var current: Record?
            var number = 0
            // "\r\n" is one Character in Swift, so it is a separator of its own.
            for line in body.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
                number += 1
                guard let (tag, value) = tagLine(line) else {
                    if line.allSatisfy(\.isWhitespace) { continue }
                    if let record = current {
                        throw failure("expected a 'XX  - value' tag line in the record starting on line \(record.line)", number)
                    }
                    throw failure("text outside a record (a record starts with 'TY  - ')", number)
                }
                switch tag {
                case "TY":
                    if let record = current { throw failure("the record starting on line \(record.line) has no ER", record.line) }
                    current = Record(line: number)
                    current?.tags.append((tag, String(value)))
                case "ER":
                    guard let record = current else { throw failure("ER outside a record", number) }
                    records.append(record)
                    current = nil
                default:
                    guard current != nil else { throw failure("'\(tag)' outside a record (a record starts with 'TY  - ')", number) }
                    current?.tags.append((tag, String(value)))
                }
            }
            if let record = current { throw failure("the record starting on line \(record.line) has no ER", record.line) }

            var result = records.map(sourceRecord)
            var used: Set<String> = []
            // Per stem, the number of the next suffix to try, so a stem repeated n times costs n, not n².
            var nextSuffix: [String: Int] = [:]
            for index in result.indices {
                let stem = result[index].key.isEmpty ? "untitled" + String(index + 1) : result[index].key
                var key = stem
                if used.contains(key) {
                    var suffix = nextSuffix[stem, default: 0]
                    repeat {
                        key = stem + letters(suffix)
                        suffix += 1
                    } while used.contains(key)
                    nextSuffix[stem] = suffix
                }
                used.insert(key)
                result[index].key = key
            }
            return result
        }

        /// "a", "b", … "z", "aa", "ab", … for the 1st, 2nd, … repeat of a key.
        private static func letters(_ number: Int) -> String {
            let alphabet = Array("abcdefghijklmnopqrstuvwxyz")
            var number = number
            var text = ""
            repeat {
                text = String(alphabet[number % 26]) + text
                number = number / 26 - 1
            } while number >= 0
            return text
        }

        /// The record with its key stem ("hattie2007"), or an empty key when it has no author.
        private static func sourceRecord(_ record: Record) -> SourceRecord {
            func first(_ tags: Set<String>) -> String? {
                record.tags.lazy.filter { tags.contains($0.tag) }.compactMap { clean($0.value) }.first
            }
            let risType = first(["TY"])?.uppercased() ?? "GEN"
            let type: String = switch risType {
            case "JOUR", "EJOUR", "JFULL", "ABST", "INPR": "article-journal"
            case "MGZN": "article-magazine"
            case "NEWS": "article-newspaper"
            case "BOOK", "EBOOK", "EDBOOK", "CLSWK": "book"
            case "CHAP", "ECHAP": "chapter"
            case "CPAPER", "CONF": "paper-conference"
            case "RPRT": "report"
            case "THES": "thesis"
            case "ELEC", "WEB": "webpage"
            case "BLOG": "post-weblog"
            case "VIDEO", "MPCT": "video"
            case "SOUND": "song"
            case "COMP": "software"
            case "SLIDE": "speech"
            case "ICOMM": "chat"
            default: "document"
            }
            let authors = record.tags.filter { $0.tag == "AU" || $0.tag == "A1" }.compactMap { author(clean($0.value)) }
            var title = first(["TI", "T1"])
            var container = first(["T2", "JO", "JF", "JA"])
            if type == "book" { title = title ?? first(["BT"]) } else { container = container ?? first(["BT"]) }
            let issued = date(record.tags.filter { ["PY", "Y1", "DA"].contains($0.tag) }.map(\.value))
            var pages = first(["SP"])
            if let end = first(["EP"]), end != pages { pages = pages.map { $0 + "-" + end } ?? end }
            // In a journal record SN is the journal's ISSN, which is not an ISBN.
            let isbn = type.hasPrefix("article") ? nil : first(["SN"])
            var key = ""
            if let family = authors.first.map({ String($0.prefix(while: { $0 != "," })) }) {
                key = asciiFolded(family)
                if !key.isEmpty, let issued { key += issued.prefix(4) }
            }
            return SourceRecord(
                key: key, type: type, title: title, authors: authors, issued: issued, container: container,
                volume: first(["VL"]), issue: first(["IS"]), pages: BibliographyReader.pages(pages),
                publisher: first(["PB"]), url: first(["UR"]), doi: first(["DO"]), isbn: isbn)
        }

        /// "Family, Given" with single spaces after the commas; a name without a comma kept as it is.
        private static func author(_ text: String?) -> String? {
            guard let text else { return nil }
            let parts = text.split(separator: ",").compactMap { clean(String($0)) }
            return parts.isEmpty ? nil : parts.joined(separator: ", ")
        }

        /// The date of PY/Y1/DA values ("2007", "2007///", "2007/03/14/", "2007-03-14"): the first, or a later
        /// one of the same year that says more (a PY year with a DA date).
        private static func date(_ values: [String]) -> String? {
            var best: String?
            for value in values {
                let text = value.trimmingCharacters(in: .whitespaces)
                let separator: Character = text.contains("/") ? "/" : "-"
                var parts = text.split(separator: separator, omittingEmptySubsequences: false).map(String.init)
                while parts.count > 1, parts.last?.isEmpty == true || parts.count > 3 { parts.removeLast() }
                guard let date = isoDate(parts.joined(separator: "-")) else { continue }
                if let current = best {
                    if current.prefix(4) == date.prefix(4), date.count > current.count { best = date }
                } else {
                    best = date
                }
            }
            return best
        }

        /// Lower-case ASCII letters and digits only: "Müller-Lüdenscheidt" → "mullerludenscheidt", "Ødegård" → "odegard".
        static func asciiFolded(_ text: String) -> String {
            var output = ""
            let lowered = text.lowercased()
            let decomposed = lowered.utf8.allSatisfy { $0 < 0x80 } ? lowered : lowered.decomposedStringWithCanonicalMapping
            for scalar in decomposed.unicodeScalars {
                if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                    output.unicodeScalars.append(scalar)
                } else if let replacement = foldedLetters[scalar] {
                    output += replacement
                }
            }
            return output
        }

        /// Letters that canonical decomposition leaves alone, with their usual ASCII spelling.
        private static let foldedLetters: [Unicode.Scalar: String] = [
            "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "ı": "i", "ŋ": "n",
        ]
    }
}

// MARK: - CSL-JSON

extension BibliographyReader {
    /// A CSL-JSON reader: an array of items (or one item) as Zotero, Pandoc and citeproc write them.
    ///
    /// JSON values carry no line numbers, so the lines where the top-level items start are found by a
    /// second, cheap scan of the (already valid) text; errors about an item then point at its line.
    fileprivate enum CSLReader {
        static func read(_ input: String, file: String) throws(PLNError) -> [SourceRecord] {
            var bytes = Array(input.utf8)
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            let document: JSONValue
            do {
                document = try JSONParser.parse(bytes: bytes)
            } catch {
                throw .malformedInput(file: file, line: error.line, message: "invalid JSON: " + error.message)
            }
            let lines = itemLines(bytes)
            let items: [JSONValue]
            switch document {
            case .array(let array): items = array
            case .object: items = [document]
            default:
                throw .malformedInput(file: file, line: lines.first, message: "expected an array of CSL-JSON items")
            }
            var records: [SourceRecord] = []
            var seen: [String: Int] = [:]
            for (offset, item) in items.enumerated() {
                let number = offset + 1
                let line = offset < lines.count ? lines[offset] : nil
                func failure(_ message: String) -> PLNError { .malformedInput(file: file, line: line, message: message) }
                guard case .object = item else { throw failure("item \(number) is not an object") }
                guard let idValue = item["id"], !idValue.isNull else { throw failure("item \(number) has no id") }
                guard let key = text(idValue) else {
                    if case .string = idValue { throw failure("item \(number) has an empty id") }
                    throw failure("item \(number) has an id that is neither a string nor a number")
                }
                if let earlier = firstUse(of: key, at: number, in: &seen) {
                    throw failure("item \(number) has the id '\(key)' of item \(earlier); ids must be unique")
                }
                records.append(record(item, key: key))
            }
            return records
        }

        /// The record for one item (an object) whose id is `key`.
        ///
        /// Types are kept as written except that `motion_picture` is pln's "video" and a `song` whose genre
        /// says podcast is "podcast" (the inverse of BibliographyWriter's mapping). Editors stand in for the
        /// authors when there are none; CSL's rich-text tags are dropped from titles.
        private static func record(_ item: JSONValue, key: String) -> SourceRecord {
            func field(_ name: String) -> String? { item[name].flatMap(text) }
            var type = field("type")?.lowercased() ?? "document"
            if type == "motion_picture" {
                type = "video"
            } else if type == "song", field("genre")?.lowercased().contains("podcast") == true {
                type = "podcast"
            }
            var authors = names(item["author"])
            if authors.isEmpty { authors = names(item["editor"]) }
            return SourceRecord(
                key: key, type: type, title: field("title").flatMap(plain), authors: authors, issued: date(item["issued"]),
                container: field("container-title").flatMap(plain), volume: field("volume"), issue: field("issue"),
                pages: BibliographyReader.pages(field("page")), publisher: field("publisher"), url: field("URL"),
                doi: field("DOI"), isbn: field("ISBN"))
        }

        /// A string or number as clean text ("77" for 77); nil for anything else or blank.
        private static func text(_ value: JSONValue) -> String? {
            switch value {
            case .string(let string): return clean(string)
            case .number(let number): return value.intValue.map { String($0) } ?? String(number)
            default: return nil
            }
        }

        /// Title text without CSL's rich-text tags (`<i>`, `<b>`, `<sup>`, `<sub>`, `<span class="nocase">`).
        private static func plain(_ text: String) -> String? {
            guard text.contains("<") else { return text }
            var output = text
            for tag in ["<i>", "</i>", "<b>", "</b>", "<sup>", "</sup>", "<sub>", "</sub>", "<span class=\"nocase\">",
                        "<span style=\"font-variant:small-caps;\">", "</span>"] {
                output = output.replacingOccurrences(of: tag, with: "")
            }
            return clean(output)
        }

        /// CSL names as "Family, Given[, Suffix]", with particles in the family ("van Beethoven, Ludwig"); literals as written.
        private static func names(_ value: JSONValue?) -> [String] {
            guard let list = value?.arrayValue else { return [] }
            return list.compactMap { name in
                if let literal = name.stringValue { return clean(literal) }
                if let literal = name["literal"].flatMap(text) { return literal }
                let family = [name["non-dropping-particle"], name["family"]].compactMap { $0.flatMap(text) }.joined(separator: " ")
                let given = [name["given"], name["dropping-particle"]].compactMap { $0.flatMap(text) }.joined(separator: " ")
                let suffix = name["suffix"].flatMap(text)
                guard !family.isEmpty else { return given.isEmpty ? nil : given }
                return ([family] + [given, suffix ?? ""].filter { !$0.isEmpty }).joined(separator: ", ")
            }
        }

        /// `date-parts` (the start of a range), or `raw`/`literal` when it is already "YYYY", "YYYY-MM" or "YYYY-MM-DD".
        private static func date(_ value: JSONValue?) -> String? {
            guard let value else { return nil }
            if let raw = value.stringValue { return isoDate(raw.trimmingCharacters(in: .whitespaces)) }
            if let first = value["date-parts"]?.arrayValue?.first?.arrayValue, !first.isEmpty {
                let parts = first.prefix(3).map { part -> Int? in
                    if let number = part.intValue { return Int(number) }
                    return part.stringValue.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
                }
                return edtf(year: parts[0], month: parts.count > 1 ? parts[1] : nil, day: parts.count > 2 ? parts[2] : nil)
            }
            for name in ["raw", "literal"] {
                if let raw = value[name]?.stringValue, let date = isoDate(raw.trimmingCharacters(in: .whitespaces)) { return date }
            }
            return nil
        }

        /// The 1-based line where each element of a top-level array starts, or the top-level value's line.
        ///
        /// Runs on text `JSONParser` accepted, so it only tracks strings and nesting depth.
        private static func itemLines(_ bytes: [UInt8]) -> [Int] {
            var line = 1
            var index = 0
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) {
                if bytes[index] == 0x0A { line += 1 }
                index += 1
            }
            guard index < bytes.count, bytes[index] == ascii("[") else { return [line] }
            var lines: [Int] = []
            var depth = 0
            var inString = false
            var escaped = false
            var expectingItem = false
            for byte in bytes[index...] {
                if byte == 0x0A { line += 1 }
                if inString {
                    if escaped {
                        escaped = false
                    } else if byte == ascii("\\") {
                        escaped = true
                    } else if byte == ascii("\"") {
                        inString = false
                    }
                    continue
                }
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D:
                    continue
                case ascii(","):
                    if depth == 1 { expectingItem = true }
                    continue
                case ascii("]"), ascii("}"):
                    depth -= 1
                    continue
                default:
                    break
                }
                if depth == 1, expectingItem {
                    lines.append(line)
                    expectingItem = false
                }
                switch byte {
                case ascii("\""):
                    inString = true
                case ascii("["), ascii("{"):
                    depth += 1
                    if depth == 1 { expectingItem = true }
                default:
                    break
                }
            }
            return lines
        }
    }
}
