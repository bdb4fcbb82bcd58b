import Foundation
import HubData
import HubWorkflow

/// An administrator (or the operator) disables a user: every session of theirs ends at once; audited.
public struct DisableUser: UseCase {
    public static let access = AccessRule.permission(.manageAccounts)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(username: String, by caller: Caller) async throws -> UserAccount {
        try authorize(caller)
        return try await disable(username, caller: caller, detail: [:])
    }

    /// For the operator at the command line: the audit event names `source`.
    public func asOperator(username: String, source: String) async throws -> UserAccount {
        try await disable(username, caller: Caller(identity: nil, requestId: nil), detail: ["source": source])
    }

    private func disable(_ username: String, caller: Caller, detail: [String: String]) async throws -> UserAccount {
        guard let id = try await stores.users.id(of: username) else { throw UseCaseError.notFound("The user \(username)") }
        do {
            return try await stores.users.disable(
                id: id, now: clock.now(),
                audit: recorder.event(caller, action: "user.disable", objectType: "user", objectId: id.lowercased, detail: detail))
        } catch AccountError.unknownUser {
            throw UseCaseError.notFound("The user \(username)")
        }
    }
}
