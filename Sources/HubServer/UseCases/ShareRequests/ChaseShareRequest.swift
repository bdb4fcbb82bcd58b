import Foundation
import HubData
import HubWorkflow

/// A MASH user chases an unanswered share request: recorded on the timeline and sent to the agency through the
/// outbox.
public struct ChaseShareRequest: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let database: Database
    let shareRequests: ShareRequestStore
    let timeline: TimelineStore
    let outbox: OutboxStore
    let audit: AuditTrail
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        let now = clock.now()
        let event = recorder.event(caller, action: "share_request.chase", objectType: "share_request", objectId: id.lowercased)
        try await database.transaction { connection in
            guard let locked = try await shareRequests.lockForChange(id: id, on: connection) else {
                throw UseCaseError.notFound("The share request")
            }
            var request = locked.request
            try request.chase(at: now)
            try await shareRequests.recordChase(of: id, count: request.chaseCount, at: now, on: connection)
            try await timeline.append(.chased, referralId: locked.referralId, incidentId: locked.incidentId, at: now, actor: actor,
                                      detail: ["agency": request.agency, "chase": "\(request.chaseCount)"], on: connection)
            try await outbox.enqueue(
                topic: "share_request.chased", dedupeKey: "share_request.chased:\(id.lowercased):\(request.chaseCount)",
                payload: ["event": "share_request.chased", "incident": locked.incidentReference, "agency": request.agency,
                          "due": DocumentCoding.instantFormat.format(request.dueAt)], at: now, on: connection)
            try await audit.record(event, on: connection)
        }
    }
}
