#if canImport(Glibc)
import Foundation
import Glibc

/// Runs a program on a new pseudo-terminal and drives it the way a person at a terminal does.
///
/// The child is started with `posix_spawn` (never `fork`: the test process is multi-threaded) as the
/// leader of a new session whose controlling terminal is the pty's slave side, so `isatty` is true
/// for its standard streams, `readline` can switch the terminal to raw mode, and Ctrl-C typed as
/// `"\u{03}"` reaches the foreground process group as SIGINT through the line discipline.
///
/// Wait for a program's prompt before typing at it: input typed before it sets up its own terminal
/// mode is echoed by the line discipline as well as by the program. Before a key whose timing
/// matters (Ctrl-C, Ctrl-D), also `waitUntilReadingInput()`: a key sent the instant an echo
/// arrives can beat the program back to its read, which no person types fast enough to do.
///
/// ```swift
/// let runner = PlnRunner()
/// let terminal = try PseudoTerminal(executable: PlnRunner.binary, arguments: [],
///                                   environment: runner.environment.merging(["PAGER": "cat"]) { $1 },
///                                   workingDirectory: runner.folder.path)
/// #expect(terminal.waitFor("]> "))
/// terminal.sendLine("first entry")
/// #expect(terminal.waitFor("added 1"))
/// #expect(terminal.waitFor("]> "))
/// terminal.waitUntilReadingInput()
/// terminal.send("\u{04}")
/// #expect(terminal.waitForExit() == 0)
/// ```
///
/// One instance is meant to be driven by one test at a time; calls are serialised by a lock.
package final class PseudoTerminal: @unchecked Sendable {
    /// Why the terminal or the child could not be set up.
    package struct Failure: Error, CustomStringConvertible {
        package var call: String
        package var code: Int32
        package var description: String { "\(call) failed: \(String(cString: strerror(code))) (\(code))" }
    }

    /// The child's process id; it leads its own session and process group.
    package let pid: pid_t

    private let master: Int32
    private let lock = NSLock()
    private var raw: [UInt8] = []
    private var plain: [UInt8] = []
    private var stripper = EscapeStripper()
    /// Where in `plain` the next `waitFor(_ text:)` starts to search.
    private var markOffset = 0
    /// The slave side is closed by everyone (read gave EIO): no more output will come.
    private var endOfFile = false
    private var reaped = false
    private var exitStatus: Int32?

    /// Starts `executable` with `arguments` on a new pty of `rows`×`columns`.
    ///
    /// The child gets exactly `environment`, plus `TERM=xterm-256color` unless it names a `TERM`,
    /// runs in `workingDirectory` (or this process's current folder when nil), has no signal
    /// blocked and default dispositions for the job-control and termination signals.
    /// An `executable` without a "/" is looked up in this process's `PATH`.
    package init(executable: String, arguments: [String], environment: [String: String],
                 workingDirectory: String? = nil, rows: Int = 24, columns: Int = 80) throws {
        var environment = environment
        if environment["TERM"] == nil { environment["TERM"] = "xterm-256color" }
        (master, pid) = try Self.start(executable: executable, arguments: arguments, environment: environment,
                                       workingDirectory: workingDirectory, rows: rows, columns: columns)
    }

    deinit {
        if !reaped {
            // The child leads its own process group: take the whole group down with it.
            _ = kill(-pid, SIGKILL)
            _ = kill(pid, SIGKILL)
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        }
        close(master)
    }

    // MARK: Typing

    /// Writes `text` to the terminal, as typing it. `"\u{03}"` is Ctrl-C, `"\u{04}"` Ctrl-D,
    /// `"\u{7F}"` Backspace, `"\u{1B}[A"` the Up arrow.
    package func send(_ text: String) {
        send(bytes: Array(text.utf8))
    }

    /// Types `text` and presses Enter (`"\r"`, which the terminal turns into a newline for the program).
    package func sendLine(_ text: String) {
        send(text + "\r")
    }

    /// Writes raw bytes to the terminal. Gives up after `timeout` seconds if the program reads none
    /// of them, draining its output meanwhile so that it cannot block on a full output buffer.
    package func send(bytes: [UInt8], timeout: Double = 5) {
        lock.lock(); defer { lock.unlock() }
        let deadline = Self.now() + timeout
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 { offset += written; continue }
            if written < 0 && errno == EINTR { continue }
            guard written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) else { return }  // EIO: nobody reads
            let remaining = deadline - Self.now()
            if remaining <= 0 { return }
            var descriptor = pollfd(fd: master, events: Int16(POLLOUT | POLLIN), revents: 0)
            if poll(&descriptor, 1, Self.milliseconds(min(remaining, 0.05))) > 0,
               descriptor.revents & Int16(POLLIN | POLLHUP) != 0 {
                drain()
            }
        }
    }

    // MARK: Reading

    /// Everything read so far as plain text: escape sequences removed, "\r" dropped, backspaces applied.
    package var output: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: plain, as: UTF8.self)
    }

    /// Everything read so far, byte for byte.
    package var rawOutput: [UInt8] {
        lock.lock(); defer { lock.unlock() }
        return raw
    }

    /// The plain text that arrived after the last successful `waitFor` or `mark()`.
    package var outputSinceMark: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: plain[min(markOffset, plain.count)...], as: UTF8.self)
    }

    /// Makes the next `waitFor(_ text:)` search only output that arrives from now on.
    package func mark() {
        lock.lock(); defer { lock.unlock() }
        pullAvailable()
        markOffset = plain.count
    }

    /// Reads output until `predicate(screenText)` holds or `timeout` seconds pass, and tells whether it held.
    /// `screenText` is all plain text read so far (see `output`). Returns at once, false, when the
    /// terminal is closed and the predicate does not hold. On success the mark moves to the end of the output.
    @discardableResult
    package func waitFor(timeout: Double = 5, _ predicate: (String) -> Bool) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let deadline = Self.now() + timeout
        pullAvailable()
        while true {
            if predicate(String(decoding: plain, as: UTF8.self)) {
                markOffset = plain.count
                return true
            }
            if endOfFile { return false }
            let remaining = deadline - Self.now()
            if remaining <= 0 { return false }
            readSome(timeout: remaining)
        }
    }

    /// Reads output until `text` appears in the plain text that arrived after the last successful
    /// `waitFor` or `mark()`, so repeated prompts can be awaited one by one; the mark then moves to
    /// just after the match. Returns false after `timeout` seconds, or once the terminal closed without it.
    @discardableResult
    package func waitFor(_ text: String, timeout: Double = 5) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let needle = Array(text.utf8)
        let deadline = Self.now() + timeout
        pullAvailable()
        while true {
            markOffset = min(markOffset, plain.count)  // backspaces may have eaten into marked text
            if let end = Self.endOfMatch(of: needle, in: plain, from: markOffset) {
                markOffset = end
                return true
            }
            if endOfFile { return false }
            let remaining = deadline - Self.now()
            if remaining <= 0 { return false }
            readSome(timeout: remaining)
        }
    }

    // MARK: Process

    /// Sends `signal` to the child (not to its process group); does nothing once it has been reaped.
    package func signal(_ signal: Int32) {
        lock.lock(); defer { lock.unlock() }
        if !reaped { _ = kill(pid, signal) }
    }

    /// Waits until the child's main thread sleeps in a read, poll or select call (for an
    /// interactive program: waiting for the next key), reading its output meanwhile, and tells
    /// whether that happened within `timeout` seconds. Linux only: it watches /proc/PID/syscall.
    ///
    /// A prompt or an echo on screen does not mean the program is back to reading: a key sent
    /// the moment its echo arrives can land before the program's next `pselect`, far sooner than
    /// a person types. That matters for Ctrl-C at a readline prompt (bash 5.2 then keeps the old
    /// line and prints no new prompt), so wait for this before sending a key whose timing matters.
    @discardableResult
    package func waitUntilReadingInput(timeout: Double = 5) -> Bool {
        lock.lock(); defer { lock.unlock() }
        let deadline = Self.now() + timeout
        while true {
            if !reaped && Self.sleepsReading(pid) { return true }
            let remaining = deadline - Self.now()
            if reaped || remaining <= 0 { return false }
            if endOfFile {
                usleep(UInt32(min(remaining, 0.005) * 1_000_000))
            } else {
                readSome(timeout: min(remaining, 0.005))
            }
        }
    }

    /// Waits up to `timeout` seconds for the child to exit, reading its output meanwhile, and returns
    /// its exit status, or 128+N when signal N killed it. On timeout it kills the child's process
    /// group with SIGKILL and returns nil. Later calls return the same answer.
    package func waitForExit(timeout: Double = 5) -> Int32? {
        lock.lock(); defer { lock.unlock() }
        if reaped { return exitStatus }
        let deadline = Self.now() + timeout
        while true {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result < 0 && errno == EINTR { continue }
            if result == pid || result < 0 {
                reaped = true
                if result == pid { exitStatus = Self.decode(status) }
                // What the child wrote before it exited can still be on its way; EIO follows it.
                // Wait a little longer only if something else (a grandchild) holds the terminal.
                let drainUntil = max(deadline, Self.now() + 0.5)
                while !endOfFile {
                    let remaining = drainUntil - Self.now()
                    if remaining <= 0 { break }
                    readSome(timeout: remaining)
                }
                return exitStatus
            }
            let remaining = deadline - Self.now()
            if remaining <= 0 {
                _ = kill(-pid, SIGKILL)
                _ = kill(pid, SIGKILL)
                while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
                reaped = true
                pullAvailable()
                return nil
            }
            if endOfFile {
                usleep(UInt32(min(remaining, 0.01) * 1_000_000))
            } else {
                readSome(timeout: min(remaining, 0.02))
            }
        }
    }

    /// The terminal's current settings (`tcgetattr` on the master, which Linux answers with the
    /// slave's settings), e.g. to check that a program restored ICANON and ECHO before it exited.
    package func terminalSettings() -> termios? {
        lock.lock(); defer { lock.unlock() }
        var settings = termios()
        return tcgetattr(master, &settings) == 0 ? settings : nil
    }

    // MARK: Escape stripping

    /// `bytes` as plain text: CSI, OSC, DCS and other escape sequences removed, "\r", BEL and other
    /// control characters dropped except "\n" and "\t", and each backspace removing the character
    /// before it (never a newline). Not a screen emulation: a line that readline redraws after a
    /// carriage return appears twice, but a typed line followed by its result reads as it should.
    package static func plainText(_ bytes: [UInt8]) -> String {
        var stripper = EscapeStripper()
        var text: [UInt8] = []
        for byte in bytes { stripper.feed(byte, into: &text) }
        return String(decoding: text, as: UTF8.self)
    }

    // MARK: - Private

    /// Reads what is available now, without waiting.
    private func pullAvailable() {
        if !endOfFile { drain() }
    }

    /// Waits up to `timeout` seconds for output (or the end of it), then reads all that is available.
    private func readSome(timeout: Double) {
        if endOfFile { return }
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        let ready = poll(&descriptor, 1, Self.milliseconds(timeout))
        if ready > 0 { drain() }
    }

    /// Reads until the master would block; EIO (or end of file) means the slave side is closed by all.
    private func drain() {
        var buffer = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count > 0 {
                raw.append(contentsOf: buffer[..<count])
                for byte in buffer[..<count] { stripper.feed(byte, into: &plain) }
                continue
            }
            if count < 0 && errno == EINTR { continue }
            if count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            endOfFile = true
            return
        }
    }

    private static func endOfMatch(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        if needle.isEmpty { return start }
        guard haystack.count - start >= needle.count else { return nil }
        for index in start...(haystack.count - needle.count)
        where haystack[index] == needle[0] && haystack[index..<(index + needle.count)].elementsEqual(needle) {
            return index + needle.count
        }
        return nil
    }

    #if arch(x86_64)
    /// read, readv, poll, select, epoll_wait, pselect6, ppoll, epoll_pwait, epoll_pwait2.
    private static let inputSyscalls: Set<Int> = [0, 19, 7, 23, 232, 270, 271, 281, 441]
    #elseif arch(arm64)
    /// read, readv, pselect6, ppoll, epoll_pwait, epoll_pwait2.
    private static let inputSyscalls: Set<Int> = [63, 65, 72, 73, 22, 441]
    #else
    private static let inputSyscalls: Set<Int> = []
    #endif

    /// Whether /proc/PID/syscall shows the process blocked in one of `inputSyscalls`
    /// (the file reads "running" while it runs, and "NUMBER ARGS..." while it sleeps in a call).
    private static func sleepsReading(_ pid: pid_t) -> Bool {
        let file = open("/proc/\(pid)/syscall", O_RDONLY | O_CLOEXEC)
        guard file >= 0 else { return false }
        defer { close(file) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { read(file, $0.baseAddress, $0.count) }
        guard count > 0 else { return false }
        let number = buffer[..<count].prefix { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        guard let call = Int(String(decoding: number, as: UTF8.self)) else { return false }
        return inputSyscalls.contains(call)
    }

    private static func decode(_ status: Int32) -> Int32 {
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func milliseconds(_ seconds: Double) -> Int32 {
        Int32(max(0, min(seconds * 1000, 60_000)).rounded(.up))
    }

    /// glibc's POSIX_SPAWN_SETSID (<spawn.h>, under _GNU_SOURCE, so not imported into Swift).
    private static let spawnSetSID: Int32 = 0x80

    /// Opens a pty pair and spawns the child on it; returns the master (non-blocking, close-on-exec) and the pid.
    private static func start(executable: String, arguments: [String], environment: [String: String],
                              workingDirectory: String?, rows: Int, columns: Int) throws -> (Int32, pid_t) {
        let libc = try LibC()
        // posix_openpt with O_CLOEXEC rather than openpty, so that no process spawned meanwhile by
        // another thread inherits the pair (a leaked slave would hide the child's exit from us).
        let master = libc.posixOpenpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw Failure(call: "posix_openpt", code: errno) }
        var slave: Int32 = -1
        var started = false
        defer {
            if slave >= 0 { close(slave) }
            if !started { close(master) }
        }
        guard libc.grantpt(master) == 0 else { throw Failure(call: "grantpt", code: errno) }
        guard libc.unlockpt(master) == 0 else { throw Failure(call: "unlockpt", code: errno) }
        var name = [CChar](repeating: 0, count: 256)
        let nameResult = libc.ptsnameR(master, &name, name.count)
        guard nameResult == 0 else { throw Failure(call: "ptsname_r", code: nameResult) }
        let slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        // Held open until the child has its own, so the terminal is never without a slave meanwhile.
        slave = open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw Failure(call: "open \(slavePath)", code: errno) }
        var size = winsize(ws_row: UInt16(clamping: rows), ws_col: UInt16(clamping: columns), ws_xpixel: 0, ws_ypixel: 0)
        guard ioctl(slave, UInt(TIOCSWINSZ), &size) == 0 else { throw Failure(call: "ioctl TIOCSWINSZ", code: errno) }
        let flags = fcntl(master, F_GETFL)
        guard flags >= 0, fcntl(master, F_SETFL, flags | O_NONBLOCK) == 0 else { throw Failure(call: "fcntl O_NONBLOCK", code: errno) }

        var attributes = posix_spawnattr_t()
        var code = posix_spawnattr_init(&attributes)
        guard code == 0 else { throw Failure(call: "posix_spawnattr_init", code: code) }
        defer { posix_spawnattr_destroy(&attributes) }
        // A new session (so opening the slave makes it the controlling terminal), nothing blocked
        // (the test runner's mask would otherwise be inherited) and no inherited SIG_IGN.
        code = posix_spawnattr_setflags(&attributes, Int16(spawnSetSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        guard code == 0 else { throw Failure(call: "posix_spawnattr_setflags", code: code) }
        var mask = sigset_t()
        sigemptyset(&mask)
        code = posix_spawnattr_setsigmask(&attributes, &mask)
        guard code == 0 else { throw Failure(call: "posix_spawnattr_setsigmask", code: code) }
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGTSTP, SIGTTIN, SIGTTOU,
                       SIGWINCH, SIGALRM, SIGUSR1, SIGUSR2] {
            sigaddset(&defaults, signal)
        }
        code = posix_spawnattr_setsigdefault(&attributes, &defaults)
        guard code == 0 else { throw Failure(call: "posix_spawnattr_setsigdefault", code: code) }

        var actions = posix_spawn_file_actions_t()
        code = posix_spawn_file_actions_init(&actions)
        guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_init", code: code) }
        defer { posix_spawn_file_actions_destroy(&actions) }
        if let workingDirectory {
            code = libc.addChdir(&actions, workingDirectory)
            guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_addchdir_np", code: code) }
        }
        // Opening the slave (without O_NOCTTY) as the new session's leader makes it the controlling terminal.
        code = posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_addopen", code: code) }
        for target: Int32 in [1, 2] {
            code = posix_spawn_file_actions_adddup2(&actions, 0, target)
            guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_adddup2", code: code) }
        }
        for descriptor in [master, slave] where descriptor > 2 {
            code = posix_spawn_file_actions_addclose(&actions, descriptor)
            guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_addclose", code: code) }
        }
        // Nor any other descriptor this process left inheritable (a pipe of another test, say).
        if let addCloseFrom = libc.addCloseFrom {
            code = addCloseFrom(&actions, 3)
            guard code == 0 else { throw Failure(call: "posix_spawn_file_actions_addclosefrom_np", code: code) }
        }

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.sorted { $0.key < $1.key }.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        code = executable.contains("/")
            ? posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
            : posix_spawnp(&pid, executable, &actions, &attributes, argv, envp)
        guard code == 0 else { throw Failure(call: "posix_spawn \(executable)", code: code) }
        started = true
        return (master, pid)
    }
}

/// glibc functions that Swift's Glibc module does not import (they need _XOPEN_SOURCE or
/// _GNU_SOURCE), looked up at run time and called through C function pointers.
private struct LibC {
    typealias IntFunction = @convention(c) (Int32) -> Int32
    typealias PtsnameR = @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, UnsafePointer<CChar>?) -> Int32
    typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>?, Int32) -> Int32

    let posixOpenpt: IntFunction
    let grantpt: IntFunction
    let unlockpt: IntFunction
    let ptsnameR: PtsnameR
    let addChdir: AddChdir
    let addCloseFrom: AddCloseFrom?  // glibc 2.34 and later

    init() throws {
        posixOpenpt = try Self.function("posix_openpt")
        grantpt = try Self.function("grantpt")
        unlockpt = try Self.function("unlockpt")
        ptsnameR = try Self.function("ptsname_r")
        addChdir = try Self.function("posix_spawn_file_actions_addchdir_np")
        addCloseFrom = try? Self.function("posix_spawn_file_actions_addclosefrom_np")
    }

    private static func function<T>(_ name: String) throws -> T {
        // A nil handle is RTLD_DEFAULT: search the libraries the process has loaded.
        guard let address = dlsym(nil, name) else { throw PseudoTerminal.Failure(call: "dlsym \(name)", code: ENOSYS) }
        return unsafeBitCast(address, to: T.self)
    }
}

