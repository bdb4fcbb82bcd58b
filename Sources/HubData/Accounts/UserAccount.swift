import Foundation
import HubWorkflow

/// A user as an administrator sees it (never the password hash).
public struct UserAccount: Sendable, Hashable, Codable {
    public let id: UUID
    public let username: String
    public let displayName: String
    public let agencyCode: String
    public let role: Role
    public let disabled: Bool
    /// Failed sign-ins under this username since its last quiet spell or successful sign-in (the throttle's count).
    public let failedSignIns: Int
    /// Until when sign-in under this username is throttled (may be past).
    public let throttledUntil: Date?

    public init(
        id: UUID, username: String, displayName: String, agencyCode: String, role: Role, disabled: Bool, failedSignIns: Int = 0,
        throttledUntil: Date? = nil
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.agencyCode = agencyCode
        self.role = role
        self.disabled = disabled
        self.failedSignIns = failedSignIns
        self.throttledUntil = throttledUntil
    }
}

/// What sign-in needs to know about a username.
public struct SignInCandidate: Sendable {
    public let identity: Identity
    public let passwordHash: String
    public let disabled: Bool
}

public enum AccountError: Error, Equatable {
    case usernameTaken(String)
    case unknownAgency(String)
    case unknownUser
}
