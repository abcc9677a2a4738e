import Foundation
import Testing
@testable import LinerExport

/// Folders of relative paths with one-character parts (`o/x.csv`), where Foundation's
/// `deletingLastPathComponent` traps on Linux: the path checks of `validate` crashed on them.
struct FolderPathTests {
    @Test(arguments: [
        ("o/x.csv", "o"), ("o", ""), ("x.csv", ""), ("/x.csv", "/"), ("/", "/"), ("a/b/c", "a/b"), ("a//b", "a"), ("a/b/", "a"),
    ])
    func folderPathIsTheFolderPart(path: String, folder: String) {
        #expect(folderPath(of: path) == folder)
    }

    /// A relative folder that does not exist yet (checking creates nothing): the walk up reaches `o`.
    @Test func outputsInAOneLetterFolderAreChecked() throws {
        let spec = PipelineSpec(
            name: "o", source: SourceSpec(baseURL: "http://127.0.0.1:9"),
            window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z"),
            outputs: [OutputSpec(format: .csv, path: "o/x.csv")])
        let window = try ResolvedWindow(spec.window, now: Date())
        #expect(throws: Never.self) { try spec.checkWritablePaths(for: window) }
        #expect(!FileManager.default.fileExists(atPath: "o"))
    }
}
