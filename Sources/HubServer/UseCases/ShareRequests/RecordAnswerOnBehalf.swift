import Foundation
import HubData
import HubWorkflow

/// MASH staff record an answer the asked agency gave by another channel (phone, email, secure email, a meeting, a
/// letter): stored as answered by the recorder (their own identity), on the agency's behalf, with the channel, the
/// contact who gave it and when it was received. It answers the request and stops its clock at the time it was
/// received: that is when the agency answered, so on time or late is judged then, not when it was typed in. Only
/// MASH staff, and only for another agency than their own (a partner, or the MASH for its own agency, answers
/// directly: ``AnswerShareRequest``).
public struct RecordAnswerOnBehalf: UseCase {
    public static let access = AccessRule.permission(.recordAnswersOnBehalf)

    let stores: Stores
    let agencyCheck: ShareRequestAgencyCheck
    let recorder: AuditRecorder
    let clock: any WallClock

    /// Whether the caller may record an answer for this request at all (checked before the body is read, and again
    /// when it is recorded).
    public func authorize(_ id: UUID, by caller: Caller) async throws {
        let actor = try authorize(caller)
        try await agencyCheck.checkOnBehalf(id, actor: actor)
    }

    /// Records the answer; returns whether it met the request's clock (judged at `receivedAt`). `toTheMinute` says
    /// `receivedAt` was given to the minute (the screens' form): a time in the very minute the request was sent then
    /// stands for the request's own instant, the earliest the answer can have come in that minute (the API takes
    /// seconds, and is held to them).
    public func callAsFunction(_ answer: AnswerOnBehalf, to id: UUID, by caller: Caller, toTheMinute: Bool = false) async throws -> Bool {
        let actor = try authorize(caller)
        try await agencyCheck.checkOnBehalf(id, actor: actor)
        let now = clock.now()
        return try await stores.database.transaction { connection in
            guard let locked = try await stores.shareRequests.lockForChange(id: id, on: connection) else {
                throw UseCaseError.notFound("The share request")
            }
            var answer = answer
            let sent = locked.request.requestedAt
            if toTheMinute, answer.receivedAt < sent, sent.timeIntervalSince(answer.receivedAt) < 60 { answer.receivedAt = sent }
            var request = locked.request
            try request.answer(onBehalf: answer, recorder: actor, at: now)
            let receivedAt = answer.receivedAt
            var onTime = receivedAt <= locked.request.dueAt
            if let clockId = try await stores.clocks.clockId(ofShareRequest: id, on: connection) {
                do {
                    if let outcome = try await stores.clocks.stop(clockId: clockId, at: receivedAt, on: connection) { onTime = outcome == .met }
                } catch SLAClockError.outOfOrder {
                    // The clock changed (re-rated, say) after the answer is said to have come: its history cannot be
                    // rewritten, so the time received must be no earlier than that change.
                    throw ValidationFailure(field: "receivedAt", message: "an answer cannot be received before the request's clock last changed")
                }
            }
            try await stores.shareRequests.recordAnswer(onBehalf: request, to: id, recorder: actor, onTime: onTime, on: connection)
            let received = HubDateFormat.string(from: receivedAt)
            let response = try answer.response.validated()
            try await stores.timeline.append(.answered, referralId: locked.referralId, incidentId: locked.incidentId, at: now, actor: actor,
                                      detail: ["agency": request.agency, "response": response.kind.rawValue, "onTime": onTime ? "yes" : "no",
                                               "channel": answer.channel.rawValue, "receivedAt": received],
                                      on: connection)
            try await stores.audit.record(
                recorder.event(caller, action: "share_request.answer_on_behalf", objectType: "share_request", objectId: id.lowercased,
                               detail: ["agency": request.agency, "response": response.kind.rawValue, "channel": answer.channel.rawValue,
                                        "receivedAt": received, "recordedBy": actor.username, "onTime": onTime ? "yes" : "no"]),
                on: connection)
            return onTime
        }
    }
}
