import Foundation

/// Recognises pln's own export among the files `pln import` is given, so that no platform
/// importer ever claims it.
package enum PlnExport {
    /// Whether `path` is a file pln's exporter wrote: a JSON document starting
    /// `{"format":"pln"`, or JSON Lines whose first record starts `{"record":` or `{"id":`.
    package static func recognises(path: String) -> Bool {
        guard let head = head(path) else { return false }
        let start = head.drop(while: { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF })
        let text = String(decoding: start.prefix(64), as: UTF8.self)
        return text.hasPrefix("{\"format\":\"pln\"") || text.hasPrefix("{\"record\":") || text.hasPrefix("{\"id\":")
    }

    /// Whether the file starts (after blanks and a BOM) with '{' or '[', as pln's JSON formats do.
    package static func looksLikeJSON(path: String) -> Bool {
        guard let head = head(path) else { return false }
        let first = head.first(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0xEF || $0 == 0xBB || $0 == 0xBF) })
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }

    /// Whether the file starts with zip or gzip magic.
    package static func isArchive(path: String) -> Bool {
        guard let head = head(path), head.count >= 2 else { return false }
        return (head[0] == 0x50 && head[1] == 0x4B) || (head[0] == 0x1F && head[1] == 0x8B)
    }

    /// The first bytes of a regular file; nil for folders, pipes and unreadable paths.
    private static func head(_ path: String) -> [UInt8]? {
        var info = stat()
        guard stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
              let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        return [UInt8]((try? handle.read(upToCount: 512)) ?? Data())
    }
}
