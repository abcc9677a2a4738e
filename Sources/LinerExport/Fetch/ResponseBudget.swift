/// How large one response may be: the requests in flight share one budget, so a hostile or broken
/// server sending huge bodies on every connection cannot take more than about that much memory
/// (the bodies, then what they parse into), whatever `source.concurrency`.
///
/// A page of 100 real leads is a few hundred KB; the smallest share (concurrency 16) still allows
/// 4 MiB, 40 KB a lead.
public enum ResponseBudget {
    /// Bytes of response bodies the requests in flight may hold together.
    public static let sharedBytes = 64 * 1024 * 1024

    /// The largest body one of `concurrency` requests may receive: an equal share of `sharedBytes`.
    public static func maxResponseBytes(concurrency: Int) -> Int {
        sharedBytes / max(1, concurrency)
    }

    /// The most JSON values a body of at most `bytes` may hold: one per 32 bytes. A real page has one per
    /// 20–40 bytes of a body far under its limit (100 leads hold about 10,000 values); a hostile
    /// `[0,0,0,…]` has one per 2 bytes, and each parsed value takes 24 bytes or more.
    public static func maxValues(bytes: Int) -> Int {
        max(65_536, bytes / 32)
    }
}
