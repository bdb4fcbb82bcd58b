import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The step that closes an incident, inside its change's transaction: records what closing recorded (the closure),
/// withdraws every share request still unanswered (the partner sees it withdrawn and can no longer answer it; it
/// gets a timeline entry and an outbox message), and stops every clock still running as withdrawn (or breached when
/// already past due), so nothing of a closed incident runs on into a breach.
struct IncidentClosing: Sendable {
    let incidents: IncidentStore
    let shareRequests: ShareRequestStore
    let clocks: SLAClockStore
    let timeline: TimelineStore
    let outbox: OutboxStore

    func close(
        _ incident: inout Incident, with closure: IncidentClosure, incidentId: UUID, referralId: UUID, actor: Identity, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        let recorded = try incident.close(closure)
        try await incidents.recordClosure(recorded, of: incidentId, by: actor, on: connection)
        let reference = try await incidents.reference(of: incidentId, on: connection)
        for (id, unanswered) in try await shareRequests.lockUnanswered(ofIncident: incidentId, on: connection) {
            var request = unanswered
            try request.withdraw(at: now)
            try await shareRequests.recordWithdrawal(of: id, at: now, on: connection)
            try await timeline.append(.withdrawn, referralId: referralId, incidentId: incidentId, at: now, actor: actor,
                                      detail: ["agency": request.agency], on: connection)
            try await outbox.enqueue(
                topic: "share_request.withdrawn", dedupeKey: "share_request.withdrawn:\(id.lowercased)",
                payload: ["event": "share_request.withdrawn", "incident": reference, "agency": request.agency,
                          "withdrawn": DocumentCoding.instantFormat.format(now)], at: now, on: connection)
        }
        try await clocks.withdrawRunningClocks(ofIncident: incidentId, at: now, on: connection)
        var detail: [String: String] = [:]
        if let outcome = recorded.outcome { detail["closureOutcome"] = outcome.rawValue }
        if let risk = recorded.adultRisk { detail["adultRisk"] = risk.rawValue }
        try await timeline.append(.closed, referralId: referralId, incidentId: incidentId, at: now, actor: actor, detail: detail, on: connection)
    }
}
