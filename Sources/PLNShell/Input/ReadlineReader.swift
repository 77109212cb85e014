import Foundation
import PLNCore
@preconcurrency import CReadline

/// GNU readline on the terminal: editing keys, Ctrl-R, history file, completion.
///
/// Readline runs in its callback mode under a `select` loop, as Python's REPL does, so that
/// Ctrl-C at the prompt discards the line and shows a fresh prompt instead of killing pln, a
/// resized window is redrawn, and SIGTERM restores the terminal before pln exits.
package final class ReadlineReader: LineReading {
    private let historyPath: String?
    private let historySize: Int
    package private(set) var lineNumber = 0
    private var lastRemembered: String?
    /// The completion of an enclosing reader (`/lua` opens a prompt inside the shell's).
    private let previousComplete: ((String, String) -> [String]?)?

    /// - Parameters:
    ///   - historyPath: the history file (created 0600), nil for none.
    ///   - complete: candidates for the word being completed, given the line up to the cursor
    ///     and the word; nil asks readline for file names.
    package init(historyPath: String?, historySize: Int,
                 complete: @escaping (_ line: String, _ word: String) -> [String]?) {
        self.historyPath = historyPath
        self.historySize = historySize
        previousComplete = ReadlineState.complete
        ReadlineState.complete = complete
        rl_readline_name = ReadlineState.name
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_completer_word_break_characters = ReadlineState.wordBreaks
        rl_attempted_completion_function = ReadlineState.attemptCompletion
        using_history()
        if historySize > 0 { stifle_history(Int32(historySize)) }
        if let historyPath {
            let folder = (historyPath as NSString).deletingLastPathComponent
            try? FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            read_history(historyPath)
        }
        signal(SIGWINCH) { _ in ReadlineState.resized = 1 }
    }

    package func read(prompt: String) -> LineRead {
        ReadlineState.done = false
        ReadlineState.result = nil
        rl_callback_handler_install(prompt, ReadlineState.lineHandler)
        defer { rl_callback_handler_remove() }
        while !ReadlineState.done {
            var readable = fd_set()
            let fd = fileno(rl_instream ?? stdin)
            fdZero(&readable)
            fdSet(fd, &readable)
            let ready = select(fd + 1, &readable, nil, nil, nil)
            if ready > 0 {
                rl_callback_read_char()
                continue
            }
            guard ready < 0, errno == EINTR else { continue }
            if ReadlineState.resized != 0 {
                ReadlineState.resized = 0
                rl_resize_terminal()
            }
            if Interrupt.terminationRequested || Interrupt.requested {
                rl_free_line_state()
                rl_callback_sigcleanup()
                rl_cleanup_after_signal()
                rl_callback_handler_remove()
                Interrupt.reset()
                FileHandle.standardOutput.write(Data("\n".utf8))
                return .interrupted
            }
        }
        guard let line = ReadlineState.result else { return .end }
        lineNumber += 1
        return .line(line)
    }

    package func remember(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty, line != lastRemembered else { return }
        lastRemembered = line
        add_history(line)
        if let historyPath, historySize > 0 {
            // Append as we go, so a crash or SIGKILL loses at most the line being typed.
            if access(historyPath, F_OK) != 0 {
                let fd = open(historyPath, O_WRONLY | O_CREAT, 0o600)
                if fd >= 0 { Foundation.close(fd) }
            }
            append_history(1, historyPath)
        }
    }

    package func close() {
        rl_callback_handler_remove()
        if let historyPath, historySize > 0 {
            history_truncate_file(historyPath, Int32(historySize))
            chmod(historyPath, 0o600)
        }
        signal(SIGWINCH, SIG_DFL)
        ReadlineState.complete = previousComplete
    }

    private func fdZero(_ set: inout fd_set) {
        withUnsafeMutableBytes(of: &set) { raw in _ = raw.initializeMemory(as: UInt8.self, repeating: 0) }
    }

    private func fdSet(_ fd: Int32, _ set: inout fd_set) {
        withUnsafeMutableBytes(of: &set) { raw in
            let words = raw.bindMemory(to: Int.self)
            let bits = Int.bitWidth
            words[Int(fd) / bits] |= 1 << (Int(fd) % bits)
        }
    }
}

/// Readline's C callbacks cannot capture context: their state lives here.
enum ReadlineState {
    nonisolated(unsafe) static var done = false
    nonisolated(unsafe) static var result: String?
    nonisolated(unsafe) static var resized: sig_atomic_t = 0
    nonisolated(unsafe) static var complete: ((String, String) -> [String]?)?
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0

    /// Readline keeps these pointers: allocated once, never freed.
    nonisolated(unsafe) static let name = UnsafePointer(strdup("pln")!)
    /// '#', '@', '[' and ':' stay inside words so tags, handles, source keys and query terms
    /// complete as a whole.
    nonisolated(unsafe) static let wordBreaks = UnsafePointer(strdup(" \t\n\"'()")!)

    static let lineHandler: @convention(c) (UnsafeMutablePointer<CChar>?) -> Void = { line in
        done = true
        if let line {
            result = String(cString: line)
            free(line)
        } else {
            result = nil
        }
        // Stop readline from installing the prompt again before the shell has run the line.
        rl_callback_handler_remove()
    }

    static let attemptCompletion: @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = { text, start, end in
        guard let text, let buffer = rl_line_buffer, let complete else { return nil }
        let bytes = UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: Int(end))
        let line = String(decoding: bytes, as: UTF8.self)
        let word = String(cString: text)
        guard let candidates = complete(line, word) else {
            rl_attempted_completion_over = 0
            return nil
        }
        rl_attempted_completion_over = 1
        guard !candidates.isEmpty else { return nil }
        matches = candidates
        matchIndex = 0
        // Query keys ("since:") and open source brackets continue without a space.
        if candidates.count == 1, let only = candidates.first, only.hasSuffix(":") {
            rl_completion_append_character = 0
        } else {
            rl_completion_append_character = 32
        }
        return rl_completion_matches(text, generator)
    }

    static let generator: @convention(c) (UnsafePointer<CChar>?, Int32) -> UnsafeMutablePointer<CChar>? = { _, state in
        if state == 0 { matchIndex = 0 }
        guard matchIndex < matches.count else { return nil }
        defer { matchIndex += 1 }
        return strdup(matches[matchIndex])
    }
}
