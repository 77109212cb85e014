import Synchronization

/// Registry references released by Swift and not yet freed in Lua.
///
/// ``LuaFunction`` can be released anywhere (another thread, inside a host function, while Lua
/// collects garbage), and none of those is a safe moment to call into Lua. So releasing only
/// queues the reference here, under a mutex; the state frees the queue with `luaL_unref` when it
/// is next entered, on its own thread. After the state closes, releases are ignored.
final class LuaReferenceQueue: Sendable {
    private struct Queue {
        var released: [Int32] = []
        var closed = false
    }

    private let queue = Mutex(Queue())

    /// Queues `reference` to be freed by the state (a no-op once the state has closed).
    func release(_ reference: Int32) {
        queue.withLock { queue in
            if !queue.closed { queue.released.append(reference) }
        }
    }

    /// The references queued since the last call, emptying the queue.
    func takeReleased() -> [Int32] {
        queue.withLock { queue in
            guard !queue.released.isEmpty else { return [] }
            let taken = queue.released
            queue.released.removeAll(keepingCapacity: true)
            return taken
        }
    }

    /// Marks the state closed: its registry is gone with it.
    func close() {
        queue.withLock { queue in
            queue.closed = true
            queue.released = []
        }
    }
}
