/// One token of an HTML document as ``HTMLTokenizer`` reads it.
package enum HTMLToken: Equatable, Sendable {
    /// `<name attr=value …>`: the name lower-cased, attributes in order (the first of a repeated
    /// name wins), `selfClosing` for `<br/>`.
    case start(name: String, attributes: [MarkupAttribute], selfClosing: Bool)
    /// `</name>`, the name lower-cased.
    case end(name: String)
    /// Character data with references decoded (raw inside `<script>` and `<style>`).
    case text(String)
    /// The inside of `<!-- … -->`.
    case comment(String)
}
