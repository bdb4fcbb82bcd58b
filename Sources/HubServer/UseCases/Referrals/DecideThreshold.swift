import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Triage decides whether a referral meets the threshold for multi-agency information sharing. Meeting it opens
/// an incident rated as decided, can ask agencies to share at once and start the strategy discussion clock; a
/// decision that needs ratification waits for a manager. Every first decision starts the referral's feedback clock
/// (``FeedbackClockStart``). One transaction: the referral is locked, its version
/// checked, the rule applied, and the decision, incident, requests, clocks, timeline and audit written together.
public struct DecideThreshold: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let sharing: ShareRequestSending
    let strategyClock: StrategyDiscussionClockStart
    let feedbackClock: FeedbackClockStart
    let recorder: AuditRecorder
    let clock: any WallClock

    public struct Decision: Sendable {
        public let referralId: UUID
        public let expectedVersion: Int
        public let decision: ThresholdDecision
        /// Agencies asked for information at once (meets threshold only).
        public let shareWith: [String]
        /// Starts the strategy discussion clock (meets threshold only).
        public let holdStrategyDiscussion: Bool

        public init(referralId: UUID, expectedVersion: Int, decision: ThresholdDecision, shareWith: [String], holdStrategyDiscussion: Bool) {
            self.referralId = referralId
            self.expectedVersion = expectedVersion
            self.decision = decision
            self.shareWith = shareWith
            self.holdStrategyDiscussion = holdStrategyDiscussion
        }
    }

    public struct Decided: Sendable {
        public let referral: StoredReferral
        /// The incident opened, when the referral met the threshold.
        public let incidentId: UUID?
    }

    public func callAsFunction(_ request: Decision, by caller: Caller) async throws -> Decided {
        let actor = try authorize(caller)
        if !request.decision.kind.meetsThreshold && (!request.shareWith.isEmpty || request.holdStrategyDiscussion) {
            throw ValidationFailure(field: "shareWith", message: "only a decision that meets the threshold asks agencies to share")
        }
        let now = clock.now()
        let referralId = request.referralId
        let event = recorder.event(caller, action: "referral.decide", objectType: "referral", objectId: referralId.lowercased,
                                   detail: ["decision": request.decision.kind.rawValue])
        let incidentId: UUID? = try await stores.database.transaction { connection in
            guard let locked = try await stores.referrals.lockForChange(id: referralId, on: connection) else {
                throw UseCaseError.notFound("The referral")
            }
            guard locked.version == request.expectedVersion else { throw UseCaseError.staleVersion(current: locked.version) }
            let decision = try request.decision.validated()
            let next = try locked.status.applying(.decide(decision.kind), service: locked.referral.service)
            try await stores.decisions.insert(decision, referralId: referralId, actor: actor, at: now, on: connection)
            try await stores.referrals.setStatus(next, of: referralId, at: now, on: connection)
            var detail = ["decision": decision.kind.rawValue]
            if decision.requiresRatification(for: locked.referral.service) { detail["ratification"] = "required" }
            try await stores.timeline.append(.decided, referralId: referralId, incidentId: nil, at: now, actor: actor, detail: detail, on: connection)
            try await feedbackClock.start(referralId: referralId, decision: decision.kind, caller: caller, actor: actor, at: now, on: connection)
            var incidentId: UUID?
            if decision.kind.meetsThreshold {
                incidentId = try await openIncident(
                    for: locked.referral, referralId: referralId, decision: decision, request: request, actor: actor, now: now, on: connection)
            }
            try await stores.audit.record(event, on: connection)
            return incidentId
        }
        guard let stored = try await stores.referrals.find(id: referralId) else { throw UseCaseError.notFound("The referral") }
        return Decided(referral: stored, incidentId: incidentId)
    }

    /// Opens the incident rated as decided, asks the agencies named and starts the strategy clock when asked to.
    private func openIncident(
        for referral: Referral, referralId: UUID, decision: ThresholdDecision, request: Decision, actor: Identity, now: Date,
        on connection: PostgresConnection
    ) async throws -> UUID {
        var incident = try Incident.opening(from: referral, decision: decision, at: now)
        let id = UUID()
        _ = try await stores.incidents.open(incident, id: id, referralId: referralId, localAuthority: referral.localAuthority, at: now, on: connection)
        try await stores.incidents.addRating(incident.rating, rationale: decision.rationale, to: id, actor: actor, at: now, on: connection)
        try await stores.timeline.append(.rated, referralId: referralId, incidentId: id, at: now, actor: actor,
                                  detail: ["rag": incident.rating.rawValue], on: connection)
        if !request.shareWith.isEmpty {
            try await sharing.ask(request.shareWith, incident: &incident, incidentId: id, referralId: referralId, actor: actor, at: now,
                                  on: connection)
            try await stores.incidents.setOpeningState(incident.state, of: id, on: connection)
        }
        if request.holdStrategyDiscussion {
            try await strategyClock.start(incidentId: id, referralId: referralId, actor: actor, at: now, on: connection)
        }
        return id
    }
}
