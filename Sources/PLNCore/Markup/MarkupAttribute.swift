/// One attribute of an HTML or XML start tag, its value decoded.
package struct MarkupAttribute: Equatable, Sendable {
    /// As the tokenizer gives it: lower-cased for HTML, as written (`xml:lang`) for XML.
    package var name: String
    package var value: String

    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

extension Array where Element == MarkupAttribute {
    /// The value of the attribute `name`, or nil.
    package subscript(name: String) -> String? {
        first(where: { $0.name == name })?.value
    }
}
