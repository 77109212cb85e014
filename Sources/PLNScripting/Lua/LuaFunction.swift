/// A Lua function held by Swift: a reference in the registry of the state that made it.
///
/// Swift keeps it to call later with ``LuaState/call(_:_:)`` (callbacks such as `pln.on`,
/// commands, importers), as Neovim keeps Lua callbacks as registry references. Two values are
/// equal when they refer to the same Lua function of the same state.
///
/// Releasing the last Swift reference does not touch Lua: the registry slot is queued and freed
/// by the state at its next entry (a call, a run, a host function being called), on the thread
/// using the state. So a `LuaFunction` may be released on any thread, during a garbage
/// collection, or after its state is gone, and it is `Sendable` for that reason only: calling it
/// still goes through its (non-Sendable) state.
package final class LuaFunction: @unchecked Sendable, Hashable {
    /// The registry reference (`luaL_ref`).
    let reference: Int32
    /// The function's address (`lua_topointer`), stable while the reference keeps it alive.
    let identity: UInt
    /// The queue of the state that owns the reference.
    let references: LuaReferenceQueue

    init(reference: Int32, identity: UInt, references: LuaReferenceQueue) {
        self.reference = reference
        self.identity = identity
        self.references = references
    }

    deinit { references.release(reference) }

    package static func == (lhs: LuaFunction, rhs: LuaFunction) -> Bool {
        lhs.references === rhs.references && lhs.identity == rhs.identity
    }

    package func hash(into hasher: inout Hasher) {
        hasher.combine(ObjectIdentifier(references))
        hasher.combine(identity)
    }
}
