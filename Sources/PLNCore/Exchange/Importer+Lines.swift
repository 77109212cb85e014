import Foundation
import GRDB

extension Importer {
    /// A record read, parsed and (for an entry) decoded on the reading thread.
    struct ReadRecord: Sendable {
        enum Kind: Sendable {
            case entry(ImportedEntry)
            /// Another record, or a JSON value that is no record: `importRecord` reads it.
            case record(JSONValue)
            /// An element of a JSON export's `people` or `sources`.
            case person(JSONValue)
            case source(JSONValue)
        }
        /// Where the record is, as an error about it says: a JSONL line, an element of a JSON
        /// document ("entries[3]"), or the document itself when it is one record.
        enum Place: Sendable {
            case line(Int)
            /// An element, with the line it starts on.
            case element(String, line: Int)
            case document
        }
        var kind: Kind
        var place: Place
        /// Its length in bytes, which bounds what the reading thread holds in flight.
        var size: Int
    }

    /// Imports the JSONL lines after the first, read and decoded on a second thread.
    ///
    /// Reading, checking, parsing and decoding a line needs no journal: it took a fifth of a
    /// large import's instructions on the thread that writes. Now that thread runs only the
    /// statements while the other core, beside the full-text builder, reads ahead. A batch
    /// goes over at 256 lines or 1 MiB of them; with the batches in flight and those spent
    /// that wait for the reading thread to free them, about twenty are held at most: some
    /// 5,000 short lines, or 20 MiB of long ones (as decoded values). A line that cannot be
    /// read stops the reading, and its error comes out after the lines before it have been
    /// written, as the import reported it before.
    func importLines(after reader: LineReader, db: Database) throws {
        let file = name
        let context = context
        // The reading thread is the only one to use the reader from here on.
        nonisolated(unsafe) let reader = reader
        try writeAll(db: db) { yield in
            var tape = JSONTape()
            while let bytes = try reader.nextBytes() {
                guard let line = try Self.decode(bytes, number: reader.lineNumber, file: file, context: context, tape: &tape) else {
                    continue
                }
                guard yield(line) else { return }
            }
        }
    }

    /// Writes the records `read` makes on a second thread (in batches of 256 or 1 MiB),
    /// checking for Ctrl-C between them and while it waits; stops that thread however the
    /// import ends.
    func writeAll(db: Database, reading read: @escaping @Sendable (_ yield: (consuming ReadRecord) -> Bool) throws -> Void) throws {
        let ahead = ReadAhead<ReadRecord>(name: "pln-import-read", batchWeight: 1 << 20, weigh: { $0.size },
                                          whileWaiting: Interrupt.check, produce: read)
        defer { ahead.cancel(waiting: false) }
        while try ahead.advance() {
            try Interrupt.check()
            try ahead.withCurrent { record in try write(record, db: db) }
        }
    }

    /// Writes a record, adding its place to what is wrong with it.
    func write(_ record: borrowing ReadRecord, db: Database) throws {
        do {
            switch record.kind {
            case .entry(let entry): try save(entry, db: db)
            case .record(let value): try importRecord(value, db: db)
            case .person(let value): try importPerson(value, db: db)
            case .source(let value): try importSource(value, db: db)
            }
        } catch let problem as RecordProblem {
            switch record.place {
            case .line(let number): throw PLNError.malformedInput(file: name, line: number, message: problem.message)
            case .element(let place, let line): throw PLNError.malformedInput(file: name, line: line, message: "\(place): \(problem.message)")
            case .document: throw PLNError.malformedInput(file: name, line: nil, message: problem.message)
            }
        }
    }

    /// A line checked as UTF-8 and parsed, its entry decoded; nil for a blank line.
    ///
    /// The line is parsed into `tape`, which the caller keeps from line to line, and an entry
    /// is decoded from there: no tree is built and freed for it. Another record is read as a
    /// tree (`importRecord`).
    static func decode(_ bytes: ArraySlice<UInt8>, number: Int, file: String, context: DateContext,
                       tape: inout JSONTape) throws(PLNError) -> ReadRecord? {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        guard bytes.withUnsafeBufferPointer(UTF8Text.isWellFormed) else {
            throw .invalidUTF8(file: file, line: number)
        }
        do {
            try JSONParser.parse(bytes: Array(bytes), into: &tape)
        } catch {
            throw .malformedInput(file: file, line: number, message: error.message)
        }
        return try tape.withRoot { root throws(PLNError) in
            guard isEntry(root) else { return ReadRecord(kind: .record(root.tree), place: .line(number), size: bytes.count) }
            do throws(RecordProblem) {
                return ReadRecord(kind: .entry(try ImportedEntry(root, context: context)), place: .line(number), size: bytes.count)
            } catch {
                throw .malformedInput(file: file, line: number, message: error.message)
            }
        }
    }
}
