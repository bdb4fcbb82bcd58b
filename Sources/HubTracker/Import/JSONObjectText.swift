/// JSON text written member by member, into one string: `{` is open until ``finish()``.
struct JSONObjectText {
    private var text = "{"
    /// Whether the object or array being written has a member already.
    private var hasMember = false

    init() { text.reserveCapacity(1_024) }

    mutating func finish() -> String {
        text.append("}")
        return text
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
        text.append(String(value))
    }

    mutating func object(_ key: String, _ body: (inout JSONObjectText) -> Void) {
        member(key)
        openObject()
        body(&self)
        closeObject()
    }

    mutating func array<Element>(_ key: String, _ elements: [Element], _ write: (Element, inout JSONObjectText) -> Void) {
        member(key)
        text.append("[")
        hasMember = false
        for element in elements {
            if hasMember { text.append(",") }
            write(element, &self)
            hasMember = true
        }
        text.append("]")
        hasMember = true
    }

    /// A string element of an array.
    mutating func value(_ value: String) { append(quoted: value) }

    mutating func openObject() {
        text.append("{")
        hasMember = false
    }

    mutating func closeObject() {
        text.append("}")
        hasMember = true
    }

    private mutating func member(_ key: String) {
        if hasMember { text.append(",") }
        append(quoted: key)
        text.append(":")
        hasMember = true
    }

    /// `value` as a JSON string: quotes, backslashes and control characters escaped (RFC 8259, section 7).
    private mutating func append(quoted value: String) {
        text.append("\"")
        if value.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            text.append(value)
        } else {
            for scalar in value.unicodeScalars {
                switch scalar {
                case "\"": text.append("\\\"")
                case "\\": text.append("\\\\")
                case "\n": text.append("\\n")
                case "\r": text.append("\\r")
                case "\t": text.append("\\t")
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    text.append("\\u" + String(repeating: "0", count: 4 - hex.count) + hex)
                default: text.unicodeScalars.append(scalar)
                }
            }
        }
        text.append("\"")
    }
}
