/// The domestic abuse risk level from a DASH (Domestic Abuse, Stalking and Harassment) checklist.
public enum DASHRiskLevel: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case standard
    case medium
    case high

    /// 14 or more ticks is high, 10 to 13 medium, fewer standard.
    public init(score: Int) {
        switch score {
        case 14...: self = .high
        case 10...13: self = .medium
        default: self = .standard
        }
    }

    public static func < (lhs: DASHRiskLevel, rhs: DASHRiskLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .standard: return 0
        case .medium: return 1
        case .high: return 2
        }
    }
}
