/// What a signed-in user may do. One role per user; the agency they belong to narrows it further
/// (a partner responder answers only its own agency's share requests).
public enum Role: String, Sendable, Codable, CaseIterable, Hashable {
    /// Creates and rates referrals and incidents.
    case mashTriage = "mash_triage"
    /// Everything triage does, and ratifies decisions.
    case mashManager = "mash_manager"
    /// Answers share requests addressed to its own agency, and marks its agency's agreed actions done.
    case partnerResponder = "partner_responder"
    /// Aggregate reports only (small numbers suppressed), never personal data.
    case boardViewer = "board_viewer"
    /// Users and agencies, feeds, rules and settings; never personal data: no referral, incident, tracker record or
    /// share request (not even one addressed to its own agency), and reports with small numbers suppressed.
    case admin

    /// Whether the role may see personal data held in referrals, incidents and the tracker.
    public var seesPersonalData: Bool {
        switch self {
        case .mashTriage, .mashManager: return true
        case .partnerResponder, .boardViewer, .admin: return false
        }
    }
}
