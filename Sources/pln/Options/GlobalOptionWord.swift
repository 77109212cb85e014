/// A word of a command line that spells one of `GlobalOptions`, read without the parser.
///
/// `Main.normalize` moves global options given before the command to after it, and `QuickAdd`
/// reads them for `pln add`; both go by these spellings, which must match `GlobalOptions`.
enum GlobalOptionWord: String, CaseIterable {
    case journal = "--journal"
    case color = "--color"
    case noPager = "--no-pager"

    /// Whether the option takes a value (as the next word or after `=`).
    var takesValue: Bool { self != .noPager }

    /// The option `word` spells and the value it gives after `=`, if any; nil for any other
    /// word, and for a flag given a value (`--no-pager=x`, which only the parser can refuse).
    static func read(_ word: String) -> (option: GlobalOptionWord, value: String?)? {
        guard word.hasPrefix("--") else { return nil }
        var name = word
        var value: String?
        if let equals = word.firstIndex(of: "=") {
            name = String(word[..<equals])
            value = String(word[word.index(after: equals)...])
        }
        guard let option = GlobalOptionWord(rawValue: name), option.takesValue || value == nil else { return nil }
        return (option, value)
    }
}
