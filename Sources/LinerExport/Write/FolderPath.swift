/// The folder part of `path`, as `NSString.deletingLastPathComponent` gives it (`a/b.csv` → `a`,
/// `b.csv` → empty, `/b.csv` → `/`), which cannot be used here: Foundation on Linux traps on a
/// one-character path such as `o` (an output folder named `o/`).
func folderPath(of path: String) -> String {
    var path = Substring(path)
    while path.count > 1, path.hasSuffix("/") { path = path.dropLast() }
    guard let slash = path.lastIndex(of: "/") else { return "" }
    var folder = path[..<slash]
    while folder.count > 1, folder.hasSuffix("/") { folder = folder.dropLast() }
    return folder.isEmpty ? "/" : String(folder)
}
