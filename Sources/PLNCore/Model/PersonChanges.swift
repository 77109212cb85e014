import Foundation

/// Changes to one person's record (`pln person add/edit`); nil leaves a field as it is.
package struct PersonChanges: Sendable {
    package var name: String?
    package var roles: [String]?
    package var topics: [String]?
    package var met: String?
    package var through: String?
    package var cadenceDays: Int64?
    package var handles: [(platform: String, handle: String)]?
    package var email: String?
    package var notes: String?

    package init() {}

    /// Parses a stay-in-touch cadence: "30d", "2w", "3m" (30-day months), "1y" or a number of days.
    package static func cadence(_ text: String) throws(PLNError) -> Int64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let unit = trimmed.last.flatMap { $0.isLetter ? $0 : nil }
        let number = unit == nil ? trimmed : String(trimmed.dropLast())
        guard let count = Int64(number), count > 0 else {
            throw .invalidArgument("'\(text)' is not a cadence: use a number of days or 30d, 2w, 3m, 1y")
        }
        switch unit {
        case nil, "d": return count
        case "w": return count * 7
        case "m": return count * 30
        case "y": return count * 365
        default: throw .invalidArgument("'\(text)' is not a cadence: use a number of days or 30d, 2w, 3m, 1y")
        }
    }
}
