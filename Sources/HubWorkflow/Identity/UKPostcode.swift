/// A UK postcode in its normal form: upper case, one space before the three-character inward code
/// (`PP2 5GN`). Validates the shape (outward code A9, A99, AA9, AA99, A9A or AA9A; inward 9AA) and
/// accepts the special `GIR 0AA`.
public struct UKPostcode: Sendable, Hashable, Codable, CustomStringConvertible {
    public let outward: String
    public let inward: String

    public init?(_ raw: String) {
        let compact = String(raw.uppercased().filter { !$0.isWhitespace })
        guard compact.count >= 5, compact.count <= 7, compact.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) })
        else { return nil }
        let inward = String(compact.suffix(3))
        let outward = String(compact.dropLast(3))
        if outward == "GIR" && inward == "0AA" {
            self.outward = outward
            self.inward = inward
            return
        }
        guard UKPostcode.isInward(inward), UKPostcode.isOutward(outward) else { return nil }
        self.outward = outward
        self.inward = inward
    }

    /// `PP2 5GN`.
    public var normalised: String { outward + " " + inward }
    /// The postcode sector, `PP2 5`.
    public var sector: String { outward + " " + String(inward.prefix(1)) }
    /// The postcode district, `PP2`.
    public var district: String { outward }
    /// The postcode area, `PP`.
    public var area: String { String(outward.prefix { $0.isLetter }) }

    public var description: String { normalised }

    static func isInward(_ s: String) -> Bool {
        let c = Array(s)
        return c.count == 3 && c[0].isNumber && c[1].isLetter && c[2].isLetter
    }

    static func isOutward(_ s: String) -> Bool {
        // L = letter, D = digit; the six shapes of a UK outward code.
        let shape = String(s.map { $0.isLetter ? "L" : "D" })
        return ["LD", "LDD", "LLD", "LLDD", "LDL", "LLDL"].contains(shape)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = UKPostcode(raw) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath, debugDescription: "not a UK postcode (e.g. PP2 5GN)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(normalised)
    }
}
