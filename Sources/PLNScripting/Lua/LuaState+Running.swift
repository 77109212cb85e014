import CLua
import CLuaShim

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loading and running chunks, calling functions, and turning failures into ``ScriptError``.
extension LuaState {
    /// Loads and runs a chunk, passing `arguments` as its `...`, and returns what it returns.
    ///
    /// `chunkName` is "@path" for files and "=name" for REPL lines and plugins, so messages read
    /// "path:line:" or "name:line:". In the sandbox only text loads: a precompiled chunk is
    /// refused with ``ScriptError/syntax(_:)`` before Lua sees it.
    @discardableResult
    package func run(_ code: String, chunkName: String, arguments: [LuaValue] = []) throws(ScriptError) -> [LuaValue] {
        try Self.withBytes(of: code) { bytes throws(ScriptError) in
            try execute(bytes, chunkName: chunkName, arguments: arguments)
        }
    }

    /// Runs the Lua file at `path` with chunk name "@path", as `lua path arguments…` would.
    ///
    /// Sets the global `arg` like lua.c (`arg[0]` = path, `arg[1…]` = arguments) and passes the
    /// arguments as the chunk's `...`. A first line starting with `#` (a shebang) and a UTF-8 byte
    /// order mark are skipped, as `luaL_loadfile` does. The bytes go to Lua unchanged, so a file
    /// need not be valid UTF-8. A file that cannot be read throws ``ScriptError/io(path:reason:)``.
    @discardableResult
    package func runFile(_ path: String, arguments: [LuaValue] = []) throws(ScriptError) -> [LuaValue] {
        var bytes = try Self.readFile(path)
        Self.skipPrefix(&bytes)
        setGlobal("arg", .table(LuaTable(array: arguments, fields: [(.integer(0), .string(path))])))
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(ScriptError) in try execute(buffer, chunkName: "@" + path, arguments: arguments) }
        }
        return try result.get()
    }

    /// Calls a Lua function under the same protected call, watchdog and limits as ``run(_:chunkName:arguments:)``.
    @discardableResult
    package func call(_ function: LuaFunction, _ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        guard function.references === references else {
            throw .host("cannot call a function of another Lua state")
        }
        return try enter { thread throws(ScriptError) in
            let base = lua_gettop(thread)
            defer { lua_settop(thread, base) }
            guard lua_checkstack(thread, 4) != 0 else { throw .host("too many values for the Lua stack") }
            CLuaShim_pushref(thread, function.reference)
            do throws(LuaStackFailure) { try push(arguments, on: thread) } catch { throw scriptError(error, on: thread) }
            return try protectedCall(base: base, argumentCount: arguments.count, on: thread)
        }
    }

    /// Evaluates a REPL line as lua.c does: first as `return <line>;` (so `1+1` gives 2), and when
    /// that does not compile, as a statement (whose syntax error is the one reported).
    package func evaluate(line: String, chunkName: String = "=stdin") throws(ScriptError) -> [LuaValue] {
        try enter { thread throws(ScriptError) in
            let base = lua_gettop(thread)
            defer { lua_settop(thread, base) }
            try loadLine(line, chunkName: chunkName, on: thread)
            return try protectedCall(base: base, argumentCount: 0, on: thread)
        }
    }

    /// Compiles `source` as a function body without running it (its arguments arrive as `...`),
    /// with chunk name "=name": for small helpers written in Lua, such as a prelude's.
    ///
    /// `function(source: "local a, b = ... return a + b", name: "add")` is `function(a, b) return
    /// a + b end` whose errors read "add:1:".
    package func function(source: String, name: String) throws(ScriptError) -> LuaValue {
        let thread = currentThread
        releasePendingReferences(on: thread)
        let base = lua_gettop(thread)
        defer { lua_settop(thread, base) }
        try Self.withBytes(of: source) { bytes throws(ScriptError) in
            try load(bytes, chunkName: "=" + name, on: thread)
        }
        return .function(try makeFunction(at: -1, on: thread))
    }

    // MARK: Entries

    /// Runs `body` as a run or call: the outermost entry resets the watchdog's stop, the memory
    /// limit flag and the deadline, and on the way out rearms the watchdog and, after the memory
    /// limit was hit, collects garbage so the state has room again.
    func enter<Result>(_ body: (OpaquePointer) throws(ScriptError) -> Result) throws(ScriptError) -> Result {
        let thread = currentThread
        let outermost = entryDepth == 0
        if outermost {
            stopReason = nil
            CLuaShim_clear_memory_limit_hit(mainThread)
            deadline = timeLimit.map { ContinuousClock.now + .seconds(max(0, $0)) }
        }
        entryDepth += 1
        defer {
            entryDepth -= 1
            if outermost { leaveOutermost() }
        }
        releasePendingReferences(on: thread)
        let result = try body(thread)
        if outermost, let stopReason { throw stopReason.error(self) }
        return result
    }

    private func leaveOutermost() {
        if stopReason != nil { CLuaShim_rearm_watchdog(mainThread) }
        stopReason = nil
        deadline = nil
        if CLuaShim_memory_limit_hit(mainThread) != 0 {
            _ = CLuaShim_gc(mainThread, LUA_GCCOLLECT)
            CLuaShim_clear_memory_limit_hit(mainThread)
        }
    }

    /// Loads, then calls with `arguments`, inside an entry.
    private func execute(_ source: UnsafeRawBufferPointer, chunkName: String,
                         arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        try enter { thread throws(ScriptError) in
            let base = lua_gettop(thread)
            defer { lua_settop(thread, base) }
            try load(source, chunkName: chunkName, on: thread)
            do throws(LuaStackFailure) { try push(arguments, on: thread) } catch { throw scriptError(error, on: thread) }
            return try protectedCall(base: base, argumentCount: arguments.count, on: thread)
        }
    }

    /// Compiles `source` and pushes the chunk, or throws its syntax error.
    func load(_ source: UnsafeRawBufferPointer, chunkName: String, on thread: OpaquePointer) throws(ScriptError) {
        if options.sandbox, source.first == 0x1B {  // LUA_SIGNATURE[0], the mark of a precompiled chunk
            throw .syntax("\(Self.displayName(chunkName)): precompiled (binary) chunks cannot be loaded in the sandbox; load Lua source text")
        }
        let status = CLuaShim_loadbuffer(thread, source.baseAddress?.assumingMemoryBound(to: CChar.self), source.count,
                                         chunkName, options.sandbox ? "t" : "bt")
        guard status == LUA_OK else { throw loadFailure(status, on: thread) }
    }

    /// Pushes the compiled line: `return <line>;` if that compiles, else the line itself.
    func loadLine(_ line: String, chunkName: String, on thread: OpaquePointer) throws(ScriptError) {
        let base = lua_gettop(thread)
        let status = withUTF8("return " + line + ";") {
            CLuaShim_loadbuffer(thread, $0, $1, chunkName, options.sandbox ? "t" : "bt")
        }
        if status == LUA_OK { return }
        lua_settop(thread, base)
        try Self.withBytes(of: line) { bytes throws(ScriptError) in
            try load(bytes, chunkName: chunkName, on: thread)
        }
    }

    private func loadFailure(_ status: Int32, on thread: OpaquePointer) -> ScriptError {
        if status == CLUASHIM_ERRSTACK { return .host("too many values for the Lua stack") }
        let message = errorText(on: thread)
        lua_settop(thread, -2)
        switch status {
        case LUA_ERRSYNTAX: return .syntax(message)
        case LUA_ERRMEM: return memoryError()
        default: return .runtime(message: message, traceback: "")
        }
    }

    /// Calls the function below `argumentCount` arguments (just above `base`) under the traceback
    /// handler, and converts its results.
    func protectedCall(base: Int32, argumentCount: Int, on thread: OpaquePointer) throws(ScriptError) -> [LuaValue] {
        try callKeepingResults(argumentCount: argumentCount, on: thread)
        return try values(from: base + 1, on: thread)
    }

    /// Calls like ``protectedCall(base:argumentCount:on:)`` but leaves the results on the stack.
    func callKeepingResults(argumentCount: Int, on thread: OpaquePointer) throws(ScriptError) {
        var messageLength = -1
        let status = CLuaShim_pcall(thread, Int32(argumentCount), LUA_MULTRET, &messageLength)
        guard status == LUA_OK else { throw failure(status, messageLength: messageLength, on: thread) }
    }

    /// Classifies a failed protected call. The watchdog's stop and the allocator's limit flag are
    /// facts recorded while the script ran, so the kind never depends on guessing at the message
    /// (which the script controls); the message only tells a memory error rethrown as a plain
    /// error ("not enough memory", exactly) from another error raised after the limit was hit.
    private func failure(_ status: Int32, messageLength: Int, on thread: OpaquePointer) -> ScriptError {
        if status == CLUASHIM_ERRSTACK { return .host("too many values for the Lua stack") }
        if let stopReason { return stopReason.error(self) }
        var bytes: [UInt8] = []
        if lua_type(thread, -1) == LUA_TSTRING {
            var length = 0
            if let pointer = lua_tolstring(thread, -1, &length) {
                bytes = Array(UnsafeRawBufferPointer(start: pointer, count: length))
            }
        } else {
            bytes = Array(errorText(on: thread).utf8)
        }
        var message = bytes[...], traceback: ArraySlice<UInt8> = []
        if status != LUA_ERRERR, messageLength >= 0, messageLength < bytes.count, bytes[messageLength] == 0x0A {
            message = bytes[..<messageLength]
            traceback = bytes[(messageLength + 1)...]
        }
        let text = String(decoding: message, as: UTF8.self)
        if CLuaShim_memory_limit_hit(mainThread) != 0, status == LUA_ERRMEM || text == "not enough memory" {
            return memoryError()
        }
        return .runtime(message: text, traceback: String(decoding: traceback, as: UTF8.self))
    }

    // MARK: Files and names

    /// The file's bytes, or ``ScriptError/io(path:reason:)`` with the system's reason.
    static func readFile(_ path: String) throws(ScriptError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .io(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .io(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: buffer[..<count])
        }
    }

    /// Drops a UTF-8 byte order mark, and blanks a first line starting with `#` while keeping its
    /// newline so line numbers stay right (lauxlib's `skipcomment`).
    static func skipPrefix(_ bytes: inout [UInt8]) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard bytes.first == UInt8(ascii: "#") else { return }
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        bytes.removeSubrange(..<end)
        // a precompiled chunk after the comment line: no newline before it (its mark comes first)
        if bytes.count > 1, bytes[1] == 0x1B { bytes.removeFirst() }
    }

    /// Calls `body` with the UTF-8 bytes of `string`.
    static func withBytes<Result>(of string: String,
                                  _ body: (UnsafeRawBufferPointer) throws(ScriptError) -> Result) throws(ScriptError) -> Result {
        var string = string
        let result = string.withUTF8 { bytes in
            Swift.Result { () throws(ScriptError) -> Result in try body(UnsafeRawBufferPointer(bytes)) }
        }
        return try result.get()
    }

    /// A chunk name as Lua shows it in messages: "=name" → "name", "@path" → "path".
    static func displayName(_ chunkName: String) -> String {
        if chunkName.hasPrefix("=") || chunkName.hasPrefix("@") { return String(chunkName.dropFirst()) }
        let firstLine = chunkName.prefix { $0 != "\n" }
        return "[string \"\(firstLine)\"]"
    }
}
