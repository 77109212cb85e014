/// Finds the `#tags`, `@people`, `[[source, locator]]` citations and bare http(s) URLs in an entry body.
///
/// It runs on every entry that is captured, edited or re-indexed, so it is one hand-written pass
/// over the body's Unicode scalars (no regular expressions) with an early exit for bodies that
/// contain none of the marker characters. URLs, citations and backtick code spans are consumed
/// whole, so a URL's `#fragment` or `@path`, or a `` `#literal` `` in code, never becomes a link.
package enum InlineParser {
    /// Parses `body` and returns its links, deduplicated and in first-seen order.
    package static func parse(_ body: String) -> InlineLinks {
        guard mayContainMarkers(body) else { return InlineLinks() }
        let text = Array(body.unicodeScalars)
        var collector = Collector()
        var failedCodeRuns = Set<Int>()
        var index = 0
        while index < text.count {
            switch text[index].value {
            case 0x60:  // `
                index = endOfCodeSpan(text, at: index, failedRuns: &failedCodeRuns)
            case 0x5B:  // [
                if let (citation, end) = citation(text, at: index) {
                    collector.add(citation)
                    index = end
                } else {
                    index += 1
                }
            case 0x68, 0x48:  // h H
                if let (url, end) = url(text, at: index) {
                    collector.add(url: url)
                    index = end
                } else {
                    index += 1
                }
            case 0x23:  // #
                if let (tag, end) = tag(text, at: index) {
                    collector.add(tag: tag)
                    index = end
                } else {
                    index += 1
                }
            case 0x40:  // @
                if let (handle, end) = handle(text, at: index) {
                    collector.add(person: handle)
                    index = end
                } else {
                    index += 1
                }
            default:
                index += 1
            }
        }
        return collector.links
    }

    // MARK: - Fast rejection

    /// True when the body contains a byte that can start a link: '#', '@', '[' or ':' (every URL has one).
    ///
    /// Most journal lines link nothing; this keeps them to one tight byte loop with no allocation.
    private static func mayContainMarkers(_ body: String) -> Bool {
        for byte in body.utf8 {
            switch byte {
            case 0x23, 0x40, 0x5B, 0x3A: return true
            default: continue
            }
        }
        return false
    }

    // MARK: - Code spans

    /// Returns the index just past the code span opened by the backtick run at `start`, or just past
    /// the run itself when no closing run of the same length follows (the backticks are then literal).
    ///
    /// `failedRuns` remembers run lengths that found no closer: a later search for the same length
    /// would scan a subset of the same text and fail too, so remembering keeps the scan linear.
    private static func endOfCodeSpan(
        _ text: [Unicode.Scalar], at start: Int, failedRuns: inout Set<Int>
    ) -> Int {
        var index = start
        while index < text.count, text[index] == "`" { index += 1 }
        let runLength = index - start
        if failedRuns.contains(runLength) { return index }
        var probe = index
        while probe < text.count {
            guard text[probe] == "`" else {
                probe += 1
                continue
            }
            let runStart = probe
            while probe < text.count, text[probe] == "`" { probe += 1 }
            if probe - runStart == runLength { return probe }
        }
        failedRuns.insert(runLength)
        return index
    }

    // MARK: - Citations

    /// Parses `[[key]]` or `[[key, locator]]` starting at `start`; nil when it is not a well-formed citation.
    ///
    /// The closing "]]" must be on the same line and nothing inside may be '['; the scan therefore
    /// stops at the next '[' and the caller retries from there, which keeps it linear and lets
    /// "[[[key]]]" still find its citation.
    private static func citation(_ text: [Unicode.Scalar], at start: Int) -> (SourceCitation, Int)? {
        guard start + 1 < text.count, text[start + 1] == "[" else { return nil }
        let contentStart = start + 2
        var index = contentStart
        var comma: Int?
        while true {
            guard index < text.count else { return nil }
            let scalar = text[index]
            if scalar == "]", index + 1 < text.count, text[index + 1] == "]" { break }
            if scalar == "[" || scalar == "\n" || scalar == "\r" { return nil }
            if scalar == ",", comma == nil { comma = index }
            index += 1
        }
        let contentEnd = index
        let keyRange = trimmed(text, contentStart..<(comma ?? contentEnd))
        guard !keyRange.isEmpty else { return nil }
        for position in keyRange where !isKeyScalar(text[position]) { return nil }
        let locator: String
        if let comma {
            locator = string(text, trimmed(text, (comma + 1)..<contentEnd))
        } else {
            locator = ""
        }
        return (SourceCitation(key: string(text, keyRange), locator: locator), contentEnd + 2)
    }

    /// Characters a source key may contain: letters, digits, '_', '-', ':', '.', '/'.
    ///
    /// Keys are identifiers ("smith2020", "doi:10.1000/182"); anything with spaces is ordinary
    /// bracketed prose and must stay text.
    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "_", "-", ":", ".", "/": true
        default: isWordScalar(scalar)
        }
    }

    // MARK: - URLs

    /// Parses a bare `http://` or `https://` URL starting at `start`; nil when there is none.
    ///
    /// Trailing sentence punctuation is not part of the URL, and neither is a closing ')' or ']'
    /// that has no partner inside it, so "(see https://x.org/a)" loses the ')' while
    /// "https://en.wikipedia.org/wiki/Foo_(bar)" keeps it.
    private static func url(_ text: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        if start > 0, isWordScalar(text[start - 1]) { return nil }
        guard let hostStart = endOfScheme(text, at: start) else { return nil }
        var end = hostStart
        var openParens = 0, closeParens = 0, openBrackets = 0, closeBrackets = 0
        scan: while end < text.count {
            let scalar = text[end]
            switch scalar {
            case "<", ">", "\"": break scan
            case "(": openParens += 1
            case ")": closeParens += 1
            case "[": openBrackets += 1
            case "]": closeBrackets += 1
            default:
                if isControl(scalar) || isWhitespace(scalar) { break scan }
            }
            end += 1
        }
        trimming: while end > hostStart {
            switch text[end - 1] {
            case ".", ",", ";", ":", "!", "?", "'":
                end -= 1
            case ")" where closeParens > openParens:
                closeParens -= 1
                end -= 1
            case "]" where closeBrackets > openBrackets:
                closeBrackets -= 1
                end -= 1
            default:
                break trimming
            }
        }
        guard end > hostStart else { return nil }
        return (string(text, start..<end), end)
    }

    /// Returns the index after "http://" or "https://" (scheme in any case) at `start`, or nil.
    private static func endOfScheme(_ text: [Unicode.Scalar], at start: Int) -> Int? {
        var index = start
        for expected in "http".unicodeScalars {
            guard index < text.count, asciiLowercased(text[index]) == expected else { return nil }
            index += 1
        }
        if index < text.count, asciiLowercased(text[index]) == "s" { index += 1 }
        for expected in "://".unicodeScalars {
            guard index < text.count, text[index] == expected else { return nil }
            index += 1
        }
        return index
    }

    // MARK: - Tags

    /// Parses `#tag` at `start`; nil when the '#' is not a tag marker or what follows is not a tag.
    ///
    /// The '#' must not follow a word character, '&' or '/', so "C#", "a#b", "&#39;" and
    /// "example.org/#top" stay text. A run with no letter or '_' ("#1", "#2026", "#12-14") is a
    /// number or range, not a tag.
    private static func tag(_ text: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        if start > 0 {
            let previous = text[start - 1]
            if isWordScalar(previous) || previous == "&" || previous == "/" { return nil }
        }
        let first = start + 1
        guard first < text.count, isWordScalar(text[first]) else { return nil }
        var end = first
        var hasNonNumber = false
        while end < text.count {
            let scalar = text[end]
            if isWordScalar(scalar) {
                if !hasNonNumber, !isNumber(scalar) { hasNonNumber = true }
            } else if scalar != "-" && scalar != "\u{200C}" && scalar != "\u{200D}" {
                break
            }
            end += 1
        }
        while text[end - 1] == "-" || text[end - 1] == "\u{200C}" || text[end - 1] == "\u{200D}" {
            end -= 1
        }
        guard hasNonNumber else { return nil }
        return (string(text, first..<end), end)
    }

    // MARK: - People

    /// Parses `@handle` or fediverse `@handle@instance.domain` at `start`; nil when it is not a mention.
    ///
    /// The '@' must not follow a word character or '.', '-', '+', '/', which keeps e-mail addresses
    /// ("jane@example.com", "j.doe+x@example.com") and path segments out. Trailing '.' and '-'
    /// are sentence punctuation, not handle. A run of digits only ("@3") is shorthand for "at 3".
    private static func handle(_ text: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        if start > 0 {
            let previous = text[start - 1]
            switch previous {
            case ".", "-", "+", "/": return nil
            default: if isWordScalar(previous) { return nil }
            }
        }
        let first = start + 1
        guard first < text.count, isWordScalar(text[first]) else { return nil }
        var runEnd = first
        var hasNonNumber = false
        while runEnd < text.count {
            let scalar = text[runEnd]
            if isWordScalar(scalar) {
                if !hasNonNumber, !isNumber(scalar) { hasNonNumber = true }
            } else if scalar != "." && scalar != "-" {
                break
            }
            runEnd += 1
        }
        var end = runEnd
        while text[end - 1] == "." || text[end - 1] == "-" { end -= 1 }
        guard hasNonNumber else { return nil }
        if end == runEnd, end < text.count, text[end] == "@", let domainEnd = endOfDomain(text, at: end + 1) {
            end = domainEnd
        }
        return (string(text, first..<end), end)
    }

    /// Returns the end of a domain-like run ("example.social") at `start`, or nil when there is none.
    ///
    /// The run must start with a letter or digit and keep at least one '.' once trailing '.' and
    /// '-' are dropped, so "@jane@home" is not mistaken for a fediverse handle.
    private static func endOfDomain(_ text: [Unicode.Scalar], at start: Int) -> Int? {
        guard start < text.count, isWordScalar(text[start]), text[start] != "_" else { return nil }
        var end = start
        while end < text.count {
            let scalar = text[end]
            guard scalar == "." || scalar == "-" || (isWordScalar(scalar) && scalar != "_") else { break }
            end += 1
        }
        while text[end - 1] == "." || text[end - 1] == "-" { end -= 1 }
        guard text[start..<end].contains(".") else { return nil }
        return end
    }

    // MARK: - Character classes

    /// True for letters, combining marks, numbers and '_': the characters a word is made of.
    ///
    /// Marks count so that decomposed text ("e" + U+0301) and scripts written with vowel signs
    /// stay inside one tag; ASCII is decided without touching the Unicode property tables.
    @inline(__always)
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
                || (value >= 0x61 && value <= 0x7A) || value == 0x5F
        }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    /// True for any Unicode number (digits in every script, "½", "Ⅻ").
    @inline(__always)
    private static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value >= 0x30 && value <= 0x39 }
        switch scalar.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    /// True for C0 and C1 control characters and DEL, which always end a URL.
    @inline(__always)
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (value >= 0x7F && value < 0xA0)
    }

    /// True for Unicode whitespace; ASCII is decided without touching the property tables.
    @inline(__always)
    private static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return value == 0x20 || (value >= 0x09 && value <= 0x0D) }
        return scalar.properties.isWhitespace
    }

    /// Lowercases an ASCII letter and leaves every other scalar alone.
    @inline(__always)
    private static func asciiLowercased(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        guard value >= 0x41, value <= 0x5A else { return scalar }
        return Unicode.Scalar(UInt8(value + 0x20))
    }

    // MARK: - Slices

    /// Narrows `range` so it neither starts nor ends with whitespace.
    private static func trimmed(_ text: [Unicode.Scalar], _ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isWhitespace(text[lower]) { lower += 1 }
        while upper > lower, isWhitespace(text[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Builds a String from a range of scalars by encoding them to UTF-8 directly.
    ///
    /// Appending scalars to a `String.UnicodeScalarView` goes through an unspecialised generic
    /// path that was the parser's hottest spot; one byte buffer and one decode is several times faster.
    private static func string(_ text: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(range.count)
        for index in range {
            let scalar = text[index]
            if scalar.isASCII {
                bytes.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    // MARK: - Collecting

    /// Accumulates links while enforcing each list's deduplication rule.
    private struct Collector {
        /// The links accepted so far, in first-seen order.
        var links = InlineLinks()
        private var seenTags = Set<String>()
        private var seenPeople = Set<String>()
        private var seenSources = Set<SourceCitation>()
        private var seenURLs = Set<String>()

        /// Appends a tag unless one differing only in case was seen.
        mutating func add(tag: String) {
            if seenTags.insert(tag.lowercased()).inserted { links.tags.append(tag) }
        }

        /// Appends a handle unless one differing only in case was seen.
        mutating func add(person: String) {
            if seenPeople.insert(person.lowercased()).inserted { links.people.append(person) }
        }

        /// Appends a citation unless the same key (any case) and locator was seen.
        mutating func add(_ citation: SourceCitation) {
            let identity = SourceCitation(key: citation.key.lowercased(), locator: citation.locator)
            if seenSources.insert(identity).inserted { links.sources.append(citation) }
        }

        /// Appends a URL unless the identical text was seen.
        mutating func add(url: String) {
            if seenURLs.insert(url).inserted { links.urls.append(url) }
        }
    }
}
