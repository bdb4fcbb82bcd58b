import Foundation
import HubData
import HubWorkflow

/// A MASH user changes an incident: re-rates it with a rationale (the running share-request clocks take the new
/// target and the calendar policy the partnership chose for the new rating, keeping the time already counted),
/// decides to hold a strategy discussion (its clock starts), or closes it (``IncidentClosing``: what closing records,
/// and every unanswered share request and running clock withdrawn).
public struct ChangeIncident: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let change: IncidentChange
    let strategyClock: StrategyDiscussionClockStart
    let closing: IncidentClosing
    let policies: CurrentSLAPolicies
    let recorder: AuditRecorder
    let clock: any WallClock

    /// What the change asks for (any of them, at least one).
    public struct Request: Sendable {
        public var reRating: ReRating?
        public var holdStrategyDiscussion = false
        /// Close the incident, recording this.
        public var closure: IncidentClosure?

        public init(reRating: ReRating? = nil, holdStrategyDiscussion: Bool = false, closure: IncidentClosure? = nil) {
            self.reRating = reRating
            self.holdStrategyDiscussion = holdStrategyDiscussion
            self.closure = closure
        }
    }

    public func callAsFunction(
        _ request: Request, incidentId: UUID, expectedVersion: Int, by caller: Caller
    ) async throws -> StoredIncident {
        let actor = try authorize(caller)
        let now = clock.now()
        var detail = ["rag": request.reRating?.rating.rawValue ?? "", "state": request.closure != nil ? "closed" : ""]
        if let closure = request.closure {
            detail["closureOutcome"] = closure.outcome?.rawValue
            detail["adultRisk"] = closure.adultRisk?.rawValue
        }
        let event = recorder.event(caller, action: "incident.update", objectType: "incident", objectId: incidentId.lowercased, detail: detail)
        try await change.run(incidentId: incidentId, expectedVersion: expectedVersion, at: now, audit: event) { incident, referralId, connection in
            if let reRating = request.reRating {
                let previous = incident.rating
                try incident.reRate(reRating)
                try await stores.incidents.addRating(reRating.rating, rationale: reRating.rationale, to: incidentId, actor: actor, at: now,
                                              on: connection)
                let target = try await policies.read(on: connection).target(for: reRating.rating)
                try await stores.clocks.retargetShareRequestClocks(of: incidentId, to: target, at: now, on: connection)
                try await stores.timeline.append(.reRated, referralId: referralId, incidentId: incidentId, at: now, actor: actor,
                                          detail: ["from": previous.rawValue, "to": reRating.rating.rawValue], on: connection)
            }
            if request.holdStrategyDiscussion {
                _ = try incident.state.applying(.discuss)  // refused once closed
                try await strategyClock.start(incidentId: incidentId, referralId: referralId, actor: actor, at: now, on: connection)
            }
            if let closure = request.closure {
                try await closing.close(&incident, with: closure, incidentId: incidentId, referralId: referralId, actor: actor, at: now,
                                        on: connection)
            }
        }
        return try await stores.incidents.require(incidentId)
    }
}
