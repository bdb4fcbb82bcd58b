import Foundation

/// Folds free text into the plain lower-case ASCII form that cleansing and matching work on, the way
/// PostgreSQL's `unaccent` followed by `lower` would: `é→e`, `ŵ→w`, `ø→o`, `ß→ss`, `æ→ae`, `þ→th`.
///
/// Apostrophes of every kind are removed (`O’Brien → obrien`), dashes become `-`, a slash stays `/`,
/// every other mark becomes a space, and runs of spaces collapse to one. Search should fold its query
/// with the same function so that it meets the stored, cleansed values.
public enum TextFolding: Sendable {
    /// The folded form of `text`: lower-case ASCII letters and digits, single spaces, `-` and `/`.
    public static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// `fold` as ASCII bytes, for callers that tokenise further.
    static func foldedBytes(_ text: String) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count)
        var pendingSpace = false

        func emit(_ byte: UInt8) {
            if byte == space {
                pendingSpace = !output.isEmpty
                return
            }
            if pendingSpace {
                output.append(space)
                pendingSpace = false
            }
            output.append(byte)
        }

        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            for byte in text.utf8 { foldASCII(byte, into: emit) }
            return output
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                foldASCII(UInt8(value), into: emit)
            } else if let replacement = specialLetters[value] {
                for byte in replacement.utf8 { emit(byte) }
            } else if dropped.contains(value) {
                continue
            } else if dashes.contains(value) {
                emit(hyphen)
            } else if scalar.properties.isWhitespace {
                emit(space)
            } else if scalar.properties.generalCategory == .nonspacingMark {
                continue  // a combining accent on already decomposed input
            } else {
                let decomposed = String(scalar).decomposedStringWithCanonicalMapping
                var kept = false
                for part in decomposed.unicodeScalars where part.value < 0x80 {
                    let byte = UInt8(part.value)
                    if isASCIILetterOrDigit(byte) {
                        emit(lowercased(byte))
                        kept = true
                    }
                }
                if !kept { emit(space) }
            }
        }
        return output
    }

    private static func foldASCII(_ byte: UInt8, into emit: (UInt8) -> Void) {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): emit(byte + 32)
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): emit(byte)
        case UInt8(ascii: "'"), UInt8(ascii: "`"): return
        case hyphen, slash: emit(byte)
        default: emit(space)
        }
    }

    static func isASCIILetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
    }

    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static let space = UInt8(ascii: " ")
    private static let hyphen = UInt8(ascii: "-")
    private static let slash = UInt8(ascii: "/")

    /// Letters that have no canonical decomposition into a base letter plus accent.
    private static let specialLetters: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss",  // ß ẞ
        0x00E6: "ae", 0x00C6: "ae",  // æ Æ
        0x0153: "oe", 0x0152: "oe",  // œ Œ
        0x00F8: "o", 0x00D8: "o",  // ø Ø
        0x0142: "l", 0x0141: "l",  // ł Ł
        0x0111: "d", 0x0110: "d",  // đ Đ
        0x00F0: "d", 0x00D0: "d",  // ð Ð
        0x00FE: "th", 0x00DE: "th",  // þ Þ
        0x0131: "i",  // dotless ı
        0x0127: "h", 0x0126: "h",  // ħ Ħ
        0x014B: "n", 0x014A: "n",  // ŋ Ŋ
        0x0138: "k",  // ĸ
        0x0140: "l", 0x013F: "l",  // ŀ Ŀ
        0x0149: "n",  // ŉ
        0x0167: "t", 0x0166: "t",  // ŧ Ŧ
    ]

    /// Marks that vanish: single quotes, the modifier apostrophe, prime, acute and grave accents typed
    /// as apostrophes, and the soft hyphen.
    private static let dropped: Set<UInt32> = [0x2018, 0x2019, 0x201B, 0x02BC, 0x02B9, 0x2032, 0x00B4, 0x02CA, 0x02CB, 0x00AD]

    /// Hyphen, non-breaking hyphen, figure, en and em dashes, minus sign.
    private static let dashes: Set<UInt32> = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212]
}
