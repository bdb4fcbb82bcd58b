import Foundation

/// Who is acting: a signed-in user with their agency and role. Recorded on every audit event.
public struct Identity: Sendable, Hashable, Codable {
    public let userId: UUID
    public let username: String
    public let displayName: String
    public let agencyId: UUID
    public let agencyCode: String
    public let role: Role

    public init(userId: UUID, username: String, displayName: String, agencyId: UUID, agencyCode: String, role: Role) {
        self.userId = userId
        self.username = username
        self.displayName = displayName
        self.agencyId = agencyId
        self.agencyCode = agencyCode
        self.role = role
    }

    /// This identity, if its role holds `permission`; else ``AccessDenied`` with the reason.
    @discardableResult
    public func require(_ permission: Permission) throws -> Identity {
        guard permission.isGranted(to: role) else { throw AccessDenied.missing(permission, role: role) }
        return self
    }
}
