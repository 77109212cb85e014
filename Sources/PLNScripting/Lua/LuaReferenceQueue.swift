import Foundation

/// Registry references released by Swift and not yet freed in Lua.
///
/// ``LuaFunction`` can be released anywhere (another thread, inside a host function, while Lua
/// collects garbage), and none of those is a safe moment to call into Lua. So releasing only
/// queues the reference here, under a lock; the state frees the queue with `luaL_unref` when it
/// is next entered, on its own thread. After the state closes, releases are ignored.
final class LuaReferenceQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var released: [Int32] = []
    private var closed = false

    /// Queues `reference` to be freed by the state (a no-op once the state has closed).
    func release(_ reference: Int32) {
        lock.lock()
        defer { lock.unlock() }
        if !closed { released.append(reference) }
    }

    /// The references queued since the last call, emptying the queue.
    func takeReleased() -> [Int32] {
        lock.lock()
        defer { lock.unlock() }
        guard !released.isEmpty else { return [] }
        let taken = released
        released.removeAll(keepingCapacity: true)
        return taken
    }

    /// Marks the state closed: its registry is gone with it.
    func close() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        released = []
    }
}
