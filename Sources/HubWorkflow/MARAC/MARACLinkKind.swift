/// How a strategy discussion's `marac_referral` outcome came to stand for a MARAC referral (stored in
/// `marac_referral_links.how`).
public enum MARACLinkKind: String, Sendable, Codable, CaseIterable, Hashable {
    /// The outcome raised a new MARAC referral from the referral the incident came from
    /// (``MARACReferralRaising``).
    case created
    /// The victim already had a live MARAC referral (``MARACReferralMatching``): the outcome links to it.
    case linked
    /// The incident was opened from a MARAC referral: the outcome is that referral.
    case originating
}
