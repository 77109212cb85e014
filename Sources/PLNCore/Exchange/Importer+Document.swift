import Foundation
import GRDB

extension Importer {
    /// The arrays of pln's JSON export, in the order it writes them.
    static let recordArrays: Set<String> = ["people", "sources", "entries"]

    /// Imports a JSON document: an array of records, pln's export (`people`, `sources` and
    /// `entries` arrays, imported in the order the document gives them), or one record as an
    /// object. It is read a record at a time (`JSONDocumentReader`) and, as a JSONL file's
    /// lines are, parsed and decoded on a second thread while this one writes. A bad record is
    /// named by its place (`entries[3]`), a syntax error by its line.
    func importDocument(_ reader: LineReader, first: ArraySlice<UInt8>, firstEndsLine: Bool, firstLine: Int, db: Database) throws {
        let file = name
        let context = context
        // The reading thread is the only one to use the document (and its reader) from here on.
        nonisolated(unsafe) let document = JSONDocumentReader(reader: reader, first: first, firstEndsLine: firstEndsLine,
                                                              firstLine: firstLine, arrayKeys: Self.recordArrays)
        try writeAll(db: db) { yield in try Self.read(document, file: file, context: context, yield) }
    }

    /// Reads `document`, handing each record to `yield` until it returns false.
    static func read(_ document: JSONDocumentReader, file: String, context: DateContext,
                     _ yield: (consuming ReadRecord) -> Bool) throws {
        var counts: [String: Int] = [:]
        // The members of a top-level object, kept in case it turns out to be one record.
        var members: [(key: [UInt8], value: [UInt8], line: Int)] = []
        func parse(_ bytes: [UInt8], line: Int) throws(PLNError) -> JSONValue {
            do {
                return try JSONParser.parse(bytes: bytes)
            } catch {
                throw .malformedInput(file: file, line: line - 1 + error.line, message: error.message)
            }
        }
        do {
            while let piece = try document.next() {
                switch piece {
                case .element(let key, let bytes, let line):
                    let value = try parse(bytes, line: line)
                    let label = key ?? "entries"
                    let index = counts[label, default: 0]
                    counts[label] = index + 1
                    let place = "\(label)[\(index)]"
                    let kind: ReadRecord.Kind
                    switch key {
                    case "people": kind = .person(value)
                    case "sources": kind = .source(value)
                    case nil where !isEntry(value): kind = .record(value)
                    default:
                        do {
                            kind = .entry(try ImportedEntry(value, context: context))
                        } catch {
                            throw PLNError.malformedInput(file: file, line: line, message: "\(place): \(error.message)")
                        }
                    }
                    guard yield(ReadRecord(kind: kind, place: .element(place, line: line), size: bytes.count)) else { return }
                case .member(let key, let keyBytes, let value, let line):
                    if recordArrays.contains(key) {
                        throw PLNError.malformedInput(file: file, line: line, message: "\(key) must be an array")
                    }
                    if document.arraysSeen.isEmpty { members.append((keyBytes, value, line)) }
                }
            }
        } catch let problem as JSONDocumentReader.Problem {
            throw PLNError.malformedInput(file: file, line: problem.line, message: problem.message)
        }
        guard !document.isArray, document.arraysSeen.isEmpty else { return }
        // An object without people, sources or entries: one record.
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        for (offset, member) in members.enumerated() {
            if offset > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes += member.key
            bytes.append(UInt8(ascii: ":"))
            bytes += member.value
        }
        bytes.append(UInt8(ascii: "}"))
        _ = yield(ReadRecord(kind: .record(try parse(bytes, line: members.first?.line ?? 1)), place: .document, size: bytes.count))
    }

    /// Whether a record is an entry: an object without `record`, or with "entry" there
    /// (`importRecord` reads any other, or says what is wrong with it).
    static func isEntry<Value: JSONReadable>(_ value: Value) -> Bool {
        guard case .object = value.shape else { return false }
        switch value["record"]?.shape {
        case nil, .string("entry")?: return true
        default: return false
        }
    }
}
