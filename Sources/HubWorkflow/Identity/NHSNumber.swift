/// A ten-digit NHS number whose last digit passes the modulus 11 check.
public struct NHSNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ten digits, without spaces.
    public let digits: String

    /// Accepts `9434765919`, `943 476 5919` or `943-476-5919`; returns nil unless the result is ten digits
    /// with a valid check digit.
    public init?(_ raw: String) {
        let cleaned = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == 10, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard NHSNumber.hasValidCheckDigit(cleaned) else { return nil }
        self.digits = cleaned
    }

    /// The modulus 11 check from the NHS Data Dictionary: weights 10…2 on the first nine digits;
    /// check = 11 − (sum mod 11), where 11 becomes 0 and 10 means the number is invalid.
    public static func hasValidCheckDigit(_ tenDigits: String) -> Bool {
        let values = tenDigits.compactMap { $0.wholeNumberValue }
        guard values.count == 10 else { return false }
        guard let check = checkDigit(forFirstNine: Array(values.prefix(9))) else { return false }
        return check == values[9]
    }

    /// The check digit for nine leading digits, or nil when no check digit can make them valid.
    public static func checkDigit(forFirstNine nine: [Int]) -> Int? {
        precondition(nine.count == 9, "nine digits expected")
        var sum = 0
        for (index, digit) in nine.enumerated() { sum += digit * (10 - index) }
        let check = 11 - (sum % 11)
        switch check {
        case 11: return 0
        case 10: return nil
        default: return check
        }
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode(String.self)
        guard let value = NHSNumber(raw) else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath,
                debugDescription: "not a valid NHS number (ten digits passing the modulus 11 check)"))
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }

    /// `943 476 5919`, the way people read it.
    public var formatted: String {
        let chars = Array(digits)
        return String(chars[0..<3]) + " " + String(chars[3..<6]) + " " + String(chars[6..<10])
    }

    public var description: String { formatted }
}
