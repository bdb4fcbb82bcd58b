import Foundation

/// The MARAC referral a strategy discussion's `marac_referral` outcome raises from the referral its incident came
/// from, so that nobody types the victim in again.
///
/// It carries, as they were received: the subjects (every one, the victim first as given), the concern, the
/// consent, the local authority and the DASH risk assessment. It is received when the discussion was held (or now,
/// if that is earlier), on the channel ``ReferralChannel/strategyOutcome``. Its referrer is the discussion's chair,
/// for the chair's agency, in the role of chair of that kind of discussion, with no telephone or email: the
/// referral is the MASH's own, and the user who recorded the discussion is its `createdBy`.
///
/// A MARAC referral is about a victim of domestic abuse and rests on a DASH risk assessment: the referral the
/// incident came from must name a victim and carry a DASH assessment (a PPN always does). When it does not (a C1 or
/// A1 discussed at the daily domestic abuse discussion), the outcome is refused naming `outcome`, and nothing is
/// recorded: receive the victim's PPN or MARAC referral with its DASH, and decide on MARAC on its incident.
public enum MARACReferralRaising {
    public static func referral(from origin: Referral, reference: String, discussion: StrategyDiscussion, now: Date) throws(ValidationFailure)
        -> Referral
    {
        guard origin.subjects.contains(where: { $0.role == .victim }) else {
            throw ValidationFailure(
                field: "outcome",
                message: "a MARAC referral is about a victim of domestic abuse, and referral \(reference) names none: "
                    + "choose another outcome, or decide on MARAC on the incident of the victim's PPN or MARAC referral")
        }
        guard let dash = origin.dash else {
            throw ValidationFailure(
                field: "outcome",
                message: "a MARAC referral carries the DASH risk assessment of the referral the incident came from, and referral "
                    + "\(reference) has none: choose another outcome, or decide on MARAC on the incident of the victim's PPN or "
                    + "MARAC referral")
        }
        return Referral(
            form: .marac,
            referrer: Referrer(name: discussion.chair.name, role: chairRole(discussion.kind), agency: discussion.chair.agency),
            receivedAt: min(discussion.heldAt, now), channel: .strategyOutcome, subjects: origin.subjects, concern: origin.concern,
            consent: origin.consent, localAuthority: origin.localAuthority, dash: dash)
    }

    /// The referrer's role: chair of the kind of discussion that decided on MARAC (stored text, as a referrer's
    /// role typed in is).
    static func chairRole(_ kind: StrategyDiscussionKind) -> String {
        switch kind {
        case .strategyDiscussion: return "Chair of the strategy discussion"
        case .strategyMeeting: return "Chair of the strategy meeting"
        case .domesticAbuseDailyDiscussion: return "Chair of the domestic abuse daily discussion"
        }
    }
}
