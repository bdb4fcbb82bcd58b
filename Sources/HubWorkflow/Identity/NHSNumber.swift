/// A ten-digit NHS number whose last digit passes the modulus 11 check.
public struct NHSNumber: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ten digits, without spaces.
    public let digits: String

    /// Accepts `9434765919`, `943 476 5919` or `943-476-5919`; returns nil unless the result is ten digits
    /// with a valid check digit.
    public init?(_ raw: String) {
        // Feeds send plain ASCII, and every record of a feed comes here: that case goes byte by byte.
        guard let digits = raw.utf8.allSatisfy({ $0 < 0x80 }) ? NHSNumber.asciiDigits(raw) : NHSNumber.digits(of: raw)
        else { return nil }
        self.digits = digits
    }

    /// The ten digits of `raw` without its whitespace (any Unicode whitespace) and dashes, when they pass the check.
    static func digits(of raw: String) -> String? {
        let cleaned = raw.filter { !$0.isWhitespace && $0 != "-" }
        guard cleaned.count == 10, cleaned.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        guard NHSNumber.hasValidCheckDigit(cleaned) else { return nil }
        return cleaned
    }

    /// The ten digits of an ASCII `raw` without its whitespace and dashes, when they pass the check.
    static func asciiDigits(_ raw: String) -> String? {
        var digits: [UInt8] = []
        digits.reserveCapacity(10)
        for byte in raw.utf8 {
            switch byte {
            case UInt8(ascii: " "), 0x09...0x0D, UInt8(ascii: "-"): continue  // ASCII whitespace, as Character.isWhitespace
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                guard digits.count < 10 else { return nil }
                digits.append(byte)
            default: return nil
            }
        }
        guard digits.count == 10,
              let check = checkDigit(forFirstNine: digits.prefix(9).map { Int($0 - UInt8(ascii: "0")) }),
              check == Int(digits[9] - UInt8(ascii: "0"))
        else { return nil }
        return String(decoding: digits, as: UTF8.self)
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
