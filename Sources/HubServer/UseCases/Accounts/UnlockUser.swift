import Foundation
import HubData
import HubWorkflow

/// An administrator lifts the sign-in throttle on a user's username: its failures are forgotten and any wait ends
/// at once (the address throttle is not touched: it belongs to whoever guessed). Audited as `user.unlock`.
public struct UnlockUser: UseCase {
    public static let access = AccessRule.permission(.manageAccounts)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(username: String, by caller: Caller) async throws -> UserAccount {
        try authorize(caller)
        guard let id = try await stores.users.id(of: username) else { throw UseCaseError.notFound("The user \(username)") }
        try await stores.signInThrottles.forget(
            username: username,
            audit: recorder.event(caller, action: "user.unlock", objectType: "user", objectId: id.lowercased))
        return try await stores.users.account(id: id)
    }
}
