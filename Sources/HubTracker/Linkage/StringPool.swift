/// Interns strings as dense integer codes with their bytes in one contiguous buffer, so the linkage hot
/// loops compare integers for equality and run Jaro–Winkler over raw bytes without touching `String`.
struct StringPool: Sendable {
    private var codes: [String: Int32] = [:]
    /// All strings' bytes, back to back.
    private(set) var bytes: [UInt8] = []
    /// `offsets[code]..<offsets[code + 1]` is the string's byte range.
    private(set) var offsets: [Int32] = [0]
    /// How many records use each code (filled by ``intern(_:counting:)``).
    private(set) var frequencies: [Int32] = []

    /// The code for a missing value.
    static let none: Int32 = -1

    var count: Int { offsets.count - 1 }

    /// The code of `string`, adding it when new; nil strings and empty strings are ``none``.
    mutating func intern(_ string: String?, counting: Bool = false) -> Int32 {
        guard let string, !string.isEmpty else { return StringPool.none }
        let code: Int32
        if let existing = codes[string] {
            code = existing
        } else {
            code = Int32(count)
            codes[string] = code
            bytes.append(contentsOf: string.utf8)
            offsets.append(Int32(bytes.count))
            frequencies.append(0)
        }
        if counting { frequencies[Int(code)] += 1 }
        return code
    }

    /// The code of `string` if already interned.
    func code(of string: String) -> Int32? { codes[string] }

    func string(_ code: Int32) -> String {
        let range = Int(offsets[Int(code)])..<Int(offsets[Int(code) + 1])
        return String(decoding: bytes[range], as: UTF8.self)
    }

    func length(_ code: Int32) -> Int { Int(offsets[Int(code) + 1] - offsets[Int(code)]) }

    func firstByte(_ code: Int32) -> UInt8 { bytes[Int(offsets[Int(code)])] }

    /// Drops the lookup dictionary once encoding is finished, to save memory in the hot phase.
    mutating func freeze() { codes = [:] }
}
