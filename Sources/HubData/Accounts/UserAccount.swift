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
    public let lockedUntil: Date?

    public init(id: UUID, username: String, displayName: String, agencyCode: String, role: Role, disabled: Bool, lockedUntil: Date?) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.agencyCode = agencyCode
        self.role = role
        self.disabled = disabled
        self.lockedUntil = lockedUntil
    }
}

/// What sign-in needs to know about a username.
public struct SignInCandidate: Sendable {
    public let identity: Identity
    public let passwordHash: String
    public let failedAttempts: Int
    public let lockedUntil: Date?
    public let disabled: Bool
}

public enum AccountError: Error, Equatable {
    case usernameTaken(String)
    case unknownAgency(String)
    case unknownUser
}
