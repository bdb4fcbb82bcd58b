import HubData

/// A JSON array written element by element, as UTF-8 bytes (appending bytes costs a fraction of appending to a
/// `String`); arrays nest. Absent values are written as `null`, so that every element keeps its place.
struct JSONArrayText {
    private var text: [UInt8] = [UInt8(ascii: "[")]
    /// Whether the array being written has an element already.
    private var hasElement = false

    init() { text.reserveCapacity(512) }

    mutating func finish() -> String {
        text.append(UInt8(ascii: "]"))
        return String(decoding: text, as: UTF8.self)
    }

    /// A string, or `null`.
    mutating func string(_ value: String?) {
        separate()
        guard let value else { return null() }
        append(quoted: value)
    }

    /// A number, or `null`.
    mutating func number<N: BinaryInteger>(_ value: N?) {
        separate()
        guard let value else { return null() }
        DecimalText.append(value, to: &text)
    }

    /// A nested array that `body` fills.
    mutating func array(_ body: (inout JSONArrayText) -> Void) {
        separate()
        text.append(UInt8(ascii: "["))
        hasElement = false
        body(&self)
        text.append(UInt8(ascii: "]"))
        hasElement = true
    }

    /// A nested array of strings.
    mutating func strings(_ values: [String]) {
        array { for value in values { $0.string(value) } }
    }

    /// `null` in place of a nested array.
    mutating func absent() {
        separate()
        null()
    }

    private mutating func separate() {
        if hasElement { text.append(UInt8(ascii: ",")) }
        hasElement = true
    }

    private mutating func null() { text.append(contentsOf: "null".utf8) }

    /// `value` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7).
    private mutating func append(quoted value: String) {
        text.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { bytes in
            if bytes.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
                text.append(contentsOf: bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case UInt8(ascii: "\""): text.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): text.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): text.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): text.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): text.append(contentsOf: #"\t"#.utf8)
                case 0..<0x20:
                    let hex = String(byte, radix: 16)
                    text.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                default: text.append(byte)  // UTF-8 beyond ASCII passes through as it is
                }
            }
        }
        text.append(UInt8(ascii: "\""))
    }
}
