import Foundation
import HubData
import HubWorkflow

/// Signing out: the session ends at once (audited).
public struct SignOut: UseCase {
    public static let access = AccessRule.signedIn

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(sessionTokenHash: Data, by caller: Caller) async throws {
        let identity = try authorize(caller)
        try await stores.sessions.end(
            tokenHash: sessionTokenHash, now: clock.now(),
            audit: recorder.event(caller, action: "session.end", objectType: "user", objectId: identity.userId.lowercased))
    }
}
