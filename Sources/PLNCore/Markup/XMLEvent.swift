/// One event of ``XMLPullParser``.
package enum XMLEvent: Equatable, Sendable {
    /// A start tag (an empty-element tag `<a/>` gives `start` then `end`); names as written,
    /// prefix included (`dc:creator`); attribute values with references decoded.
    case start(name: String, attributes: [MarkupAttribute])
    /// An end tag.
    case end(name: String)
    /// Character data between tags, references decoded and CDATA sections included.
    case text(String)
}