/// Removes terminal escape sequences from a byte stream, a byte at a time, so that a sequence
/// split between two reads is still recognised.
private struct EscapeStripper {
    private enum State {
        case ground
        case escape              // after ESC
        case escapeIntermediate  // ESC ( B, ESC # 8, ...: intermediates, then one final byte
        case controlSequence     // ESC [ parameters intermediates final
        case string              // OSC, DCS, SOS, PM, APC: up to BEL or ST
        case stringEscape        // ESC inside a string: "\" ends it
        case singleShift         // ESC O x, ESC N x
    }

    private var state = State.ground

    mutating func feed(_ byte: UInt8, into text: inout [UInt8]) {
        switch state {
        case .ground:
            ground(byte, into: &text)
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .controlSequence
            case UInt8(ascii: "]"), UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"):
                state = .string
            case UInt8(ascii: "O"), UInt8(ascii: "N"): state = .singleShift
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x1B: state = .escape
            case 0x30...0x7E, 0x18, 0x1A: state = .ground  // a two-byte sequence (ESC 7, ESC =, ESC \, ...) or cancelled
            default:
                state = .ground
                ground(byte, into: &text)
            }
        case .escapeIntermediate:
            switch byte {
            case 0x20...0x2F: break
            case 0x1B: state = .escape
            case 0x30...0x7E, 0x18, 0x1A: state = .ground
            default:
                state = .ground
                ground(byte, into: &text)
            }
        case .controlSequence:
            switch byte {
            case 0x20...0x3F: break
            case 0x40...0x7E, 0x18, 0x1A: state = .ground
            case 0x1B: state = .escape
            case 0x00...0x1F: control(byte, into: &text)  // a terminal executes controls inside a sequence
            default:
                state = .ground
                ground(byte, into: &text)
            }
        case .string:
            switch byte {
            case 0x07, 0x18, 0x1A: state = .ground
            case 0x1B: state = .stringEscape
            default: break
            }
        case .stringEscape:
            if byte == UInt8(ascii: "\\") {
                state = .ground
            } else {
                state = .escape  // ESC ends the string and starts a new sequence
                feed(byte, into: &text)
            }
        case .singleShift:
            state = .ground
        }
    }

    private mutating func ground(_ byte: UInt8, into text: inout [UInt8]) {
        switch byte {
        case 0x1B: state = .escape
        case 0x00...0x1F, 0x7F: control(byte, into: &text)
        default: text.append(byte)
        }
    }

    private func control(_ byte: UInt8, into text: inout [UInt8]) {
        switch byte {
        case UInt8(ascii: "\n"), UInt8(ascii: "\t"):
            text.append(byte)
        case 0x08:
            // Backspace: the previous character (all its UTF-8 bytes) is overwritten; never a line break.
            guard let last = text.last, last != UInt8(ascii: "\n") else { return }
            var index = text.count - 1
            if last >= 0x80 {
                while index > 0 && text[index] & 0xC0 == 0x80 && text[index - 1] != UInt8(ascii: "\n") { index -= 1 }
            }
            text.removeSubrange(index...)
        default:
            break  // "\r", BEL, shift in/out, form feed, DEL, ...
        }
    }
}
#endif
