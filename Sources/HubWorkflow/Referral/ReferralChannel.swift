/// How a referral reached the MASH.
public enum ReferralChannel: String, Sendable, Codable, CaseIterable, Hashable {
    case phone
    case email
    case onlineForm = "online_form"
    case inPerson = "in_person"
    case policeNotification = "police_notification"
    case letter
    case other
}
