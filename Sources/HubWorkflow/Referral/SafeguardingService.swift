/// The service that triages a referral and whose threshold and outcome list apply to its incident.
public enum SafeguardingService: String, Sendable, Codable, CaseIterable, Hashable {
    /// Children's services (child protection).
    case children
    /// Adult services (adults at risk).
    case adults
}
