import Foundation
import HubData
import HubWorkflow

/// A MASH user records a strategy discussion (attendees, information considered, decisions, the outcome from the
/// service's list, actions): it stops the strategy clock and moves the incident on. An outcome of `marac_referral`
/// raises the victim's MARAC referral from the incident's referral, or links the incident to the one already made,
/// in the same transaction (``MARACReferralFromOutcome``).
public struct RecordStrategyDiscussion: UseCase {
    public static let access = AccessRule.permission(.writeReferrals)

    let stores: Stores
    let change: IncidentChange
    let maracReferral: MARACReferralFromOutcome
    let recorder: AuditRecorder
    let clock: any WallClock

    public func callAsFunction(
        _ discussion: StrategyDiscussion, incidentId: UUID, expectedVersion: Int, by caller: Caller
    ) async throws -> StoredIncident {
        let actor = try authorize(caller)
        try Self.checkAgencies(of: discussion, against: Set(try await stores.agencies.all().filter(\.active).map(\.code)))
        let now = clock.now()
        let event = recorder.event(caller, action: "incident.discuss", objectType: "incident", objectId: incidentId.lowercased,
                                   detail: ["kind": discussion.kind.rawValue, "outcome": discussion.outcome?.rawValue ?? "none"])
        let discussionId = UUID()
        try await change.run(incidentId: incidentId, expectedVersion: expectedVersion, at: now, audit: event) { incident, referralId, connection in
            let discussion = try discussion.validated(for: incident, now: now)
            try incident.apply(.discuss)
            if discussion.outcome != nil { try incident.apply(.recordOutcome) }
            try await stores.discussions.insert(discussion, id: discussionId, incidentId: incidentId, actor: actor, at: now, on: connection)
            if let clockId = try await stores.clocks.runningStrategyClock(of: incidentId, on: connection) {
                try await stores.clocks.stop(clockId: clockId, at: max(now, discussion.heldAt), on: connection)
            }
            try await stores.timeline.append(.discussed, referralId: referralId, incidentId: incidentId, at: now, actor: actor,
                                      detail: ["kind": discussion.kind.rawValue], on: connection)
            if let outcome = discussion.outcome {
                try await stores.timeline.append(.outcome, referralId: referralId, incidentId: incidentId, at: now, actor: actor,
                                          detail: ["outcome": outcome.rawValue], on: connection)
            }
            if discussion.outcome == .maracReferral {
                try await maracReferral.link(
                    incidentId: incidentId, originReferralId: referralId, discussion: discussion, discussionId: discussionId, caller: caller,
                    actor: actor, at: now, on: connection)
            }
        }
        return try await stores.incidents.require(incidentId)
    }

    /// Every agency the discussion names (its chair's, its attendees', its actions' owners) is one of the
    /// partnership's active agencies; a code none has is refused naming its field.
    static func checkAgencies(of discussion: StrategyDiscussion, against codes: Set<String>) throws {
        var issues: [ValidationIssue] = []
        func check(_ code: String, _ field: String) {
            if !code.isEmpty && !codes.contains(code) { issues.append(.init(field: field, message: "is not an agency of the partnership")) }
        }
        check(discussion.chair.agency, "chair.agency")
        for (index, attendee) in discussion.attendees.enumerated() { check(attendee.agency, "attendees[\(index)].agency") }
        for (index, action) in discussion.actions.enumerated() { check(action.ownerAgency, "actions[\(index)].ownerAgency") }
        guard issues.isEmpty else { throw ValidationFailure(issues) }
    }
}
