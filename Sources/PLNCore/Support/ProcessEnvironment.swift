import Foundation

/// The environment pln was started with, read once.
///
/// `ProcessInfo.environment` builds a new dictionary of every variable on each call (about
/// 0.1 ms, and a command asked five times); pln never changes its own environment, so one copy
/// serves every lookup.
package enum ProcessEnvironment {
    /// Every variable, by name.
    package static let values: [String: String] = ProcessInfo.processInfo.environment
}
