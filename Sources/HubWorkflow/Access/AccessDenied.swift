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

    /// An agreed action another agency owns.
    public static let anotherAgencysAction = AccessDenied("This action belongs to another agency.")

    public var description: String { reason }
}
