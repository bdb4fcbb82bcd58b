import HubWorkflow

/// A postcode area the tracker reports cover: a full postcode (`PP2 5GN`), a sector (`PP2 5`) or a
/// district (`PP2`).
public enum TrackerArea: Sendable, Hashable {
    case postcode(String)
    case sector(String)
    case district(String)

    /// Reads what a user typed; nil when it is none of the three.
    public init?(_ raw: String) {
        let text = raw.uppercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let postcode = UKPostcode(text) {
            self = .postcode(postcode.normalised)
        } else if text.range(of: "^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9]$", options: .regularExpression) != nil {
            self = .sector(text)
        } else if text.range(of: "^[A-Z]{1,2}[0-9][0-9A-Z]?$", options: .regularExpression) != nil {
            self = .district(text)
        } else {
            return nil
        }
    }

    /// `postcode`, `sector` or `district`.
    public var kind: String {
        switch self {
        case .postcode: return "postcode"
        case .sector: return "sector"
        case .district: return "district"
        }
    }

    public var value: String {
        switch self {
        case .postcode(let value), .sector(let value), .district(let value): return value
        }
    }

    /// The `LIKE` pattern a normalised postcode (`PP2 5GN`) in the area matches: the postcode itself, the sector
    /// followed by the rest of the inward code, or the district followed by a space (so `PP2` is not `PP21`).
    /// The values hold only letters, digits and spaces, none of them special to `LIKE`.
    public var postcodePattern: String {
        switch self {
        case .postcode(let value): return value
        case .sector(let value): return value + "%"
        case .district(let value): return value + " %"
        }
    }
}
