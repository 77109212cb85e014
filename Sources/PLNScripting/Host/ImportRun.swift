import PLNCore

/// What `pln import` asked for, and what the run has counted so far.
///
/// One exists while an importer's `run(path, opts)` runs; `pln.add`, `pln.import.record` and
/// `pln.import.skip` read and update it.
package final class ImportRun {
    /// The flags of `pln import`, as the importer's `opts` table gets them.
    package struct Options: Sendable, Equatable {
        /// The account owner's handle, without "@" (`--me`).
        package var me: String?
        /// Entries dated before this are not added (`--since`), as the user typed it.
        package var since: String?
        /// The instant `since` names.
        package var sinceTimestamp: Timestamp?
        /// Run everything, report, and roll back (`--dry-run`).
        package var dryRun = false
        /// A record that fails is rolled back, reported and counted instead of stopping the import (`--skip-bad`).
        package var skipBad = false

        package init(me: String? = nil, since: String? = nil, sinceTimestamp: Timestamp? = nil,
                     dryRun: Bool = false, skipBad: Bool = false) {
            self.me = me
            self.since = since
            self.sinceTimestamp = sinceTimestamp
            self.dryRun = dryRun
            self.skipBad = skipBad
        }
    }

    package let options: Options
    /// Records finished (imported, skipped or failed), for the progress bar.
    package internal(set) var done = 0
    /// Records the importer expects (`pln.import.total`), nil until it says.
    package internal(set) var total: Int?
    /// Records whose entry was already in the journal (same origin or uuid).
    package internal(set) var alreadyImported = 0
    /// Records skipped on purpose, by reason, in the order reasons first appeared.
    package internal(set) var skipped: [(reason: String, count: Int)] = []
    /// Records that failed and were rolled back under --skip-bad: label and message.
    package internal(set) var failed: [(label: String, message: String)] = []
    /// The first error of a record that stops the import, even if the importer caught it.
    var fatal: ScriptError?
    /// How deep inside `pln.import.record` calls the importer is.
    var depth = 0
    /// Called after every finished record (progress bar); gets the run.
    package var onProgress: ((ImportRun) -> Void)?
    /// Called for every record skipped under --skip-bad, with "skipped LABEL: message".
    package var onSkippedBad: ((String) -> Void)?

    package init(options: Options) {
        self.options = options
    }

    func skip(_ reason: String) {
        if let index = skipped.firstIndex(where: { $0.reason == reason }) {
            skipped[index].count += 1
        } else {
            skipped.append((reason, 1))
        }
    }

    func advance() {
        done += 1
        onProgress?(self)
    }

    /// Records skipped for any reason, failures under --skip-bad included.
    package var skippedCount: Int { skipped.reduce(0) { $0 + $1.count } + failed.count }
}
