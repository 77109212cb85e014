import Foundation

/// Turns an HTML fragment (a toot, a blog post, a bookmark description) into Markdown-flavoured
/// plain text, the way importers store it.
///
/// Whitespace collapses as a browser renders it; `<p>` separates paragraphs by one blank line,
/// `<br>` and `<div>` break lines, and there are never two blank lines in a row. Links become
/// `[label](href)`, or the bare URL when the label is the URL (Mastodon shortens long links into
/// `invisible`/`ellipsis` spans; the full `href` comes out), or just their text when they are
/// mention or hashtag anchors. Lists become `- ` (or `1. `) items, `<em>`/`<strong>` `*`/`**`,
/// `<code>` backticks, `<pre>` a fenced block, `<blockquote>` `> ` lines, headings `#`. Scripts,
/// styles and the document head are dropped; images give their alt text; an `<iframe>` gives
/// its `src` (an embedded video stays findable).
package struct HTMLTextConverter {
    private struct Link {
        var href: String
        /// Mention and hashtag anchors keep only their text.
        var textOnly: Bool
        /// Mastodon's `invisible`/`ellipsis` spans were inside: the text is a shortened URL.
        var shortened = false
        var label = ""
        var pendingSpace = false
    }

    private enum ListKind {
        case bullet
        case numbered(Int)
    }

    private var lines: [String] = []
    private var lastLineQuoteDepth = 0
    private var lineQuoteDepth = 0
    private var line = ""
    private var linePrefix = ""
    private var lineStarted = false
    private var pendingSpace = false
    /// 0 none, 1 a line break, 2 a blank line, before the next text.
    private var pendingBreak = 0
    /// Markers (`**`, `` ` ``, `## `) written before the next text, dropped if none comes.
    private var pendingOpen = ""
    private var lists: [ListKind] = []
    private var pendingBullet: String?
    private var quoteDepth = 0
    private var preDepth = 0
    private var skipDepth = 0
    private var links: [Link] = []
    /// Per open `<span>`: whether it is Mastodon's `invisible` span (its text is not shown).
    private var spans: [Bool] = []
    private var openMarkers: [String: [String]] = [:]
    private var afterPreStart = false
    /// The link targets so far (see ``textAndLinks(from:)``).
    private var targets: [String] = []

    /// Whether the element is dropped with its contents (`script`, `style`, `template`, `head`,
    /// `title`, `svg`, `math`, `noscript`): asked of every tag, so the length picks the candidates
    /// first, rather than hashing each name into a set.
    private static func isDropped(_ name: String) -> Bool {
        switch name.utf8.count {
        case 3: return name == "svg"
        case 4: return name == "head" || name == "math"
        case 5: return name == "style" || name == "title"
        case 6: return name == "script"
        case 8: return name == "template" || name == "noscript"
        default: return false
        }
    }
    private static let paragraphs: Set<String> = [
        "p", "blockquote", "pre", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "figure",
        "section", "article", "header", "footer", "nav", "aside", "main", "address", "details", "fieldset", "form",
    ]
    private static let lineBreaks: Set<String> = [
        "div", "li", "tr", "dt", "dd", "figcaption", "summary", "caption", "center", "body", "html", "legend",
    ]
    private static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr",
    ]

    /// The text of `html`.
    package static func text(from html: String) -> String {
        textAndLinks(from: html).text
    }

    /// The text of `html`, and the `http(s)` addresses it links to or embeds, in order, each
    /// once: the `href` of every anchor that is not a mention or hashtag, and the `src` of every
    /// `<iframe>` and `<embed>`.
    package static func textAndLinks(from html: String) -> (text: String, links: [String]) {
        var converter = HTMLTextConverter()
        for token in HTMLTokenizer(html) {
            converter.consume(token)
        }
        return (converter.finish(), converter.targets)
    }

    private mutating func consume(_ token: HTMLToken) {
        switch token {
        case .start(let name, let attributes, let selfClosing):
            if Self.isDropped(name) {
                if !selfClosing { skipDepth += 1 }
                return
            }
            guard skipDepth == 0 else { return }
            start(name, attributes)
            if selfClosing, !Self.voidElements.contains(name) { end(name) }
        case .end(let name):
            if Self.isDropped(name) {
                skipDepth = max(0, skipDepth - 1)
                return
            }
            guard skipDepth == 0 else { return }
            end(name)
        case .text(let text):
            guard skipDepth == 0 else { return }
            if preDepth > 0 {
                var text = Substring(text)
                if afterPreStart, text.first == "\n" { text = text.dropFirst() }
                afterPreStart = false
                preformatted(text)
            } else {
                flow(text)
            }
        case .comment:
            break
        }
    }

    // MARK: Elements

    private mutating func start(_ name: String, _ attributes: [MarkupAttribute]) {
        afterPreStart = false
        switch name {
        case "p":  // the commonest by far (every paragraph of a post), before the long list below
            requestBreak(2)
        case "br":
            hardBreak()
        case "hr":
            requestBreak(2)
            write("---")
            requestBreak(2)
        case "a":
            if !links.isEmpty { closeLink() }
            let classes = attributes["class"] ?? ""
            let rel = (attributes["rel"] ?? "").lowercased()
            let textOnly = Self.hasToken(classes, "mention") || Self.hasToken(classes, "hashtag") || Self.hasToken(rel, "tag")
            links.append(Link(href: attributes["href"] ?? "", textOnly: textOnly))
        case "span":
            let classes = attributes["class"] ?? ""
            let invisible = Self.hasToken(classes, "invisible")
            if invisible || Self.hasToken(classes, "ellipsis"), !links.isEmpty { links[links.count - 1].shortened = true }
            spans.append(invisible)
        case "img":
            if let alt = attributes["alt"], !alt.isEmpty { flow(alt) }
        case "iframe", "embed":
            if var source = attributes["src"], !source.isEmpty {
                if source.hasPrefix("//") { source = "https:" + source }
                addTarget(source)
                requestBreak(1)
                write(source)
                requestBreak(1)
            }
        case "em", "i", "cite":
            open(name, "*")
        case "strong", "b":
            open(name, "**")
        case "code", "kbd", "samp", "tt":
            if preDepth == 0 { open(name, "`") }
        case "h1", "h2", "h3", "h4", "h5", "h6":
            requestBreak(2)
            pendingOpen = String(repeating: "#", count: Int(String(name.dropFirst()))!) + " "
        case "blockquote":
            requestBreak(2)
            quoteDepth += 1
        case "pre":
            requestBreak(2)
            applyPendingBreak()
            finishLine()
            lines.append(quotePrefix() + "```")
            lastLineQuoteDepth = quoteDepth
            preDepth += 1
            afterPreStart = true
        case "ul":
            requestBreak(lists.isEmpty ? 2 : 1)
            lists.append(.bullet)
        case "ol":
            requestBreak(lists.isEmpty ? 2 : 1)
            lists.append(.numbered(Int(attributes["start"] ?? "") ?? 1))
        case "li":
            requestBreak(1)
            switch lists.last {
            case .numbered(let number):
                lists[lists.count - 1] = .numbered(number + 1)
                pendingBullet = "\(number). "
            default:
                pendingBullet = "- "
            }
        case "td", "th":
            pendingSpace = true
        default:
            if Self.paragraphs.contains(name) {
                requestBreak(2)
            } else if Self.lineBreaks.contains(name) {
                requestBreak(1)
            }
        }
    }

    private mutating func end(_ name: String) {
        switch name {
        case "p":  // as in `start`: the commonest, before the sets below
            requestBreak(2)
        case "a":
            if !links.isEmpty { closeLink() }
        case "span":
            _ = spans.popLast()
        case "em", "i", "cite", "strong", "b", "code", "kbd", "samp", "tt":
            close(name)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            pendingOpen = ""
            requestBreak(2)
        case "blockquote":
            requestBreak(2)
            quoteDepth = max(0, quoteDepth - 1)
        case "pre":
            guard preDepth > 0 else { return }
            preDepth -= 1
            finishLine()
            lines.append(quotePrefix() + "```")
            lastLineQuoteDepth = quoteDepth
            requestBreak(2)
        case "ul", "ol":
            _ = lists.popLast()
            pendingBullet = nil
            requestBreak(lists.isEmpty ? 2 : 1)
        case "li":
            pendingBullet = nil
            requestBreak(1)
        default:
            if Self.paragraphs.contains(name) {
                requestBreak(2)
            } else if Self.lineBreaks.contains(name) {
                requestBreak(1)
            }
        }
    }

    private mutating func open(_ name: String, _ marker: String) {
        openMarkers[name, default: []].append(marker)
        if links.isEmpty {
            pendingOpen += marker
        } else {
            links[links.count - 1].label += marker
        }
    }

    /// Writes the closing marker, or takes back the opening one when nothing came between.
    private mutating func close(_ name: String) {
        guard let marker = openMarkers[name]?.popLast() else { return }
        if !links.isEmpty {
            if links[links.count - 1].label.hasSuffix(marker) {
                links[links.count - 1].label.removeLast(marker.count)
            } else {
                links[links.count - 1].label += marker
            }
            return
        }
        if pendingOpen.hasSuffix(marker) {
            pendingOpen.removeLast(marker.count)
        } else if lineStarted, pendingBreak == 0 {
            line += marker
        }
    }

    private mutating func closeLink() {
        let link = links.removeLast()
        let label = Self.trimmingSpaces(link.label)
        let href = link.href
        if !link.textOnly { addTarget(href) }
        let output: String
        if link.textOnly || href.isEmpty || !Self.isAbsolute(href) {
            output = label
        } else if link.shortened || label.isEmpty || Self.sameURL(label, href) {
            output = href
        } else {
            output = "[\(label)](\(href))"
        }
        if link.pendingSpace || link.label.hasPrefix(" ") { pendingSpace = true }
        if !output.isEmpty { write(output) }
        if link.label.hasSuffix(" ") { pendingSpace = true }
    }

    /// Whether the space-separated `list` (a class or rel attribute) holds `token`, compared on
    /// the UTF-8 bytes: `String.split` walked Characters (about 4k instructions a tag of a
    /// Mastodon post), and even `String.UTF8View` indices cost 800.
    package static func hasToken(_ list: String, _ token: String) -> Bool {
        var list = list, token = token
        return list.withUTF8 { bytes in
            token.withUTF8 { wanted in
                var start = 0
                while start < bytes.count {
                    var end = start
                    while end < bytes.count, bytes[end] != 0x20 { end += 1 }
                    if end - start == wanted.count, wanted.indices.allSatisfy({ bytes[start + $0] == wanted[$0] }) {
                        return true
                    }
                    start = end + 1
                }
                return false
            }
        }
    }

    /// `text` without leading and trailing spaces (U+0020), trimmed on its UTF-8: walking a
    /// reversed string by Characters to do it cost about 50k instructions a link, a sixth of
    /// a Mastodon import (every mention and hashtag there is a link).
    package static func trimmingSpaces(_ text: String) -> String {
        let utf8 = text.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        while start < end, utf8[start] == 0x20 { start = utf8.index(after: start) }
        while end > start, utf8[utf8.index(before: end)] == 0x20 { end = utf8.index(before: end) }
        return start == utf8.startIndex && end == utf8.endIndex ? text : String(text[start..<end])
    }

    private mutating func addTarget(_ url: String) {
        guard Self.hasWebScheme(url), !targets.contains(url) else { return }
        targets.append(url)
    }

    /// Whether `url` starts with `http://` or `https://`, in any case.
    private static func hasWebScheme(_ url: String) -> Bool {
        var url = url
        return url.withUTF8 { bytes in
            func lower(_ index: Int) -> UInt8 { bytes[index] | 0x20 }
            guard bytes.count >= 7, lower(0) == 0x68, lower(1) == 0x74, lower(2) == 0x74, lower(3) == 0x70 else { return false }
            let colon = lower(4) == 0x73 ? 5 : 4
            return colon + 3 <= bytes.count && bytes[colon] == 0x3A && bytes[colon + 1] == 0x2F && bytes[colon + 2] == 0x2F
        }
    }

    /// A URL with a scheme other than `javascript:`/`data:`/`vbscript:`. An ASCII scheme (all
    /// real ones) is checked on its bytes; Character by Character it cost 6k instructions a link.
    private static func isAbsolute(_ href: String) -> Bool {
        var href = href
        let ascii: Bool? = href.withUTF8 { bytes in
            guard let colon = bytes.firstIndex(of: 0x3A) else { return false }
            let scheme = bytes[..<colon]
            guard scheme.allSatisfy({ $0 < 0x80 }) else { return nil }
            func isLetter(_ byte: UInt8) -> Bool { (0x61...0x7A).contains(byte | 0x20) }
            func isSchemeByte(_ byte: UInt8) -> Bool {
                isLetter(byte) || (0x30...0x39).contains(byte) || byte == 0x2B || byte == 0x2D || byte == 0x2E
            }
            guard let first = scheme.first, isLetter(first), scheme.allSatisfy(isSchemeByte) else { return false }
            let lower = String(decoding: scheme.map { $0 | 0x20 }, as: UTF8.self)
            return lower != "javascript" && lower != "data" && lower != "vbscript"
        }
        if let ascii { return ascii }
        guard let colon = href.firstIndex(of: ":") else { return false }
        let scheme = href[..<colon].lowercased()
        guard !scheme.isEmpty, scheme.first!.isLetter, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }) else {
            return false
        }
        return !["javascript", "data", "vbscript"].contains(scheme)
    }

    /// Whether a link's text is its URL, give or take the scheme, `www.` and a final slash.
    private static func sameURL(_ label: String, _ href: String) -> Bool {
        func bare(_ text: String) -> Substring {
            var text = Substring(text.lowercased())
            for prefix in ["https://", "http://", "mailto:"] where text.hasPrefix(prefix) { text = text.dropFirst(prefix.count) }
            if text.hasPrefix("www.") { text = text.dropFirst(4) }
            if text.hasSuffix("/") { text = text.dropLast() }
            return text
        }
        return bare(label) == bare(href)
    }

    // MARK: Text

    /// Text outside `<pre>`: runs of whitespace become one space.
    private mutating func flow(_ text: String) {
        if spans.last == true {
            // Mastodon's invisible span: part of the URL only.
            return
        }
        var text = text
        text.withUTF8 { flow(utf8: $0) }
    }

    /// `flow` on the text's UTF-8. Only ASCII whitespace collapses, and a no-break space (C2 A0)
    /// is kept as a plain space; everything else passes through in words, written in one piece
    /// with a space between each: writing "a", a space and "b" adds "a b" to a line or a link's
    /// label alike (one String and one write per word cost a Mastodon import 4%). White space
    /// before the first word and after the last is passed on byte by byte. Most text has single
    /// spaces between its words and no no-break space: then the words are the text as it is.
    private mutating func flow(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C
        }
        var start = 0, end = bytes.count
        while start < end, isSpace(bytes[start]) {
            space()
            start += 1
        }
        guard start < end else { return }
        var trailing = 0
        while isSpace(bytes[end - 1]) {
            end -= 1
            trailing += 1
        }
        let middle = UnsafeBufferPointer(rebasing: bytes[start..<end])
        var plain = true
        var afterSpace = false
        for byte in middle {
            if byte == 0x20 {
                if afterSpace { plain = false; break }
                afterSpace = true
            } else if byte == 0xA0 || isSpace(byte) {
                plain = false
                break
            } else {
                afterSpace = false
            }
        }
        if plain {
            write(String(decoding: middle, as: UTF8.self))
        } else {
            var words: [UInt8] = []
            words.reserveCapacity(middle.count)
            var hasNoBreakSpace = false
            var spaces = 0
            for byte in middle {
                if isSpace(byte) {
                    spaces += 1
                    continue
                }
                if spaces > 0 {
                    words.append(0x20)
                    spaces = 0
                }
                if byte == 0xA0 { hasNoBreakSpace = true }
                words.append(byte)
            }
            let piece = String(decoding: words, as: UTF8.self)
            write(hasNoBreakSpace ? piece.replacingOccurrences(of: "\u{A0}", with: " ") : piece)
        }
        for _ in 0..<trailing { space() }
    }

    private mutating func space() {
        if links.isEmpty {
            pendingSpace = true
        } else if !links[links.count - 1].label.isEmpty {
            links[links.count - 1].pendingSpace = true
        } else {
            links[links.count - 1].label = " "
        }
    }

    private mutating func preformatted(_ text: Substring) {
        var first = true
        for part in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if !first {
                if !lineStarted { startLine() }
                finishLine()
            }
            first = false
            if !part.isEmpty {
                if !lineStarted { startLine() }
                line += part
            }
        }
    }

    /// Appends a piece of text (no breakable whitespace inside) at the current position.
    private mutating func write(_ piece: String) {
        if !links.isEmpty {
            let index = links.count - 1
            if links[index].pendingSpace {
                links[index].label += " "
                links[index].pendingSpace = false
            }
            links[index].label += piece
            return
        }
        applyPendingBreak()
        if !lineStarted {
            startLine()
            pendingSpace = false
        }
        if pendingSpace {
            if !line.isEmpty { line += " " }
            pendingSpace = false
        }
        line += pendingOpen
        pendingOpen = ""
        line += piece
    }

    /// Ends the line and adds the blank line a paragraph break asked for.
    private mutating func applyPendingBreak() {
        guard pendingBreak > 0 else { return }
        if lineStarted { finishLine() }
        if pendingBreak == 2, !lines.isEmpty, !isBlank(lines.last!) {
            lines.append(String(repeating: ">", count: min(quoteDepth, lastLineQuoteDepth)).map(String.init)
                .joined(separator: " "))
        }
        pendingBreak = 0
        pendingSpace = false
    }

    private mutating func startLine() {
        var prefix = quotePrefix()
        if !lists.isEmpty {
            prefix += String(repeating: "  ", count: lists.count - 1)
            if let bullet = pendingBullet {
                prefix += bullet
                pendingBullet = nil
            } else {
                prefix += "  "
            }
        }
        linePrefix = prefix
        lineQuoteDepth = quoteDepth
        line = ""
        lineStarted = true
    }

    private func quotePrefix() -> String { String(repeating: "> ", count: quoteDepth) }

    private mutating func finishLine() {
        guard lineStarted else { return }
        var text = linePrefix + line
        while text.last == " " { text.removeLast() }
        lines.append(text)
        lastLineQuoteDepth = lineQuoteDepth
        line = ""
        lineStarted = false
    }

    private func isBlank(_ text: String) -> Bool { text.allSatisfy { $0 == ">" || $0 == " " } }

    private mutating func requestBreak(_ kind: Int) {
        if !links.isEmpty {
            space()
            return
        }
        pendingBreak = max(pendingBreak, kind)
    }

    /// `<br>`: ends the line; on an empty line, makes a blank line (never two in a row).
    private mutating func hardBreak() {
        if !links.isEmpty {
            space()
            return
        }
        if lineStarted {
            finishLine()
            pendingSpace = false
        } else if pendingBreak == 0, !lines.isEmpty, !isBlank(lines.last!) {
            lines.append(String(repeating: ">", count: quoteDepth).map(String.init).joined(separator: " "))
        }
    }

    private mutating func finish() -> String {
        while !links.isEmpty { closeLink() }
        finishLine()
        while let last = lines.last, isBlank(last) { lines.removeLast() }
        while let first = lines.first, isBlank(first) { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }
}
