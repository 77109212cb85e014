import Foundation
import PLNCore

/// `$VISUAL` / `$EDITOR` on a private temporary file.
enum Editor {
    /// Opens `text` in the user's editor and returns what was saved.
    ///
    /// The file is created 0600 in a private folder and removed afterwards, whatever happens.
    static func edit(_ text: String, suffix: String = ".md") throws -> String {
        let environment = ProcessEnvironment.values
        let editor = [environment["VISUAL"], environment["EDITOR"]]
            .compactMap { $0 }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? "vi"
        var template = Array((NSTemporaryDirectory() + "/pln-XXXXXX").utf8CString)
        guard let folderPointer = mkdtemp(&template) else {
            throw PLNError.io(path: NSTemporaryDirectory(), reason: "cannot create a private temporary folder")
        }
        let folder = String(cString: folderPointer)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/entry" + suffix
        guard FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw PLNError.io(path: path, reason: "cannot create the temporary file")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        // The editor string may carry arguments ("code --wait"), as git allows.
        process.arguments = ["-c", editor + " \"$1\"", "pln-editor", path]
        do {
            try process.run()
        } catch {
            throw PLNError.io(path: editor, reason: "cannot start the editor")
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw PLNError.invalidArgument("the editor (\(editor)) exited with status \(process.terminationStatus); nothing saved")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PLNError.io(path: path, reason: "the edited file is gone")
        }
        guard let edited = String(validating: data, as: UTF8.self) else {
            throw PLNError.invalidUTF8(file: "the edited entry", line: nil)
        }
        return edited
    }
}
