import Foundation
import HubData
import HubWorkflow

/// A MASH user reads everything that happened to an incident's referral, oldest first (audited).
public struct ReadTimeline: UseCase {
    public static let access = AccessRule.permission(.readReferrals)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(incidentId: UUID, by caller: Caller) async throws -> [TimelineEntry] {
        try authorize(caller)
        guard let referralId = try await stores.incidents.referralId(ofIncident: incidentId) else { throw UseCaseError.notFound("The incident") }
        let events = try await stores.timeline.entries(referralId: referralId)
        try await recorder.record(caller, action: "incident.timeline", objectType: "incident", objectId: incidentId.lowercased)
        return events
    }
}
