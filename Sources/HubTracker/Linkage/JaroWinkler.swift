/// Jaro–Winkler string similarity (Winkler 1990): 1 for identical strings, 0 for nothing in common, with
/// a bonus for a shared prefix of up to four characters (scale 0.1) when the Jaro similarity exceeds 0.7.
/// `MARTHA`/`MARHTA` = 0.961,
/// `DWAYNE`/`DUANE` = 0.84, `DIXON`/`DICKSONX` = 0.813.
public enum JaroWinkler: Sendable {
    /// The similarity of two strings, compared byte by byte (fold them first: see ``TextFolding``).
    public static func similarity(_ a: String, _ b: String) -> Double {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in similarity(left, right) } }
    }

    /// The similarity of two byte strings. Allocation-free for strings up to 64 bytes, which every name and
    /// almost every street is; longer ones fall back to arrays.
    static func similarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let jaro = jaroSimilarity(a, b)
        // Winkler's boost applies only to strings already fairly similar.
        guard jaro > 0.7 else { return jaro }
        var prefix = 0
        let limit = min(4, a.count, b.count)
        while prefix < limit && a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    /// The Jaro similarity without the prefix bonus.
    static func jaroSimilarity(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        if a.count == 0 || b.count == 0 { return a.count == b.count ? 1 : 0 }
        if a.count == b.count && memcmpEqual(a, b) { return 1 }
        if a.count <= 64 && b.count <= 64 { return jaroShort(a, b) }
        return jaroLong(a, b)
    }

    private static func memcmpEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        for index in 0..<a.count where a[index] != b[index] { return false }
        return true
    }

    /// Matching flags kept in two 64-bit masks.
    private static func jaroShort(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA: UInt64 = 0
        var matchedB: UInt64 = 0
        var matches = 0
        for i in 0..<a.count {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            if low > high { continue }
            for j in low...high where matchedB & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                matchedA |= 1 << UInt64(i)
                matchedB |= 1 << UInt64(j)
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where matchedA & (1 << UInt64(i)) != 0 {
            while matchedB & (1 << UInt64(j)) == 0 { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return score(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    private static func jaroLong(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Double {
        let window = max(0, max(a.count, b.count) / 2 - 1)
        var matchedA = [Bool](repeating: false, count: a.count)
        var matchedB = [Bool](repeating: false, count: b.count)
        var matches = 0
        for i in 0..<a.count {
            let low = max(0, i - window)
            let high = min(b.count - 1, i + window)
            if low > high { continue }
            for j in low...high where !matchedB[j] && a[i] == b[j] {
                matchedA[i] = true
                matchedB[j] = true
                matches += 1
                break
            }
        }
        guard matches > 0 else { return 0 }
        var transpositions = 0
        var j = 0
        for i in 0..<a.count where matchedA[i] {
            while !matchedB[j] { j += 1 }
            if a[i] != b[j] { transpositions += 1 }
            j += 1
        }
        return score(matches: matches, transpositions: transpositions, a.count, b.count)
    }

    private static func score(matches: Int, transpositions: Int, _ lengthA: Int, _ lengthB: Int) -> Double {
        let m = Double(matches)
        let t = Double(transpositions / 2)
        return (m / Double(lengthA) + m / Double(lengthB) + (m - t) / m) / 3
    }
}
