import Foundation
import HubData
import HubWorkflow

/// A MASH manager ratifies (or overturns, with a note) a decision that needs ratification.
public struct RatifyDecision: UseCase {
    public static let access = AccessRule.permission(.ratifyDecisions)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(
        _ ratification: Ratification, referralId: UUID, expectedVersion: Int, by caller: Caller
    ) async throws -> StoredReferral {
        let actor = try authorize(caller)
        let now = clock.now()
        let event = recorder.event(caller, action: "referral.ratify", objectType: "referral", objectId: referralId.lowercased,
                                   detail: ["verdict": ratification.verdict.rawValue])
        try await stores.database.transaction { connection in
            guard let locked = try await stores.referrals.lockForChange(id: referralId, on: connection) else {
                throw UseCaseError.notFound("The referral")
            }
            guard locked.version == expectedVersion else { throw UseCaseError.staleVersion(current: locked.version) }
            let issues = ratification.validate()
            guard issues.isEmpty else { throw ValidationFailure(issues) }
            let next = try locked.status.applying(ratification.action, service: locked.referral.service)
            if let decision = try await stores.decisions.latestUnratified(of: referralId, on: connection) {
                try Ratification.checkFourEyes(decidedBy: decision.decidedBy, ratifier: actor)
            }
            try await stores.decisions.ratifyLatest(of: referralId, ratification, actor: actor, at: now, on: connection)
            try await stores.referrals.setStatus(next, of: referralId, at: now, on: connection)
            try await stores.timeline.append(kindName: "ratified", referralId: referralId, incidentId: nil, at: now, actor: actor,
                                      detail: ["verdict": ratification.verdict.rawValue], on: connection)
            try await stores.audit.record(event, on: connection)
        }
        guard let stored = try await stores.referrals.find(id: referralId) else { throw UseCaseError.notFound("The referral") }
        return stored
    }
}
