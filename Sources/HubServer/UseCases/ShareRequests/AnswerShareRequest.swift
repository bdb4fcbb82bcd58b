import Foundation
import HubData
import HubWorkflow

/// An agency answers a share request (information shared, nothing known, or declined with a reason): its clock
/// stops, and whether the answer met the clock is recorded. Only a user of the asked agency answers
/// (``ShareRequestAccess/mayAnswer(_:requestTo:)``): the MASH answering another agency's request is refused (403,
/// audited) and changes nothing; it records what the agency said by phone or email with ``RecordAnswerOnBehalf``.
public struct AnswerShareRequest: UseCase {
    public static let access = AccessRule.permission(.answerShareRequests)

    let stores: Stores
    let agencyCheck: ShareRequestAgencyCheck
    let recorder: AuditRecorder
    let clock: any WallClock

    /// Whether the caller may answer this request at all (checked before the answer is read, and again when it
    /// is recorded).
    public func authorize(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        try await agencyCheck.checkAnswer(id, actor: actor)
    }

    /// Records the answer; returns whether it met the request's clock.
    public func callAsFunction(_ response: ShareResponse, to id: UUID, by caller: Caller) async throws -> Bool {
        let actor = try authorize(caller)
        try await agencyCheck.checkAnswer(id, actor: actor)
        let response = try response.validated()
        let now = clock.now()
        let event = recorder.event(caller, action: "share_request.respond", objectType: "share_request", objectId: id.lowercased,
                                   detail: ["response": response.kind.rawValue])
        return try await stores.database.transaction { connection in
            guard let locked = try await stores.shareRequests.lockForChange(id: id, on: connection) else {
                throw UseCaseError.notFound("The share request")
            }
            var request = locked.request
            try request.answer(response, at: now)
            var onTime = now <= locked.request.dueAt
            if let clockId = try await stores.clocks.clockId(ofShareRequest: id, on: connection),
               let outcome = try await stores.clocks.stop(clockId: clockId, at: now, on: connection) {
                onTime = outcome == .met
            }
            try await stores.shareRequests.recordAnswer(response, to: id, actor: actor, at: now, onTime: onTime, on: connection)
            try await stores.timeline.append(.answered, referralId: locked.referralId, incidentId: locked.incidentId, at: now, actor: actor,
                                      detail: ["agency": request.agency, "response": response.kind.rawValue, "onTime": onTime ? "yes" : "no"],
                                      on: connection)
            try await stores.audit.record(event, on: connection)
            return onTime
        }
    }
}
