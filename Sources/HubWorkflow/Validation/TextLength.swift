/// How long a text is, for every limit Hub puts on text: the number of Unicode code points.
///
/// That is how PostgreSQL's `length()` counts a `text` value in a UTF-8 database (the CHECKs on limited columns) and
/// how JSON Schema's `maxLength` counts a string (docs/openapi.yaml). Swift's `String.count` counts characters
/// (grapheme clusters) instead: "é" sent decomposed, e + U+0301, is one character but two code points, so a limit
/// checked with `count` lets through text the database refuses. Check limits with ``count(_:)``, never `count`.
public enum TextLength {
    /// The number of Unicode code points in `text`.
    public static func count(_ text: some StringProtocol) -> Int {
        text.unicodeScalars.count
    }

    /// The first `limit` code points of `text` (all of it when it is shorter), for text that is cut rather than
    /// refused, such as a purpose recorded in the audit trail.
    public static func prefix(_ text: String, _ limit: Int) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.prefix(limit)))
    }
}
