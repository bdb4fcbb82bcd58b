import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The step that starts an incident's strategy discussion clock (once: a running clock is left as it is), with
/// its timeline entry. The clock counts under the calendar policy the partnership chose for it, read now.
struct StrategyDiscussionClockStart: Sendable {
    let clocks: SLAClockStore
    let timeline: TimelineStore
    let policies: CurrentSLAPolicies

    func start(incidentId: UUID, referralId: UUID, actor: Identity, at now: Date, on connection: PostgresConnection) async throws {
        guard try await clocks.runningStrategyClock(of: incidentId, on: connection) == nil else { return }
        let clock = try await policies.read(on: connection).startStrategyDiscussionClock(decidedAt: now)
        try await clocks.start(clock, incidentId: incidentId, purpose: .strategyDiscussion, shareRequestId: nil, on: connection)
        try await timeline.append(kindName: "strategy_discussion_decided", referralId: referralId, incidentId: incidentId, at: now,
                                  actor: actor, detail: ["due": clock.dueDate.map(DocumentCoding.instantFormat.format) ?? ""],
                                  on: connection)
    }
}
