import Synchronization

/// Random (version 4) UUIDs as lowercase strings, fast.
///
/// Foundation's `UUID()` asks the kernel for randomness on every call, which showed up as a
/// seventh of the cost of adding an entry from a script. A UUID only has to be unique, so a
/// xoshiro256** generator seeded once from the system's random source does, at a fraction of
/// the cost. The generator's state is shared by every thread, so each step holds a mutex: two
/// threads stepping it at once made the same UUID twice.
package enum UUIDGenerator {
    private typealias State = (UInt64, UInt64, UInt64, UInt64)

    private static let state = Mutex<State>({
        var system = SystemRandomNumberGenerator()
        return (system.next(), system.next(), system.next(), system.next() | 1)
    }())

    private static func rotate(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    private static func next64(_ state: inout State) -> UInt64 {
        let result = rotate(state.1 &* 5, 7) &* 9
        let t = state.1 << 17
        state.2 ^= state.0
        state.3 ^= state.1
        state.1 ^= state.2
        state.0 ^= state.3
        state.2 ^= t
        state.3 = rotate(state.3, 45)
        return result
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A new UUID such as "3b9e82c4-a11b-4696-9ab3-7ffab812dbea".
    package static func next() -> String {
        var (high, low) = state.withLock { state in (next64(&state), next64(&state)) }
        high = (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000  // version 4
        low = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000    // RFC 4122 variant
        var bytes = [UInt8](repeating: 0, count: 36)
        var position = 0
        for (index, word) in [high, low].enumerated() {
            for nibble in (0..<16).reversed() {
                let digit = Int((word >> (UInt64(nibble) * 4)) & 0xF)
                let count = index * 16 + (15 - nibble)
                if count == 8 || count == 12 || count == 16 || count == 20 {
                    bytes[position] = UInt8(ascii: "-")
                    position += 1
                }
                bytes[position] = hex[digit]
                position += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
