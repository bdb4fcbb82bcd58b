/// The comparison levels of one pair for every field, packed into one integer (mixed radix: each field
/// takes its level index, or its level count for missing). Histograms of patterns are what the EM
/// algorithm works on, so estimation costs nothing per pair beyond one counter increment.
struct ComparisonPattern: Hashable, Sendable {
    let rawValue: UInt16

    static let fields = LinkageField.allCases
    /// Levels per field, missing excluded.
    static let levelCounts: [Int] = fields.map { $0.levels.count }
    /// Each field's radix (levels + 1 for missing) and stride.
    static let radices: [Int] = levelCounts.map { $0 + 1 }
    static let strides: [Int] = {
        var strides: [Int] = []
        var stride = 1
        for radix in radices {
            strides.append(stride)
            stride *= radix
        }
        return strides
    }()
    /// How many distinct patterns exist.
    static let count: Int = radices.reduce(1, *)

    /// Marks a missing value in `levels` arrays.
    static let missing: UInt8 = .max

    init(rawValue: UInt16) {
        self.rawValue = rawValue
    }

    /// Packs per-field level indices (``missing`` for a missing value), in ``LinkageField`` order. The
    /// radices are spelt out for speed; a test checks them against ``LinkageField/levels``.
    @inline(__always)
    init(forename: UInt8, surname: UInt8, dateOfBirth: UInt8, address: UInt8, gender: UInt8, nhsNumber: UInt8) {
        var value = 0
        value += forename == ComparisonPattern.missing ? 5 : Int(forename)
        value += (surname == ComparisonPattern.missing ? 4 : Int(surname)) * 6
        value += (dateOfBirth == ComparisonPattern.missing ? 5 : Int(dateOfBirth)) * 30
        value += (address == ComparisonPattern.missing ? 5 : Int(address)) * 180
        value += (gender == ComparisonPattern.missing ? 2 : Int(gender)) * 1080
        value += (nhsNumber == ComparisonPattern.missing ? 2 : Int(nhsNumber)) * 3240
        self.rawValue = UInt16(value)
    }

    /// The level index of `field`, or nil when missing.
    func level(_ field: LinkageField) -> Int? {
        let index = field.rawValue
        let digit = Int(rawValue) / ComparisonPattern.strides[index] % ComparisonPattern.radices[index]
        return digit == ComparisonPattern.levelCounts[index] ? nil : digit
    }

    /// The named comparison level of `field`.
    func comparisonLevel(_ field: LinkageField) -> ComparisonLevel {
        level(field).map { field.levels[$0] } ?? .missing
    }
}
