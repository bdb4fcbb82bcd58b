/// Whether two strings are at most one edit apart: one letter inserted, deleted, replaced, or two
/// neighbours swapped (restricted Damerau–Levenshtein distance ≤ 1). A keying slip is one edit; the
/// different names of twins (Joseph and Joshua, Ella and Ellie) are more. Linear time, no allocation.
enum OneEditDistance {
    static func isWithinOneEdit(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        let gap = long.count - short.count
        if gap > 1 { return false }
        var index = 0
        while index < short.count && short[index] == long[index] { index += 1 }
        if index == short.count { return true }  // equal, or one letter added at the end
        if gap == 1 {
            // Skip one letter of the longer string.
            return suffixEqual(short, from: index, long, from: index + 1)
        }
        // Same length: a replacement, or a swap of neighbours.
        if suffixEqual(short, from: index + 1, long, from: index + 1) { return true }
        return index + 1 < short.count && short[index] == long[index + 1] && short[index + 1] == long[index]
            && suffixEqual(short, from: index + 2, long, from: index + 2)
    }

    /// True for strings given as `String`s (for tests and callers outside the hot loop).
    static func isWithinOneEdit(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in isWithinOneEdit(left, right) } }
    }

    private static func suffixEqual(
        _ a: UnsafeBufferPointer<UInt8>, from i: Int, _ b: UnsafeBufferPointer<UInt8>, from j: Int
    ) -> Bool {
        guard a.count - i == b.count - j else { return false }
        var x = i
        var y = j
        while x < a.count {
            if a[x] != b[y] { return false }
            x += 1
            y += 1
        }
        return true
    }
}
