import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// The frame of every change to an incident: one transaction that locks the incident, checks the caller's
/// version (`If-Match`), lets the change apply the domain rules and write its rows, then saves the incident's
/// rating and state with a new version and records the audit event.
struct IncidentChange: Sendable {
    let database: Database
    let incidents: IncidentStore
    let audit: AuditTrail

    func run<Result: Sendable>(
        incidentId: UUID, expectedVersion: Int, at now: Date, audit event: AuditEvent,
        _ change: sending @escaping (inout Incident, _ referralId: UUID, PostgresConnection) async throws -> Result
    ) async throws -> Result {
        try await database.transaction { connection in
            guard let locked = try await incidents.lockForChange(id: incidentId, on: connection) else {
                throw UseCaseError.notFound("The incident")
            }
            guard locked.version == expectedVersion else { throw UseCaseError.staleVersion(current: locked.version) }
            var incident = locked.incident
            let result = try await change(&incident, locked.referralId, connection)
            try await incidents.save(incident, id: incidentId, at: now, on: connection)
            try await audit.record(event, on: connection)
            return result
        }
    }
}
