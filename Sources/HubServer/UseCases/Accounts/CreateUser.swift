import Foundation
import HubData
import HubWorkflow

/// An administrator (or the operator, at the command line) creates a user of an agency with a role and a
/// password that meets the rules; audited.
public struct CreateUser: UseCase {
    public static let access = AccessRule.permission(.manageAccounts)

    let stores: Stores
    let passwordHasher: PasswordHasher
    let recorder: AuditRecorder
    let clock: any WallClock

    public struct NewUser: Sendable {
        public let username: String
        public let displayName: String
        public let agency: String
        public let role: Role
        public let password: String

        public init(username: String, displayName: String, agency: String, role: Role, password: String) {
            self.username = username
            self.displayName = displayName
            self.agency = agency
            self.role = role
            self.password = password
        }
    }

    public func callAsFunction(_ user: NewUser, by caller: Caller) async throws -> UserAccount {
        try authorize(caller)
        return try await create(user, caller: caller, detail: ["role": user.role.rawValue, "agency": user.agency])
    }

    /// For the operator at the command line (who holds the database's credentials): no signed-in caller; the
    /// audit event names `source`.
    public func asOperator(_ user: NewUser, source: String) async throws -> UserAccount {
        try await create(user, caller: Caller(identity: nil, requestId: nil), detail: ["source": source, "role": user.role.rawValue])
    }

    private func create(_ user: NewUser, caller: Caller, detail: [String: String]) async throws -> UserAccount {
        var issues: [ValidationIssue] = []
        let username = user.username.lowercased()
        if username.range(of: "^[a-z0-9][a-z0-9._-]{1,63}$", options: .regularExpression) == nil {
            issues.append(.init(field: "username", message: "must be 2–64 characters: letters, digits, dot, dash, underscore"))
        }
        if user.displayName.trimmingCharacters(in: .whitespaces).isEmpty || TextLength.count(user.displayName) > TextLimits.displayName {
            issues.append(.init(field: "displayName", message: "must be 1–200 characters"))
        }
        issues += PasswordHasher.problems(with: user.password).map { .init(field: "password", message: $0) }
        if try await stores.agencies.find(code: user.agency) == nil {
            issues.append(.init(field: "agency", message: "is not a known agency code"))
        }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
        let hash = try await passwordHasher.hash(user.password)
        let id = UUID()
        do {
            return try await stores.users.create(
                id: id, username: username, displayName: user.displayName, agencyCode: user.agency, role: user.role,
                passwordHash: hash, now: clock.now(),
                audit: recorder.event(caller, action: "user.create", objectType: "user", objectId: id.lowercased, detail: detail))
        } catch AccountError.usernameTaken {
            throw UseCaseError.conflict(kind: "username-taken", detail: "The username \(username) is already in use.")
        }
    }
}
