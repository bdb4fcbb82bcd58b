/// JSON text written member by member, as UTF-8 bytes (appending bytes costs a fraction of appending to a
/// `String`): `{` is open until ``finish()``.
struct JSONObjectText {
    private var text: [UInt8] = [UInt8(ascii: "{")]
    /// Whether the object or array being written has a member already.
    private var hasMember = false

    init() { text.reserveCapacity(1_024) }

    mutating func finish() -> String {
        text.append(UInt8(ascii: "}"))
        return String(decoding: text, as: UTF8.self)
    }

    /// A string member; none when `value` is nil.
    mutating func string(_ key: String, _ value: String?) {
        guard let value else { return }
        member(key)
        append(quoted: value)
    }

    /// A number member; none when `value` is nil.
    mutating func number<N: BinaryInteger>(_ key: String, _ value: N?) {
        guard let value else { return }
        member(key)
        text.append(contentsOf: String(value).utf8)
    }

    mutating func object(_ key: String, _ body: (inout JSONObjectText) -> Void) {
        member(key)
        openObject()
        body(&self)
        closeObject()
    }

    mutating func array<Element>(_ key: String, _ elements: [Element], _ write: (Element, inout JSONObjectText) -> Void) {
        member(key)
        text.append(UInt8(ascii: "["))
        hasMember = false
        for element in elements {
            if hasMember { text.append(UInt8(ascii: ",")) }
            write(element, &self)
            hasMember = true
        }
        text.append(UInt8(ascii: "]"))
        hasMember = true
    }

    /// A string element of an array.
    mutating func value(_ value: String) { append(quoted: value) }

    mutating func openObject() {
        text.append(UInt8(ascii: "{"))
        hasMember = false
    }

    mutating func closeObject() {
        text.append(UInt8(ascii: "}"))
        hasMember = true
    }

    private mutating func member(_ key: String) {
        if hasMember { text.append(UInt8(ascii: ",")) }
        append(quoted: key)
        text.append(UInt8(ascii: ":"))
        hasMember = true
    }

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
