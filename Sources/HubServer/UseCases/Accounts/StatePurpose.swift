import Foundation
import HubData
import HubWorkflow

/// A signed-in browser states why it is looking at personal data in a scope (a referral's tracker panel, the
/// tracker), once for the session; the reads it covers are audited with it.
public struct StatePurpose: UseCase {
    public static let access = AccessRule.signedIn

    let stores: Stores
    let clock: any WallClock

    public func callAsFunction(_ purpose: String, scope: String, session tokenHash: Data, by caller: Caller) async throws {
        try authorize(caller)
        let purpose = purpose.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !purpose.isEmpty else { throw ValidationFailure(field: "purpose", message: "is required: say why you are looking") }
        guard TextLength.count(purpose) <= TextLimits.purpose else {
            throw ValidationFailure(field: "purpose", message: "must be at most 500 characters")
        }
        try await stores.statedPurposes.state(purpose, scope: scope, session: tokenHash, at: clock.now())
    }

    /// The purpose stated for `scope` in this session, if any.
    public func stated(scope: String, session tokenHash: Data) async throws -> String? {
        try await stores.statedPurposes.purpose(scope: scope, session: tokenHash)
    }
}
