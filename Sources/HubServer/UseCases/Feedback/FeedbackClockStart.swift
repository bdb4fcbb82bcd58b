import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The step of a threshold decision that starts the referral's feedback clock (issue #20), once: due one working day
/// after the decision (``SLAPolicySet/feedback``) under the calendar policy the partnership chose for the feedback
/// clock, read now. A referral made on Hub by a user of the referrer's own agency is fed back through "referrals we
/// made" at once: its clock stops as met at the decision and a `hub` feedback row and `fed_back` timeline entry record
/// it (audited as `referral.feedback` by the decider, channel and delivery `hub`), so the board figure counts every
/// referrer. Any other referrer (keyed in by the MASH: the public, a GP, a
/// school) waits for feedback recorded or sent by a MASH user (``RecordFeedback``).
struct FeedbackClockStart: Sendable {
    let feedback: ReferralFeedbackStore
    let timeline: TimelineStore
    let policies: CurrentSLAPolicies
    let recorder: AuditRecorder

    func start(
        referralId: UUID, decision: ThresholdDecisionKind, caller: Caller, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws {
        let clock = try await policies.read(on: connection).startFeedbackClock(decidedAt: now)
        let onHub = try await feedback.referrerIsOnHub(referralId: referralId, on: connection)
        guard try await feedback.startClock(clock, referralId: referralId, referrerOnHub: onHub, on: connection), onHub else { return }
        let given = ReferrerFeedback(channel: .hub, givenAt: now, summary: FeedbackSummary(decision: decision))
        try await feedback.record(given, id: UUID(), referralId: referralId, delivery: .hub, actor: actor, at: now, on: connection)
        try await timeline.append(
            .fedBack, referralId: referralId, incidentId: nil, at: now, actor: actor,
            detail: ["channel": FeedbackChannel.hub.rawValue, "summary": given.summary.rawValue, "delivery": FeedbackDelivery.hub.rawValue,
                     "clock": SLAClockState.met.rawValue],
            on: connection)
        try await recorder.record(
            caller, action: "referral.feedback", objectType: "referral", objectId: referralId.lowercased,
            detail: ["channel": FeedbackChannel.hub.rawValue, "summary": given.summary.rawValue, "delivery": FeedbackDelivery.hub.rawValue,
                     "clock": SLAClockState.met.rawValue, "to": "referrer"],
            on: connection)
    }
}
