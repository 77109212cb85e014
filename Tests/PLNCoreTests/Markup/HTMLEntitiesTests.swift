import Testing
@testable import PLNCore

@Suite("HTML character references")
struct HTMLEntitiesTests {
    @Test(arguments: [
        ("a &amp; b", "a & b"),
        ("&lt;p&gt; &quot;x&quot; &apos;y&apos;", "<p> \"x\" 'y'"),
        ("caf&eacute; &Eacute;t&eacute; na&iuml;ve &szlig; &ntilde;", "café Été naïve ß ñ"),
        ("&nbsp;|&ensp;|&emsp;|&thinsp;", "\u{A0}|\u{2002}|\u{2003}|\u{2009}"),
        ("&ndash; &mdash; &hellip; &lsquo;x&rsquo; &ldquo;y&rdquo; &bull; &middot;", "– — … ‘x’ “y” • ·"),
        ("&copy; &reg; &trade; &euro; &pound; &yen; &deg; &plusmn; &frac12; &times; &divide;", "© ® ™ € £ ¥ ° ± ½ × ÷"),
        ("&larr;&rarr;&uarr;&darr; &alpha;&beta;&Omega; &hearts; &check;", "←→↑↓ αβΩ ♥ ✓"),
        ("&#39; &#039; &#x27; &#X41; &#128512; &#x1F600;", "' ' ' A 😀 😀"),
        ("&#150; &#151; &#128;", "– — €"),  // the C1 range read as Windows-1252
        ("&#0; &#xD800; &#x110000;", "\u{FFFD} \u{FFFD} \u{FFFD}"),
        ("&#65 and &#x42z", "A and Bz"),  // numeric without ';'
        ("&copy 2020, &amp without, &notit;", "© 2020, & without, ¬it;"),  // legacy names without ';'
        ("&bogus; &; & alone &#; &#x; &#xZZ;", "&bogus; &; & alone &#; &#x; &#xZZ;"),  // not references: text
        ("no references at all", "no references at all"),
        ("&NewLine;&Tab;&colon;&lpar;&rpar;", "\n\t:()"),
    ])
    func decodes(_ input: String, _ expected: String) {
        #expect(HTMLEntities.decode(input) == expected)
    }

    @Test func coversTheWholeHTML5List() {
        #expect(HTMLEntities.named.count == 2231)
        #expect(HTMLEntities.decode("&NotNestedGreaterGreater;&fjlig;") == "\u{2AA2}\u{338}fj")
    }

    @Test func attributeValuesKeepLegacyNamesBeforeAlphanumericsAndEquals() {
        var output: [UInt8] = []
        HTMLEntities.decode(Array("?a=1&copy=2&amp;b=3&ampx&amp".utf8)[...], inAttribute: true, into: &output)
        #expect(String(decoding: output, as: UTF8.self) == "?a=1&copy=2&b=3&ampx&")
    }
}
