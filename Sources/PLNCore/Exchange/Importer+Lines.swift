import Foundation
import GRDB

extension Importer {
    /// A JSONL line read, parsed and (for an entry) decoded, with its 1-based number.
    struct DecodedLine: Sendable {
        enum Record: Sendable {
            case entry(ImportedEntry)
            /// A person or source record (a few among many entries), read where it is written.
            case other(JSONValue)
        }
        var number: Int
        var record: Record
        /// The line's length in bytes, which bounds what the reading thread holds in flight.
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
    func importLines(after reader: LineReader, context: DateContext, db: Database) throws {
        let file = reader.name
        // The reading thread is the only one to use the reader from here on.
        nonisolated(unsafe) let reader = reader
        let lines = ReadAhead<DecodedLine>(name: "pln-import-read", batchWeight: 1 << 20, weigh: { $0.size },
                                           whileWaiting: Interrupt.check) { yield in
            while let bytes = try reader.nextBytes() {
                guard let line = try Self.decode(bytes, number: reader.lineNumber, file: file, context: context) else {
                    continue
                }
                guard yield(line) else { return }
            }
        }
        defer { lines.cancel(waiting: false) }
        while try lines.advance() {
            try Interrupt.check()
            try lines.withCurrent { line in try write(line, db: db) }
        }
    }

    /// Writes a line read by `decode`, adding its number to what is wrong with its record.
    func write(_ line: borrowing DecodedLine, db: Database) throws {
        do {
            switch line.record {
            case .entry(let entry): try save(entry, db: db)
            case .other(let value): try importRecord(value, db: db)
            }
        } catch let problem as RecordProblem {
            throw PLNError.malformedInput(file: name, line: line.number, message: problem.message)
        }
    }

    /// A line checked as UTF-8 and parsed, its entry decoded; nil for a blank line.
    static func decode(_ bytes: ArraySlice<UInt8>, number: Int, file: String,
                       context: DateContext) throws(PLNError) -> DecodedLine? {
        guard bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return nil }
        guard bytes.withUnsafeBufferPointer(UTF8Text.isWellFormed) else {
            throw .invalidUTF8(file: file, line: number)
        }
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes: Array(bytes))
        } catch {
            throw .malformedInput(file: file, line: number, message: error.message)
        }
        // Not an object: `importRecord` says so.
        guard case .object = value else { return DecodedLine(number: number, record: .other(value), size: bytes.count) }
        switch value["record"] {
        case nil, .string("entry")?:
            do {
                return DecodedLine(number: number, record: .entry(try ImportedEntry(value, context: context)),
                                   size: bytes.count)
            } catch {
                throw .malformedInput(file: file, line: number, message: error.message)
            }
        default:
            // A person or source (or an unknown record, which `importRecord` names).
            return DecodedLine(number: number, record: .other(value), size: bytes.count)
        }
    }
}
