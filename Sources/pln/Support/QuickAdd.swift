/// `pln add WORDS…` with nothing for swift-argument-parser to decide: read without it.
///
/// Parsing a command with swift-argument-parser makes the Swift runtime look up about a
/// hundred protocol conformances, each a scan of every conformance record in the binary:
/// 12.4M of the 28.9M instructions of a `pln add` (callgrind, 1M-entry journal), the largest
/// part of the command people run most. A command line of `add`, the global options, and then
/// words none of which starts with `-` means exactly what the parser would make of it: the
/// words are the text and every option keeps its default. Anything else (an option, `-` for
/// stdin, `--`, no text, a global option given twice or with a value the parser would refuse)
/// goes to the parser as before, which also gives every error and `--help`.
struct QuickAdd {
    let text: [String]
    let journal: String?
    let color: ColorMode?
    let noPager: Bool

    /// `arguments` as `Main.normalize` leaves them (global options moved after the command).
    init?(_ arguments: [String]) {
        guard arguments.first == "add" else { return nil }
        var journal: String?
        var color: ColorMode?
        var noPager = false
        var index = 1
        while index < arguments.count, arguments[index].hasPrefix("--") {
            guard let (option, given) = GlobalOptionWord.read(arguments[index]) else { return nil }
            var value = given
            index += 1
            if option.takesValue, value == nil {
                guard index < arguments.count, !arguments[index].hasPrefix("-") else { return nil }
                value = arguments[index]
                index += 1
            }
            switch option {
            case .noPager:
                guard !noPager else { return nil }
                noPager = true
            case .journal:
                guard journal == nil else { return nil }
                journal = value
            case .color:
                guard color == nil, let mode = value.flatMap(ColorMode.init(rawValue:)) else { return nil }
                color = mode
            }
        }
        let words = arguments[index...]
        guard !words.isEmpty, !words.contains(where: { $0.hasPrefix("-") }) else { return nil }
        self.text = Array(words)
        self.journal = journal
        self.color = color
        self.noPager = noPager
    }

    func run() throws {
        try AddCommand.save(text, runtime: Runtime(journal: journal, color: color, noPager: noPager))
    }
}
