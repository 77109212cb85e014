import PLNCore

/// `pln.html.*` and `pln.xml.*`: what importers need to read HTML exports and XML dumps.
extension ScriptHost {
    /// `pln.html.decode(s)`: character references decoded.
    func htmlDecode(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.html.decode")
        return [.string(HTMLEntities.decode(try args.string(0, "the text")))]
    }

    /// `pln.html.text(html)`: Markdown-flavoured plain text, and the list of addresses it links to.
    func htmlText(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.html.text")
        let (text, links) = HTMLTextConverter.textAndLinks(from: try args.string(0, "the HTML"))
        return [.string(text), .table(LuaTable(array: links.map { .string($0) }))]
    }

    /// `pln.html.tokens(html)`: an iterator over tokens as tables.
    func htmlTokens(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.html.tokens")
        var tokenizer = HTMLTokenizer(try args.string(0, "the HTML"))
        return [lua.fastFunction { (_: [LuaValue]) throws(ScriptError) -> LuaResult in
            guard let token = tokenizer.next() else { return .values([.nil]) }
            let line = Int64(tokenizer.line)
            return .table(write: { Self.write(token, line: line, to: $0) }, fallback: { Self.value(token, line: line) })
        }]
    }

    /// `pln.xml.parse(text)`: an iterator over the events of an XML document in a string.
    func xmlParse(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.xml.parse")
        let text = try args.string(0, "the XML text")
        let name = try args.optionalString(1, "the name") ?? "<xml>"
        return [xmlIterator(XMLPullParser(text: text, name: name))]
    }

    /// `pln.xml.file(path)`: an iterator over the events of an XML file, read as the loop goes.
    func xmlFile(_ arguments: [LuaValue]) throws(ScriptError) -> [LuaValue] {
        let args = ScriptArguments(arguments, "pln.xml.file")
        let path = try args.string(0, "the path")
        try checkReadable(path, "pln.xml.file")
        do {
            return [xmlIterator(try XMLPullParser(path: path))]
        } catch {
            throw .io(path: path, reason: error.description.replacingOccurrences(of: "\(path): ", with: ""))
        }
    }

    private func xmlIterator(_ parser: XMLPullParser) -> LuaValue {
        var finished = false
        return lua.fastFunction { (_: [LuaValue]) throws(ScriptError) -> LuaResult in
            guard !finished else { return .values([.nil]) }
            let event: XMLEvent?
            do throws(PLNError) {
                event = try parser.next()
            } catch {
                finished = true
                // Raised as it is: the message already names the XML file and line, which is the
                // place to look (a position in the loop calling the iterator would only mislead).
                throw .runtime(message: error.description, traceback: "")
            }
            guard let event else {
                finished = true
                return .values([.nil])
            }
            let line = Int64(parser.line)
            return .table(write: { Self.write(event, line: line, to: $0) }, fallback: { Self.value(event, line: line) })
        }
    }

    // MARK: Tables

    private static func write(_ token: HTMLToken, line: Int64, to writer: LuaTableWriter) {
        switch token {
        case .start(let name, let attributes, let selfClosing):
            writer.begin(fields: 5)
            writer.set("type", "start")
            writer.set("name", name)
            writer.set("attrs", fields: attributes.count) { table in
                for attribute in attributes { table.set(key: attribute.name, attribute.value) }
            }
            writer.set("self_closing", selfClosing)
        case .end(let name):
            writer.begin(fields: 3)
            writer.set("type", "end")
            writer.set("name", name)
        case .text(let text):
            writer.begin(fields: 3)
            writer.set("type", "text")
            writer.set("text", text)
        case .comment(let text):
            writer.begin(fields: 3)
            writer.set("type", "comment")
            writer.set("text", text)
        }
        writer.set("line", line)
    }

    private static func value(_ token: HTMLToken, line: Int64) -> LuaValue {
        switch token {
        case .start(let name, let attributes, let selfClosing):
            .table(.record(["type": "start", "name": .string(name), "attrs": attributeTable(attributes),
                            "self_closing": .boolean(selfClosing), "line": .integer(line)]))
        case .end(let name):
            .table(.record(["type": "end", "name": .string(name), "line": .integer(line)]))
        case .text(let text):
            .table(.record(["type": "text", "text": .string(text), "line": .integer(line)]))
        case .comment(let text):
            .table(.record(["type": "comment", "text": .string(text), "line": .integer(line)]))
        }
    }

    private static func write(_ event: XMLEvent, line: Int64, to writer: LuaTableWriter) {
        writer.begin(fields: 4)
        switch event {
        case .start(let name, let attributes):
            writer.set("type", "start")
            writer.set("name", name)
            writer.set("attrs", fields: attributes.count) { table in
                for attribute in attributes { table.set(key: attribute.name, attribute.value) }
            }
        case .end(let name):
            writer.set("type", "end")
            writer.set("name", name)
        case .text(let text):
            writer.set("type", "text")
            writer.set("text", text)
        }
        writer.set("line", line)
    }

    private static func value(_ event: XMLEvent, line: Int64) -> LuaValue {
        switch event {
        case .start(let name, let attributes):
            .table(.record(["type": "start", "name": .string(name), "attrs": attributeTable(attributes), "line": .integer(line)]))
        case .end(let name):
            .table(.record(["type": "end", "name": .string(name), "line": .integer(line)]))
        case .text(let text):
            .table(.record(["type": "text", "text": .string(text), "line": .integer(line)]))
        }
    }

    private static func attributeTable(_ attributes: [MarkupAttribute]) -> LuaValue {
        .table(LuaTable(fields: attributes.map { (LuaValue.string($0.name), LuaValue.string($0.value)) }))
    }
}
