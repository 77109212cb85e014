import ArgumentParser
import Foundation
import PLNCore
import PLNShell

/// The config file, read once per process (the shell runs many commands).
nonisolated(unsafe) private var loadedConfig: Config?

/// What a command needs from the process: the journal, stdout, colour, the clock.
struct Runtime {
    /// The global options' values (`GlobalOptions`).
    let journal: String?
    let color: ColorMode?
    let noPager: Bool
    let context: DateContext
    let stdout: OutputSink

    init(_ options: GlobalOptions) {
        self.init(journal: options.journal, color: options.color, noPager: options.noPager)
    }

    /// For a command line parsed without swift-argument-parser (`QuickAdd`).
    init(journal: String?, color: ColorMode?, noPager: Bool) {
        self.journal = journal
        self.color = color
        self.noPager = noPager
        self.context = DateContext.current
        self.stdout = OutputSink(fd: 1)
    }

    var journalPath: String { journal ?? JournalStore.defaultPath() }

    func openStore() throws -> JournalStore {
        try JournalStore(path: journalPath)
    }

    /// Settings from the config file; problems in it are warned about once.
    static var config: Config {
        if let loadedConfig { return loadedConfig }
        let config = Config.load { message in
            FileHandle.standardError.write(Data(("pln: warning: " + message + "\n").utf8))
        }
        loadedConfig = config
        return config
    }

    var colorMode: String { color?.rawValue ?? Runtime.config.color }

    var style: Style { Style.forDescriptor(1, mode: colorMode) }
    var errorStyle: Style { Style.forDescriptor(2, mode: colorMode) }

    /// Runs `body` with stdout going through the pager when it is a terminal and paging is on.
    func paged(_ body: () throws -> Void) throws {
        let pager = noPager ? nil : Pager.start(command: Runtime.config.pager)
        defer {
            stdout.flush()
            pager?.finish()
        }
        try body()
    }

    /// The terminal's width when stdout is a terminal.
    var terminalWidth: Int? {
        guard isatty(1) == 1 else { return nil }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        if let columns = ProcessEnvironment.values["COLUMNS"].flatMap(Int.init) { return columns }
        return 80
    }

    /// A line on stderr: notices about what pln did besides the main output.
    func note(_ message: String) {
        FileHandle.standardError.write(Data(("pln: " + message + "\n").utf8))
    }

    func warn(_ message: String) {
        FileHandle.standardError.write(Data(("pln: warning: " + message + "\n").utf8))
    }

    /// Parses a query typed as one or more words.
    func query(_ words: [String]) throws -> EntryQuery {
        try EntryQuery(words.joined(separator: " "), context: context)
    }
}

extension ParsableCommand {
    /// Entry ids given on the command line, checked.
    static func entryIDs(_ values: [String]) throws -> [Int64] {
        try values.map { value in
            let trimmed = value.hasPrefix("#") ? String(value.dropFirst()) : value
            guard let id = Int64(trimmed), id > 0 else {
                throw ValidationError("'\(value)' is not an entry id (a positive number)")
            }
            return id
        }
    }
}
