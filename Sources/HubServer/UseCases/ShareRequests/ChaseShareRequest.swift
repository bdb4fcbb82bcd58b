import Foundation
import HubData
import HubWorkflow

/// A MASH user chases an unanswered share request: recorded on the timeline and sent to the agency through the
/// stores.outbox.
public struct ChaseShareRequest: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        let now = clock.now()
        let event = recorder.event(caller, action: "share_request.chase", objectType: "share_request", objectId: id.lowercased)
        try await stores.database.transaction { connection in
            guard let locked = try await stores.shareRequests.lockForChange(id: id, on: connection) else {
                throw UseCaseError.notFound("The share request")
            }
            var request = locked.request
            try request.chase(at: now)
            try await stores.shareRequests.recordChase(of: id, count: request.chaseCount, at: now, on: connection)
            try await stores.timeline.append(.chased, referralId: locked.referralId, incidentId: locked.incidentId, at: now, actor: actor,
                                      detail: ["agency": request.agency, "chase": "\(request.chaseCount)"], on: connection)
            try await stores.outbox.enqueue(
                topic: "share_request.chased", dedupeKey: "share_request.chased:\(id.lowercased):\(request.chaseCount)",
                payload: ["event": "share_request.chased", "incident": locked.incidentReference, "agency": request.agency,
                          "due": DocumentCoding.instantFormat.format(request.dueAt)], at: now, on: connection)
            try await stores.audit.record(event, on: connection)
        }
    }
}
