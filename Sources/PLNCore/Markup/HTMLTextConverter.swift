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
    private var seenTargets: Set<String> = []

    private static let dropped: Set<String> = ["script", "style", "template", "head", "title", "svg", "math", "noscript"]
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
            if Self.dropped.contains(name) {
                if !selfClosing { skipDepth += 1 }
                return
            }
            guard skipDepth == 0 else { return }
            start(name, attributes)
            if selfClosing, !Self.voidElements.contains(name) { end(name) }
        case .end(let name):
            if Self.dropped.contains(name) {
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
        let classes = attributes["class"] ?? ""
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
            let rel = (attributes["rel"] ?? "").lowercased()
            let textOnly = Self.hasToken(classes, "mention") || Self.hasToken(classes, "hashtag") || Self.hasToken(rel, "tag")
            links.append(Link(href: attributes["href"] ?? "", textOnly: textOnly))
        case "span":
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
    /// UTF-8: `String.split` walks Characters, about 4k instructions a tag of a Mastodon post.
    package static func hasToken(_ list: String, _ token: String) -> Bool {
        let bytes = list.utf8, wanted = token.utf8
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let end = bytes[start...].firstIndex(of: 0x20) ?? bytes.endIndex
            if bytes[start..<end].elementsEqual(wanted) { return true }
            start = end < bytes.endIndex ? bytes.index(after: end) : end
        }
        return false
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
        let lower = url.prefix(8).lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"), !seenTargets.contains(url) else { return }
        seenTargets.insert(url)
        targets.append(url)
    }

    /// A URL with a scheme other than `javascript:`/`data:`/`vbscript:`.
    private static func isAbsolute(_ href: String) -> Bool {
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
        // Scanned as UTF-8: only ASCII whitespace collapses, and a no-break space (C2 A0) is
        // kept as a plain space; everything else passes through in words. The words go out in
        // one piece, a space between each: writing "a", a space and "b" adds "a b" to a line or
        // a link's label alike (one String and one write per word cost a Mastodon import 4%).
        // White space before the first word and after the last is passed on byte by byte.
        var words: [UInt8] = []
        var hasNoBreakSpace = false
        var spacesAfterWords = 0
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D || byte == 0x0C {
                if words.isEmpty { space() } else { spacesAfterWords += 1 }
                continue
            }
            if spacesAfterWords > 0 {
                words.append(0x20)
                spacesAfterWords = 0
            }
            if byte == 0xA0 { hasNoBreakSpace = true }
            words.append(byte)
        }
        if !words.isEmpty {
            let piece = String(decoding: words, as: UTF8.self)
            write(hasNoBreakSpace ? piece.replacingOccurrences(of: "\u{A0}", with: " ") : piece)
        }
        for _ in 0..<spacesAfterWords { space() }
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
