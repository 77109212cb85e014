import CLua
import Foundation
import GRDB
import PLNCore

/// The Lua API importers are written against: `pln.import.*`, `pln.archive.open`, `pln.text.*`.
extension ScriptHost {
    /// The import in progress, or an error naming `function` when no importer runs.
    private func currentImport(_ function: String) throws(ScriptError) -> ImportRun {
        guard let run = importRun else { throw .host("\(function): only an importer's run can call it (pln import)") }
        return run
    }

    /// `pln.import.record(label, fn)`: runs `fn()` as one record.
    ///
    /// An error becomes "LABEL: message", which stops the import: the import's transaction is
    /// rolled back, whatever the importer does after catching it. With --skip-bad the record runs
    /// inside a savepoint, and an error rolls back only the record, which is reported and
    /// counted, and the call returns nil and the message. Otherwise it returns what `fn` returns.
    /// Stops (Ctrl-C, the budget, the memory cap) always stop the import.
    ///
    /// Only --skip-bad needs the savepoint: it copies every page a record first changes into the
    /// statement journal and frees them at RELEASE, about a tenth of a bookmark's import.
    func importRecord(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.import.record"
        let args = ScriptArguments(arguments, f)
        let label = try args.string(0, "the label")
        guard case .function(let body) = args[1] else { throw args.fail("the record must be a function") }
        let run = try currentImport(f)
        if let fatal = run.fatal { throw fatal }  // an earlier record failed and the importer caught it
        let db = try writableDatabase(f)
        // The full-text trigger is dropped outside the savepoint, so rolling a record back
        // leaves the deferred indexing exactly as it was when the record began.
        try deferFullText(db)
        let deferredFrom = unindexedFrom
        run.depth += 1
        defer { run.depth -= 1 }
        var failure: ScriptError?
        var results: [LuaValue] = []
        let savepoint = run.options.skipBad
        // SAVEPOINT / RELEASE through cached statements: a record costs two statement runs, not
        // two statement compilations.
        if savepoint { try database(f) { try db.cachedStatement(sql: "SAVEPOINT pln_record").execute() } }
        do throws(ScriptError) {
            results = try lua.call(body, [])
        } catch {
            failure = error
        }
        if savepoint {
            try database(f) {
                if failure != nil { try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT pln_record").execute() }
                try db.cachedStatement(sql: "RELEASE SAVEPOINT pln_record").execute()
            }
        }
        guard let failure else {
            run.advance()
            return results
        }
        if savepoint {
            unindexedFrom = deferredFrom
            saveCache.reset()  // ids the record created are gone
        }
        switch failure {
        case .interrupted, .instructionLimit, .timeLimit, .memoryLimit, .outOfMemory:
            throw failure
        default:
            break
        }
        let text = failure.description
        if run.options.skipBad {
            run.failed.append((label, text))
            run.onSkippedBad?("skipped \(label): \(text)")
            run.advance()
            return [.nil, .string(text)]
        }
        let error = ScriptError.runtime(message: "\(label): \(text)", traceback: failure.traceback ?? "")
        run.fatal = error
        throw error
    }

    /// `pln.import.add{...}`: `pln.add` for an importer, whose failures (a date that does not
    /// exist, an empty body) are the record's data, not the importer's code: they are raised
    /// without the Lua position and the "pln.add: " prefix, so the record's label places them.
    func importAdd(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        do {
            return try add(arguments)
        } catch {
            guard case .host(let message) = error else { throw error }
            let prefix = "pln.add: "
            let text = message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
            throw .runtime(message: text, traceback: "")
        }
    }

    /// `pln.import.before_since(date)`: whether a record dated `date` (a date pln reads, or Unix
    /// seconds) is before --since, so the importer can leave it out before it writes any source or
    /// person (`pln.add` leaves out only the entry). False without --since, and for a date pln
    /// cannot read: `pln.add` reports that.
    func importBeforeSince(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.import.before_since"
        let args = ScriptArguments(arguments, f)
        let seconds: Int64?
        switch args[0] {
        case .integer(let value): seconds = value
        case .number(let value): seconds = Int64(exactly: value.rounded(.down))
        case .string(let text): seconds = try? timestamp(text, f).seconds
        default: throw args.fail("the date must be a string or Unix seconds")
        }
        guard let since = try currentImport(f).options.sinceTimestamp, let seconds else { return [.boolean(false)] }
        return [.boolean(seconds < since.seconds)]
    }

    /// `pln.import.skip(reason)`: a record skipped on purpose ("no text", "ad"), counted by reason.
    func importSkip(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.import.skip"
        let args = ScriptArguments(arguments, f)
        let reason = try args.string(0, "the reason")
        guard !reason.isEmpty else { throw args.fail("the reason is empty") }
        let run = try currentImport(f)
        run.skip(reason)
        // Inside pln.import.record the record itself counts when it ends.
        if run.depth == 0 { run.advance() }
        return []
    }

    /// `pln.import.total(n)`: how many records the importer expects, for the progress bar.
    func importTotal(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.import.total"
        let args = ScriptArguments(arguments, f)
        let total = try args.integer(0, "the number of records")
        guard total >= 0 else { throw args.fail("the number of records must not be negative") }
        try currentImport(f).total = Int(total)
        return []
    }

    /// `pln.archive.open(path)`: a folder, zip, tar(.gz) or plain file as an object with
    /// `kind`, `path`, `list()`, `find(pattern)` and `read(member)`.
    func archiveOpen(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.archive.open"
        let args = ScriptArguments(arguments, f)
        let path = try args.string(0, "the path")
        try checkReadable(path, f)
        let archive: Archive
        do {
            archive = try Archive(path: path)
        } catch {
            throw .host(error.description)
        }
        let list = lua.function { (_: [LuaValue]) throws(ScriptError) -> [LuaValue] in
            [.table(LuaTable(array: archive.members.map { .string($0) }))]
        }
        let read = lua.function { (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in
            // Called as a method: the archive object comes first.
            let args = ScriptArguments(arguments, "archive:read")
            let member = try args.string(1, "the member path")
            do throws(PLNError) {
                return [.string(String(decoding: try archive.bytes(member), as: UTF8.self))]
            } catch {
                throw .host(error.description)
            }
        }
        let items = lua.function { [unowned self] (arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] in
            let args = ScriptArguments(arguments, "archive:items")
            let member = try args.string(1, "the member path")
            let key = try args.optionalString(2, "the key")
            let keep = try Self.keptKeys(args, 3, "archive:items")
            let bytes: [UInt8]
            do throws(PLNError) {
                bytes = try archive.bytes(member)
            } catch {
                throw .host(error.description)
            }
            if let key {
                // The array that is the value of the first "key": in the text; nil without one,
                // so an importer can say what the file is not.
                guard let start = Self.arrayStart(after: key, in: bytes) else { return [.nil] }
                return try self.itemsIterator(bytes, offset: start, name: member, keeping: keep)
            }
            // The JSON array starts at the first "[": a JavaScript prefix such as Twitter's
            // "window.YTD.tweets.part0 = " is skipped.
            guard let start = bytes.firstIndex(of: UInt8(ascii: "[")) else {
                throw .host("\(member): no JSON array")
            }
            return try self.itemsIterator(bytes, offset: start, name: member, keeping: keep)
        }
        let maker = try lua.function(source: Self.archiveObjectSource, name: "pln.archive")
        return try lua.call(maker.function!, [.string(archive.kind.rawValue), .string(path), list, read, items])
    }

    /// The offset of the "[" that opens the value of the first `"key":` in `bytes` (white space
    /// allowed around the colon), or nil.
    static func arrayStart(after key: String, in bytes: [UInt8]) -> Int? {
        let needle = Array("\"\(key)\"".utf8)
        func afterSpace(_ at: Int) -> Int {
            var at = at
            while at < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[at]) { at += 1 }
            return at
        }
        var from = 0
        while let found = bytes[from...].firstRange(of: needle) {
            from = found.upperBound
            let colon = afterSpace(found.upperBound)
            guard colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { continue }
            let bracket = afterSpace(colon + 1)
            if bracket < bytes.count, bytes[bracket] == UInt8(ascii: "[") { return bracket }
        }
        return nil
    }

    /// Builds the archive object from the Swift functions; `find` uses Lua patterns.
    private static let archiveObjectSource = """
        local kind, path, list, read, items = ...
        local members
        local function all()
          if not members then members = list() end
          return members
        end
        local archive = { kind = kind, path = path }
        function archive:list()
          local copy = {}
          for i, member in ipairs(all()) do copy[i] = member end
          return copy
        end
        function archive:find(pattern)
          for _, member in ipairs(all()) do
            if string.find(member, pattern) then return member end
          end
          return nil
        end
        archive.read = read
        archive.items = items
        return archive
        """

    /// `pln.json.items(text [, init])`: an iterator over the elements of the JSON array that
    /// starts at byte `init` (default 1), decoding one element a step, and the element count.
    ///
    /// A large export is never one tree in memory: only the text and the current element are.
    /// Anything after the array's closing `]` is ignored (a JavaScript `;`).
    func jsonItems(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let f = "pln.json.items"
        let args = ScriptArguments(arguments, f)
        let text = try args.string(0, "the JSON text")
        let start = args[1].isNil ? 1 : try args.integer(1, "the start position")
        guard start >= 1 else { throw args.fail("the start position must be 1 or more") }
        // `pln.json.items(text, text:find("["))` passes find's end position third: not a list.
        let keep: KeptKeys?
        switch args[2] {
        case .integer, .number: keep = nil
        default: keep = try Self.keptKeys(args, 2, f)
        }
        return try itemsIterator(Array(text.utf8), offset: Int(start - 1), name: f, keeping: keep)
    }

    /// The keys the elements' objects keep (the optional `keep` argument of `pln.json.items`
    /// and `archive:items`): names listed are kept with their values filtered in turn, names
    /// set to true are kept whole. Nil keeps everything.
    private static func keptKeys(_ args: ScriptArguments, _ index: Int, _ f: String) throws(ScriptError) -> KeptKeys? {
        guard case .table(let table) = args[index] else {
            if args[index].isNil { return nil }
            throw args.fail("'keep' must be a table of key names")
        }
        var kept = KeptKeys()
        for item in table.array {
            guard case .string(let key) = item else { throw args.fail("'keep' must list key names, not \(item.typeName)") }
            kept.filtered.append(key)
        }
        for (key, value) in table.fields {
            guard case .string(let name) = key, case .boolean(true) = value else {
                throw args.fail("'keep' names a key kept whole as name = true")
            }
            kept.whole.append(name)
        }
        return kept
    }

    /// What `keptKeys` reads.
    struct KeptKeys {
        var filtered: [String] = []
        var whole: [String] = []
    }

    /// The iterator and element count of `pln.json.items` and `archive:items` over `bytes`.
    ///
    /// Errors name `name` and the line within `bytes`.
    /// With `keep`, objects hold only the members whose key is listed, at every depth: a record
    /// carries what the importer reads, not the dozens of fields an export adds.
    func itemsIterator(_ bytes: [UInt8], offset: Int, name: String, keeping keep: KeptKeys? = nil) throws(ScriptError) -> [LuaValue] {
        var parser: JSONParser
        do {
            parser = try JSONParser.arrayElements(bytes: bytes, offset: offset)
        } catch {
            throw .host("\(name): line \(error.line): \(error.message)")
        }
        let shape = JSONParser.arrayShape(bytes: bytes, offset: offset)
        // What the longest element can need in Lua: it is built straight on the stack.
        let headroom = (shape?.longest ?? bytes.count) * LuaTableWriter.bytesPerJSONByte
        var tape = JSONTape(keeping: keep?.filtered, whole: keep?.whole ?? [])
        var index: Int64 = 0
        var finished = false
        /// Reads the next element into `tape`: false at the end (the iterator is then done).
        func next() throws(ScriptError) -> Bool {
            do throws(JSONParser.Failure) {
                guard try parser.nextElement(into: &tape) else {
                    finished = true
                    return false
                }
                index += 1
                return true
            } catch {
                finished = true
                throw .host("\(name): line \(error.line): \(error.message)")
            }
        }
        let step = lua.fastFunction { (_: [LuaValue]) throws(ScriptError) -> LuaResult in
            guard !finished else { return .values([.nil]) }
            return .stack(headroom: headroom, write: { (w) throws(ScriptError) -> Int32 in
                guard try next() else {
                    lua_pushnil(w.thread)
                    return 1
                }
                lua_pushinteger(w.thread, index)
                w.push(tape: tape)
                return 2
            }, fallback: { () throws(ScriptError) -> [LuaValue] in
                // The same tape, made into a value: the keys kept are the tape's either way.
                guard try next() else { return [.nil] }
                return [.integer(index), ScriptValues.lua(tape.value)]
            })
        }
        return [step, shape.map { .integer(Int64($0.count)) } ?? .nil]
    }

    /// `pln.text.repair_utf8(s)`: undoes Facebook/Instagram mojibake ("Ã©" → "é").
    func textRepairUTF8(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.repair_utf8")
        return [.string(TextRepair.repairUTF8(try args.string(0, "the text")))]
    }

    /// `pln.text.clean(s)`: strips terminal control characters and turns "\r\n" and "\r" into "\n".
    func textClean(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.text.clean")
        return [.string(TextRepair.clean(try args.string(0, "the text")))]
    }
}
