import Foundation

/// Where a run's window spools live: beside the state file (kept until publication, for resume), or
/// in a temporary folder removed at the end when the pipeline has no state file.
struct SpoolLocation {
    let folder: String
    let store: StateStore?

    init(store: StateStore?) throws {
        self.store = store
        folder = store?.spoolFolder ?? NSTemporaryDirectory() + "liner-export-spool-\(getpid())-\(UUID().uuidString)"
    }

    func prepare() throws {
        if let store {
            try store.prepareSpool()
        } else {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError.state("cannot create the spool folder \(folder): \(error.localizedDescription)")
            }
        }
    }

    func path(for window: FetchWindow) -> String { folder + "/" + window.spoolName }

    /// A temporary spool goes with the run; a state file's spool stays for resume.
    func removeIfTemporary() {
        guard store == nil else { return }
        try? FileManager.default.removeItem(atPath: folder)
    }
}
