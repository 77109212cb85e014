import Testing
@testable import PLNCore

@Suite("CSV and TSV fields")
struct DelimitedTests {
    @Test(arguments: [("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\"")])
    func csv(field: String, expected: String) { #expect(Delimited.csv(field) == expected) }

    @Test(arguments: [("plain", "plain"), ("a\tb", "a\\tb"), ("two\nlines", "two\\nlines"), ("back\\slash", "back\\\\slash")])
    func tsv(field: String, expected: String) { #expect(Delimited.tsv(field) == expected) }
}
