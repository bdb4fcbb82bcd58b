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
}
