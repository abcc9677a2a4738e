/// The release of liner-export, in one place: `liner-export --version` prints `text`, and the run
/// manifest, the XLSX `Export` sheet and the XML records' root carry it.
public enum ToolVersion {
    /// `MAJOR.MINOR.PATCH`.
    public static let number = "0.1.0"
    /// `liner-export 0.1.0`.
    public static let text = "liner-export " + number
}
