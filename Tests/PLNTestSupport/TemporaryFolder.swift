import Foundation

/// A private folder under the system temporary directory, removed by `remove()`.
package final class TemporaryFolder: @unchecked Sendable {
    package let path: String

    package init() {
        var template = Array((NSTemporaryDirectory() + "/pln-test-XXXXXX").utf8CString)
        let created = mkdtemp(&template)!
        path = String(cString: created)
    }

    deinit { remove() }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `text` to `name` in this folder and returns its path.
    @discardableResult
    package func write(_ name: String, _ text: String) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(text.utf8))
        return file
    }

    package func write(_ name: String, bytes: [UInt8]) -> String {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes))
        return file
    }

    package func read(_ name: String) -> String? {
        FileManager.default.contents(atPath: path + "/" + name).flatMap { String(data: $0, encoding: .utf8) }
    }
}
