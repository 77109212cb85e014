import Foundation
import PLNCore

extension ScriptHost {
    /// Whether a script may read `path`: always for the user's own scripts; for a sandboxed
    /// script only the files named on the command line.
    func checkReadable(_ path: String, _ function: String) throws(ScriptError) {
        guard options.sandbox else { return }
        let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
        let allowed = options.readablePaths.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        guard allowed.contains(resolved) else {
            throw .host("\(function): a sandboxed script may only read files named on the command line, not \(path)")
        }
    }

    /// `pln.read(path)`: the whole file as a string (UTF-8 checked).
    func read(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.read")
        let path = try args.string(0, "the path")
        try checkReadable(path, "pln.read")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .io(path: path, reason: access(path, F_OK) == 0 ? "cannot be read" : "no such file")
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw .host("pln.read: \(path) is not valid UTF-8") }
        return [.string(text)]
    }

    /// `pln.lines(path)`: an iterator over the file's lines, streamed.
    func lines(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.lines")
        let path = try args.string(0, "the path")
        try checkReadable(path, "pln.lines")
        let reader: LineReader
        do {
            reader = try LineReader(path: path)
        } catch {
            throw .io(path: path, reason: error.description)
        }
        return [lua.function { (_: [LuaValue]) throws(ScriptError) -> [LuaValue] in
            do throws(PLNError) {
                guard let line = try reader.nextLine() else { return [.nil] }
                return [.string(line)]
            } catch {
                throw .host("pln.lines: \(error.description)")
            }
        }]
    }

    /// `pln.json.decode(text [, name])`; with a name, bad JSON is "NAME:LINE: message".
    func jsonDecode(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.json.decode")
        let text = try args.string(0, "the JSON text")
        let name = try args.optionalString(1, "the name")
        do {
            return [ScriptValues.lua(try JSONParser.parse(text))]
        } catch {
            // Named, the error is the data's ("posts.json:3: ..."), so it carries no Lua position.
            if let name { throw .runtime(message: "\(name):\(error.line): \(error.message)", traceback: "") }
            throw .host("pln.json.decode: line \(error.line): \(error.message)")
        }
    }

    /// `pln.json.encode(value)`: compact JSON; tables with only a sequence are arrays.
    func jsonEncode(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        do {
            return [.string(try ScriptValues.json(arguments.first ?? .nil).serialized)]
        } catch {
            throw .host("pln.json.encode: \(error.description.replacingOccurrences(of: "pln.json.encode: ", with: ""))")
        }
    }

    /// `pln.csv.rows(path_or_text, {header=true, delimiter=","})`: an iterator over records.
    ///
    /// A string holding a newline is CSV text; anything else is a path. With `header`, each
    /// record is a table keyed by the first record's fields.
    func csvRows(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.csv.rows")
        let source = try args.string(0, "the path or CSV text")
        let options = args[1].isNil ? LuaTable() : try args.table(1, "the options")
        let header = try options.bool("header", in: "pln.csv.rows") ?? false
        let delimiterText = try options.string("delimiter", in: "pln.csv.rows") ?? ","
        guard delimiterText.count == 1, let delimiter = delimiterText.first else {
            throw args.fail("'delimiter' must be one character")
        }
        let reader: CSVReader
        if source.contains("\n") {
            reader = CSVReader(text: source, delimiter: delimiter)
        } else {
            try checkReadable(source, "pln.csv.rows")
            do {
                reader = try CSVReader(path: source, delimiter: delimiter)
            } catch {
                throw .io(path: source, reason: error.description)
            }
        }
        var names: [String]?
        if header {
            do {
                names = try reader.next() ?? []
            } catch {
                throw .host("pln.csv.rows: \(error.description)")
            }
        }
        return [lua.function { (_: [LuaValue]) throws(ScriptError) -> [LuaValue] in
            let record: [String]?
            do throws(PLNError) {
                record = try reader.next()
            } catch {
                throw .host("pln.csv.rows: \(error.description)")
            }
            guard let record else { return [.nil] }
            if let names {
                var fields: [(LuaValue, LuaValue)] = []
                for (index, name) in names.enumerated() where index < record.count {
                    fields.append((.string(name), .string(record[index])))
                }
                return [.table(LuaTable(fields: fields)), .integer(Int64(reader.recordLine))]
            }
            return [.table(LuaTable(array: record.map { .string($0) })), .integer(Int64(reader.recordLine))]
        }]
    }

    /// `pln.date.parse(text)`: an ISO 8601 instant with offset; nil when not a date; an error for
    /// a date that does not exist (2019-02-29).
    func dateParse(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.date.parse")
        let text = try args.string(0, "the date text")
        if let exact = Timestamp(iso8601: text, assumingZone: context.timeZone) { return [.string(exact.iso8601)] }
        do {
            guard let parsed = try DateParser.parse(text, in: context) else { return [.nil] }
            return [.string(Timestamp(date: parsed.date, timeZone: context.timeZone).iso8601)]
        } catch {
            throw .host("pln.date.parse: \(error.description)")
        }
    }

    /// `pln.date.format(date, pattern?)`: local time; the pattern uses strftime's `%Y %m %d %H %M
    /// %S %a %b %A %B %j %u %Z %z %%` (default "%Y-%m-%d %H:%M"). `date` is an ISO string, a date
    /// pln understands, or Unix seconds.
    func dateFormat(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.date.format")
        let date: Date
        switch args[0] {
        case .integer(let seconds): date = Date(timeIntervalSince1970: TimeInterval(seconds))
        case .number(let seconds): date = Date(timeIntervalSince1970: seconds)
        case .string(let text): date = try timestamp(text, "pln.date.format").date
        default: throw args.fail("the date must be a string or Unix seconds")
        }
        let pattern = try args.optionalString(1, "the pattern") ?? "%Y-%m-%d %H:%M"
        var time = time_t(Int(date.timeIntervalSince1970.rounded(.down)))
        var parts = tm()
        localtime_r(&time, &parts)
        var buffer = [CChar](repeating: 0, count: 512)
        let count = strftime(&buffer, buffer.count, pattern, &parts)
        guard count > 0 || pattern.isEmpty else { throw args.fail("the pattern gives no text or is too long") }
        let bytes = buffer.prefix(count).map { UInt8(bitPattern: $0) }
        return [.string(String(decoding: bytes, as: UTF8.self))]
    }

    /// `print`/`pln.print(...)`: strings as they are, tables as JSON in the json formats and
    /// as readable Lua elsewhere; arguments separated by tabs, as Lua's print does.
    func printValues(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        var parts: [String] = []
        for value in arguments {
            switch value {
            case .string(let text): parts.append(text)
            case .table where format == .json || format == .jsonl:
                parts.append(try ScriptValues.json(value).serialized)
            default: parts.append(lua.describe(value))
            }
        }
        output.line(parts.joined(separator: "\t"))
        output.flush()
        return []
    }

    /// `pln.table(rows, {columns=})`: rows (tables) rendered in the active output format.
    func table(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.table")
        let rows = try args.table(0, "the rows").array
        let options = args[1].isNil ? LuaTable() : try args.table(1, "the options")
        let columns = try options.strings("columns", in: "pln.table")
        try RowsRenderer(format: format, style: style, output: output).render(rows, columns: columns.isEmpty ? nil : columns)
        return []
    }
}
