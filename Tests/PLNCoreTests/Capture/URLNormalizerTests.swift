import Testing

@testable import PLNCore

@Suite("URLNormalizer")
struct URLNormalizerTests {
    @Test("the documented example")
    func example() {
        #expect(
            URLNormalizer.normalize("HTTP://WWW.Example.com:80/a/?utm_source=x&b=2&a=1#top")
                == "https://example.com/a?a=1&b=2")
    }

    @Test(
        "normalises",
        arguments: [
            // scheme and host case, www, http vs https
            ("HTTPS://EXAMPLE.COM/Path", "https://example.com/Path"),
            ("http://example.com/a", "https://example.com/a"),
            ("https://www.example.com/a", "https://example.com/a"),
            ("https://www.com", "https://www.com"),
            ("https://example.com./a", "https://example.com/a"),
            // default ports only
            ("https://example.com:443/a", "https://example.com/a"),
            ("http://example.com:80/a", "https://example.com/a"),
            ("https://example.com:80/a", "https://example.com:80/a"),
            ("http://example.com:443/a", "https://example.com:443/a"),
            ("https://example.com:8080/a", "https://example.com:8080/a"),
            ("https://example.com:/a", "https://example.com/a"),
            ("https://[::1]:443/a", "https://[::1]/a"),
            ("https://[2001:DB8::1]:8443/a", "https://[2001:db8::1]:8443/a"),
            // trailing slashes and empty paths
            ("https://example.com", "https://example.com"),
            ("https://example.com/", "https://example.com"),
            ("https://example.com/a/b/", "https://example.com/a/b"),
            ("https://example.com//", "https://example.com"),
            // fragments
            ("https://example.com/a#frag", "https://example.com/a"),
            ("https://example.com/#", "https://example.com"),
            ("https://example.com/a?x=1#frag?y=2", "https://example.com/a?x=1"),
            // query parameters
            ("https://example.com/?", "https://example.com"),
            ("https://example.com/a?b=2&a=1&c", "https://example.com/a?a=1&b=2&c"),
            ("https://example.com/a?tag=z&tag=a&b=1", "https://example.com/a?b=1&tag=z&tag=a"),
            ("https://example.com/a?&&b=1&", "https://example.com/a?b=1"),
            (
                "https://example.com/a?utm_source=x&UTM_Medium=y&utm_campaign=z&fbclid=1&gclid=2&mc_cid=3&mc_eid=4&ref_src=5",
                "https://example.com/a"
            ),
            ("https://example.com/a?utmost=1&ref=2", "https://example.com/a?ref=2&utmost=1"),
            // percent-encoding
            ("https://example.com/caf%c3%a9?q=a%2fb", "https://example.com/caf%C3%A9?q=a%2Fb"),
            ("https://example.com/100%", "https://example.com/100%"),
            ("https://example.com/%zz", "https://example.com/%zz"),
            // user info and non-ASCII hosts
            ("https://User:Pw@WWW.Example.com/a", "https://User:Pw@example.com/a"),
            ("https://BÜCHER.example/a", "https://bücher.example/a"),
            // surrounding whitespace
            ("  https://example.com/a \n", "https://example.com/a"),
        ] as [(String, String)]
    )
    func normalises(input: String, expected: String) {
        #expect(URLNormalizer.normalize(input) == expected)
    }

    @Test("spellings of the same page agree")
    func equivalentSpellings() {
        let spellings = [
            "https://example.com/a?b=2&a=1",
            "http://www.example.com/a/?a=1&b=2",
            "HTTPS://Example.COM:443/a?utm_medium=email&a=1&b=2#part",
        ]
        #expect(Set(spellings.map(URLNormalizer.normalize)).count == 1)
    }

    @Test(
        "leaves other schemes and non-URLs mostly alone",
        arguments: [
            ("FTP://Files.Example.com/Dir/#x", "ftp://files.example.com/Dir/#x"),
            ("mailto:someone@example.com", "mailto:someone@example.com"),
            ("example.com/a", "example.com/a"),
            ("localhost:8080/a", "localhost:8080/a"),
            ("", ""),
        ] as [(String, String)]
    )
    func otherInputs(input: String, expected: String) {
        #expect(URLNormalizer.normalize(input) == expected)
    }

    @Test("normalising is idempotent")
    func idempotent() {
        for input in [
            "HTTP://WWW.Example.com:80/a/?utm_source=x&b=2&a=1#top",
            "https://example.com/caf%c3%a9?q=a%2fb",
            "https://[::1]:8443/x/",
        ] {
            let once = URLNormalizer.normalize(input)
            #expect(URLNormalizer.normalize(once) == once)
        }
    }
}
