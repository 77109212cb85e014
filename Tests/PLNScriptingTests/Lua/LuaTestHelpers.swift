@testable import PLNScripting

/// The error `body` throws, or nil when it throws none.
func luaFailure(_ body: () throws -> Void) -> ScriptError? {
    do {
        try body()
        return nil
    } catch let error as ScriptError {
        return error
    } catch {
        return .host("not a ScriptError: \(error)")
    }
}
