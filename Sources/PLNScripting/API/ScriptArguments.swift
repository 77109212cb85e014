import GRDB
import PLNCore

/// The arguments of one `pln.*` call, checked with messages that name the function.
struct ScriptArguments {
    let values: [LuaValue]
    let function: String

    init(_ values: [LuaValue], _ function: String) {
        self.values = values
        self.function = function
    }

    subscript(index: Int) -> LuaValue { index < values.count ? values[index] : .nil }

    func fail(_ message: String) -> ScriptError { .host("\(function): \(message)") }

    func string(_ index: Int, _ what: String) throws(ScriptError) -> String {
        guard let text = self[index].string else { throw fail("\(what) must be a string") }
        return text
    }

    func optionalString(_ index: Int, _ what: String) throws(ScriptError) -> String? {
        if self[index].isNil { return nil }
        return try string(index, what)
    }

    func table(_ index: Int, _ what: String) throws(ScriptError) -> LuaTable {
        guard let table = self[index].table else { throw fail("\(what) must be a table") }
        return table
    }

    func integer(_ index: Int, _ what: String) throws(ScriptError) -> Int64 {
        guard let value = self[index].int else { throw fail("\(what) must be a whole number") }
        return value
    }
}

extension LuaTable {
    /// A string member, or an error naming the function and key.
    func string(_ key: String, in function: String, required: Bool = false) throws(ScriptError) -> String? {
        let value = self[key]
        if value.isNil {
            if required { throw .host("\(function): '\(key)' is required") }
            return nil
        }
        guard let text = value.string else { throw .host("\(function): '\(key)' must be a string") }
        return text
    }

    /// A list of strings (a single string counts as a list of one).
    func strings(_ key: String, in function: String) throws(ScriptError) -> [String] {
        let value = self[key]
        if value.isNil { return [] }
        if let single = value.string { return [single] }
        guard let list = value.table else { throw .host("\(function): '\(key)' must be a list of strings") }
        var result: [String] = []
        for item in list.array {
            guard let text = item.string else { throw .host("\(function): '\(key)' must hold strings") }
            result.append(text)
        }
        return result
    }

    func bool(_ key: String, in function: String) throws(ScriptError) -> Bool? {
        let value = self[key]
        if value.isNil { return nil }
        guard let flag = value.bool else { throw .host("\(function): '\(key)' must be true or false") }
        return flag
    }

    func integer(_ key: String, in function: String) throws(ScriptError) -> Int64? {
        let value = self[key]
        if value.isNil { return nil }
        guard let number = value.int else { throw .host("\(function): '\(key)' must be a whole number") }
        return number
    }

    func function(_ key: String, in function: String, required: Bool = true) throws(ScriptError) -> LuaFunction? {
        switch self[key] {
        case .function(let f): return f
        case .nil:
            if required { throw .host("\(function): '\(key)' must be a function") }
            return nil
        default: throw .host("\(function): '\(key)' must be a function")
        }
    }
}

/// Runs GRDB work, turning its errors into script errors.
func database<T>(_ function: String, _ body: () throws -> T) throws(ScriptError) -> T {
    do {
        return try body()
    } catch let error as ScriptError {
        throw error
    } catch let error as PLNError {
        throw .host("\(function): \(error.description)")
    } catch let error as DatabaseError {
        throw .host("\(function): \(error.message ?? "database error")")
    } catch {
        throw .host("\(function): \(error)")
    }
}
