/// The fields the Fellegi–Sunter model compares, each with its ordered comparison levels (best first).
///
/// Postcode and address are one field, `address`, whose levels run from the same property (UPRN or
/// address key within the postcode) through the same postcode, sector and district to different: counting
/// them as two fields would count one agreement twice, since the same property implies the same postcode.
public enum LinkageField: Int, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    case forename
    case surname
    case dateOfBirth
    case address
    case gender
    case nhsNumber

    /// The levels this field can take, best first; a missing value on either side is ``ComparisonLevel/missing``
    /// and is not in this list.
    public var levels: [ComparisonLevel] {
        switch self {
        case .forename: return [.exact, .nickname, .jaroWinkler92, .jaroWinkler80, .different]
        case .surname: return [.exact, .jaroWinkler92, .jaroWinkler80, .different]
        case .dateOfBirth: return [.exact, .dayMonthSwapped, .oneComponentDiffers, .yearWithinOne, .different]
        case .address: return [.sameProperty, .samePostcode, .samePostcodeSector, .samePostcodeDistrict, .different]
        case .gender: return [.exact, .different]
        case .nhsNumber: return [.exact, .different]
        }
    }

    /// The field's name in stored and exported explanations: `forename`, `surname`, `date_of_birth`, `address`,
    /// `gender`, `nhs_number`.
    public var code: String {
        switch self {
        case .forename: return "forename"
        case .surname: return "surname"
        case .dateOfBirth: return "date_of_birth"
        case .address: return "address"
        case .gender: return "gender"
        case .nhsNumber: return "nhs_number"
        }
    }

    /// The field of a ``code``.
    public init?(code: String) {
        guard let field = Self.allCases.first(where: { $0.code == code }) else { return nil }
        self = field
    }

    /// `forename`, `date of birth`, …
    public var description: String {
        switch self {
        case .forename: return "forename"
        case .surname: return "surname"
        case .dateOfBirth: return "date of birth"
        case .address: return "address"
        case .gender: return "gender"
        case .nhsNumber: return "NHS number"
        }
    }
}

/// One level of a field comparison.
public enum ComparisonLevel: String, Sendable, Hashable, Codable, CustomStringConvertible {
    /// Identical (for names: identical or the same alias).
    case exact
    /// Forenames that are nicknames of one canonical name (`Bill`/`William`), or one is the other's middle name.
    case nickname
    /// Jaro–Winkler similarity of at least 0.92 (for surnames also: one part of a double-barrelled name).
    case jaroWinkler92
    /// Jaro–Winkler similarity of at least 0.80 (for forenames also: an initial that fits).
    case jaroWinkler80
    /// Day and month transposed, year equal.
    case dayMonthSwapped
    /// Two of year, month and day equal (or a partial date agreeing in year and month).
    case oneComponentDiffers
    /// Years within one of each other, nothing more in common (or only years to compare).
    case yearWithinOne
    /// The same UPRN, or the same address key within the same postcode.
    case sameProperty
    /// Different properties in the same postcode.
    case samePostcode
    /// Same postcode sector (`PP2 5`).
    case samePostcodeSector
    /// Same postcode district (`PP2`).
    case samePostcodeDistrict
    /// None of the above.
    case different
    /// Unknown on at least one side: no evidence either way.
    case missing

    public var description: String {
        switch self {
        case .exact: return "exact"
        case .nickname: return "nickname or alternative name"
        case .jaroWinkler92: return "very similar (Jaro-Winkler ≥ 0.92)"
        case .jaroWinkler80: return "similar (Jaro-Winkler ≥ 0.80)"
        case .dayMonthSwapped: return "day and month swapped"
        case .oneComponentDiffers: return "one component differs"
        case .yearWithinOne: return "year within one"
        case .sameProperty: return "same property"
        case .samePostcode: return "same postcode"
        case .samePostcodeSector: return "same postcode sector"
        case .samePostcodeDistrict: return "same postcode district"
        case .different: return "different"
        case .missing: return "missing"
        }
    }
}
