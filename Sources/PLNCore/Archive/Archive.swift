import Foundation

/// An export read in place: a folder, a `.zip`, a `.tar` / `.tar.gz` / `.tgz`, or one plain
/// file, listed as member paths ("data/tweets.js") and read one member at a time.
///
/// Nothing is unpacked to disk. Which kind a path is comes from its content (zip and gzip
/// magic, a tar header checksum), not its name, so a renamed download still opens.
package final class Archive {
    package enum Kind: String, Sendable {
        case folder, zip, tar, file
    }

    package let path: String
    package let kind: Kind
    /// Member paths, sorted, without a leading "./" or "/".
    package let members: [String]

    private enum Storage {
        case folder
        case zip(ZipDirectory, [String: ZipDirectory.Member])
        case tar(gzip: Bool, [String: TarIndex.Member])
        case file(gzip: Bool)
    }

    private let storage: Storage

    /// Opens `path`; a malformed or truncated archive is a one-line `malformedInput` error.
    package init(path: String) throws(PLNError) {
        self.path = path
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .io(path: path, reason: "no such file or folder")
        }
        if isFolder.boolValue {
            kind = .folder
            storage = .folder
            members = try Self.folderMembers(path)
            return
        }
        let head = try FileByteSource(path: path).read(512)
        if head.count >= 4, head[0] == 0x50, head[1] == 0x4B, (head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6) {
            let directory = try ZipDirectory(path: path)
            var byName: [String: ZipDirectory.Member] = [:]
            for member in directory.members {
                let name = Self.normalized(member.name)
                guard !name.isEmpty, !name.hasSuffix("/"), !name.hasPrefix("__MACOSX/") else { continue }
                if byName[name] == nil { byName[name] = member }
            }
            kind = .zip
            storage = .zip(directory, byName)
            members = byName.keys.sorted()
        } else if head.count >= 2, head[0] == 0x1F, head[1] == 0x8B {
            let stream = try GzipStream(path: path)
            let start = try stream.read(512)
            if start.count == 512, Self.looksLikeTar(start) {
                let index = try TarIndex(source: try GzipStream(path: path), path: path)
                let byName = Self.tarMembers(index)
                kind = .tar
                storage = .tar(gzip: true, byName)
                members = byName.keys.sorted()
            } else {
                // A gzipped single file (export.json.gz): one member, named without ".gz".
                kind = .file
                storage = .file(gzip: true)
                let base = (path as NSString).lastPathComponent
                members = [base.lowercased().hasSuffix(".gz") ? String(base.dropLast(3)) : base]
            }
        } else if head.count == 512, Self.looksLikeTar(head) {
            let byName = Self.tarMembers(try TarIndex(source: try FileByteSource(path: path), path: path))
            kind = .tar
            storage = .tar(gzip: false, byName)
            members = byName.keys.sorted()
        } else {
            kind = .file
            storage = .file(gzip: false)
            members = [(path as NSString).lastPathComponent]
        }
    }

    /// The bytes of `member`; an error naming the archive and the member when it is absent.
    package func read(_ member: String) throws(PLNError) -> Data {
        Data(try bytes(member))
    }

    /// The bytes of `member` as one array, made once: a member of hundreds of MB costs its size
    /// in memory, not twice that while it is turned from one container into another.
    package func bytes(_ member: String) throws(PLNError) -> [UInt8] {
        let name = Self.normalized(member)
        func absent() -> PLNError { .malformedInput(file: path, line: nil, message: "no member \(member) in the \(kind.rawValue)") }
        switch storage {
        case .folder:
            guard members.contains(name) || FileManager.default.fileExists(atPath: path + "/" + name),
                  !name.split(separator: "/").contains("..") else { throw absent() }
            return try FileByteSource(path: path + "/" + name).readToEnd()
        case .zip(let directory, let byName):
            guard let entry = byName[name] else { throw absent() }
            return try directory.read(entry, as: name)
        case .tar(let gzip, let byName):
            guard let entry = byName[name] else { throw absent() }
            let source: ByteSource = gzip ? try GzipStream(path: path) : try FileByteSource(path: path)
            guard try source.skip(entry.offset) else { throw .malformedInput(file: path, line: nil, message: "\(name): truncated tar archive") }
            let data = try source.read(entry.size)
            guard data.count == entry.size else { throw .malformedInput(file: path, line: nil, message: "\(name): truncated tar archive") }
            return data
        case .file(let gzip):
            guard name == members[0] else { throw absent() }
            if gzip {
                let stream = try GzipStream(path: path)
                var data: [UInt8] = []
                while true {
                    let chunk = try stream.read(1 << 20)
                    data.append(contentsOf: chunk)
                    if chunk.count < 1 << 20 { break }
                }
                return data
            }
            return try FileByteSource(path: path).readToEnd()
        }
    }

    /// A member path without "./" or "/" in front.
    static func normalized(_ name: String) -> String {
        var name = Substring(name)
        while name.hasPrefix("./") || name.hasPrefix("/") { name = name.hasPrefix("/") ? name.dropFirst() : name.dropFirst(2) }
        return String(name)
    }

    private static func looksLikeTar(_ block: [UInt8]) -> Bool {
        if block[257..<262].elementsEqual("ustar".utf8) { return true }
        // Old (v7) tar: no magic, but a valid checksum.
        var sum = 0
        for (index, byte) in block.enumerated() { sum += (148..<156).contains(index) ? 32 : Int(byte) }
        let field = block[148..<156].prefix(while: { $0 >= 48 && $0 <= 55 || $0 == 32 }).filter { $0 != 32 }
        return !field.isEmpty && Int(String(decoding: field, as: UTF8.self), radix: 8) == sum
    }

    private static func tarMembers(_ index: TarIndex) -> [String: TarIndex.Member] {
        var byName: [String: TarIndex.Member] = [:]
        for member in index.members {
            let name = normalized(member.name)
            guard !name.isEmpty else { continue }
            byName[name] = member  // a later copy of a path wins, as tar extracts it
        }
        return byName
    }

    private static func folderMembers(_ path: String) throws(PLNError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: path) else {
            throw .io(path: path, reason: "cannot be read")
        }
        var names: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if let type = enumerator.fileAttributes?[.type] as? FileAttributeType, type == .typeRegular {
                names.append(relative)
            }
        }
        return names.sorted()
    }
}
