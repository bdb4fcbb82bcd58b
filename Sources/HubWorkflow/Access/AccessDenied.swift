/// Why an action was refused to the person asking (the API answers 403 with `reason`, and records the attempt).
public struct AccessDenied: Error, Sendable, Equatable, CustomStringConvertible {
    public let reason: String

    public init(_ reason: String) { self.reason = reason }

    /// The role lacks the permission the action needs.
    public static func missing(_ permission: Permission, role: Role) -> AccessDenied {
        AccessDenied("The role \(role.rawValue) does not have the permission \(permission.rawValue).")
    }

    /// A share request addressed to another agency than the user's.
    public static let anotherAgencysShareRequest = AccessDenied("This share request is addressed to another agency.")

    /// Answering a share request through Hub addressed to another agency than the user's (the MASH included).
    public static let onlyTheAskedAgencyAnswers = AccessDenied(
        "Only the agency asked answers its share request. An answer it gave by phone, email, a meeting or a letter is recorded on its behalf (response-on-behalf).")

    /// Recording on behalf of one's own agency, which answers directly.
    public static let answerYourOwnAgencysDirectly = AccessDenied(
        "This share request is addressed to your own agency: answer it directly rather than on its behalf.")

    /// An agreed action another agency owns.
    public static let anotherAgencysAction = AccessDenied("This action belongs to another agency.")

    public var description: String { reason }
}
