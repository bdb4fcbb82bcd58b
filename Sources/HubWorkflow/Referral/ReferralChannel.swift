/// How a referral reached the MASH.
public enum ReferralChannel: String, Sendable, Codable, CaseIterable, Hashable {
    case phone
    case email
    case onlineForm = "online_form"
    case inPerson = "in_person"
    case policeNotification = "police_notification"
    case letter
    case other
    /// Raised by Hub itself, when a strategy discussion's outcome is a MARAC referral (``MARACReferralRaising``); a
    /// referral received from outside never arrives this way.
    case strategyOutcome = "strategy_outcome"

    /// The channels a referral received from a referrer may name: all but ``strategyOutcome``.
    public static var received: [ReferralChannel] { allCases.filter { $0 != .strategyOutcome } }
}
