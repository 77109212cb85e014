import Foundation
import PLNCore

/// A whole input read as UTF-8 text: a file, or standard input for `-`.
enum InputText {
    /// The text of `path` (`-` for standard input) and its name for messages (`<stdin>`).
    static func read(_ path: String) throws -> (text: String, name: String) {
        let data: Data
        let name = path == "-" ? "<stdin>" : path
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: path) else {
                throw PLNError.io(path: path, reason: access(path, F_OK) == 0 ? "cannot be read" : "no such file")
            }
            data = contents
        }
        guard let text = String(validating: data, as: UTF8.self) else { throw PLNError.invalidUTF8(file: name, line: nil) }
        return (text, name)
    }
}
