import Foundation
import HubData
import HubWorkflow

/// A MASH user asks more agencies to share what they hold about an incident.
public struct AskToShare: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let change: IncidentChange
    let sharing: ShareRequestSending
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(
        _ agencies: [String], incidentId: UUID, expectedVersion: Int, by caller: Caller
    ) async throws -> StoredIncident {
        let actor = try authorize(caller)
        guard !agencies.isEmpty else { throw ValidationFailure(field: "agencies", message: "name at least one agency") }
        let now = clock.now()
        let event = recorder.event(caller, action: "incident.request_shares", objectType: "incident", objectId: incidentId.lowercased,
                                   detail: ["agencies": agencies.sorted().joined(separator: ",")])
        try await change.run(incidentId: incidentId, expectedVersion: expectedVersion, at: now, audit: event) { incident, referralId, connection in
            try await sharing.ask(agencies, incident: &incident, incidentId: incidentId, referralId: referralId, actor: actor, at: now,
                                  on: connection)
        }
        return try await stores.incidents.require(incidentId)
    }
}
