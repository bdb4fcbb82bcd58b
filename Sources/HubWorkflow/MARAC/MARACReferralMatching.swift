import Foundation

/// Which MARAC referral already made for a victim a discussion's `marac_referral` outcome links to instead of
/// raising another.
///
/// A MARAC referral is **live** when it was received no more than ``liveDays`` days before the discussion decided
/// on MARAC and it is not closed: still waiting for its threshold decision or for ratification, or met the
/// threshold with its incident not yet closed. A decision below the threshold (closed, or ratified) or a closed
/// incident closes it. (The MARAC meets fortnightly: a referral older than two of its cycles has been heard, and a
/// new decision to refer is a repeat referral to MARAC, a new case.)
///
/// It is **the victim's** when one of the victims it names is the same person as one of the victims the incident's
/// referral names (``VictimIdentity/isSamePerson(as:)``: the NHS number when both have one, else forename, surname
/// and date of birth). Of several, the most recently received is chosen.
public enum MARACReferralMatching {
    /// How many days after its receipt a MARAC referral stays live.
    public static let liveDays = 28

    /// The earliest receipt a live MARAC referral may have for a decision at `decidedAt`.
    public static func earliestReceipt(forDecisionAt decidedAt: Date) -> Date {
        decidedAt.addingTimeInterval(-Double(liveDays) * 86_400)
    }

    /// True when `candidate` is live for a decision at `decidedAt`.
    public static func isLive(_ candidate: MARACReferralCandidate, decidedAt: Date) -> Bool {
        guard candidate.receivedAt >= earliestReceipt(forDecisionAt: decidedAt) else { return false }
        switch candidate.status {
        case .received, .awaitingRatification: return true
        case .thresholdMet: return candidate.incidentState != .closed
        case .ratified, .closed: return false
        }
    }

    /// The live candidate naming one of `victims`, the most recently received (then the greatest id, so the choice
    /// is stable); nil when there is none.
    public static func choose(among candidates: [MARACReferralCandidate], for victims: [VictimIdentity], decidedAt: Date)
        -> MARACReferralCandidate?
    {
        candidates
            .filter { isLive($0, decidedAt: decidedAt) }
            .filter { candidate in candidate.victims.contains { theirs in victims.contains { $0.isSamePerson(as: theirs) } } }
            .max { ($0.receivedAt, $0.id.uuidString) < ($1.receivedAt, $1.id.uuidString) }
    }
}
