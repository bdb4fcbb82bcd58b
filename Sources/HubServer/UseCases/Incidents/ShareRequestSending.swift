import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The step that asks agencies to share about an incident, used when a referral is decided and when more
/// agencies are asked later: each named agency must be active and not yet asked; each gets a request due by the
/// incident's RAG clock (under the calendar policy the partnership chose for that rating, read now), the clock
/// itself and a timeline entry.
struct ShareRequestSending: Sendable {
    let shareRequests: ShareRequestStore
    let clocks: SLAClockStore
    let timeline: TimelineStore
    let policies: CurrentSLAPolicies

    func ask(
        _ codes: [String], incident: inout Incident, incidentId: UUID, referralId: UUID, actor: Identity, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        let unique = Array(Set(codes)).sorted()
        let known = try await shareRequests.activeAgencies(unique, on: connection)
        let unknown = unique.filter { code in !known.contains { $0.code == code } }
        guard unknown.isEmpty else { throw UseCaseError.unknownAgencies(unknown) }
        let already = try await shareRequests.agenciesAlreadyAsked(unique, incidentId: incidentId, on: connection)
        guard already.isEmpty else { throw UseCaseError.alreadyRequested(already.sorted()) }
        try incident.apply(.sendRequests)
        let current = try await policies.read(on: connection)
        for (code, agencyId) in known {
            let clock = current.startClock(for: incident.rating, at: now)
            guard let due = clock.dueDate else { continue }
            let requestId = UUID()
            try await shareRequests.insert(
                id: requestId, incidentId: incidentId, agencyId: agencyId, rating: incident.rating, requestedAt: now, requestedBy: actor,
                dueAt: due, on: connection)
            try await clocks.start(clock, incidentId: incidentId, purpose: .shareRequest, shareRequestId: requestId, on: connection)
            try await timeline.append(.requestsSent, referralId: referralId, incidentId: incidentId, at: now, actor: actor,
                                      detail: ["agency": code, "due": DocumentCoding.instantFormat.format(due)], on: connection)
        }
    }
}
