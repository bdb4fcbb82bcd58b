import Foundation
import HubWorkflow
import PostgresNIO

/// Incidents: the steps of opening one and of each change (lock, rating history, state), and the reads
/// (`IncidentStore+Reads`). The use cases run these inside one transaction with their timeline entries, clocks
/// and audit event.
public struct IncidentStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Opens an incident under `id` for a referral; returns its reference (`I-000123`).
    public func open(
        _ incident: Incident, id: UUID, referralId: UUID, localAuthority: String, at now: Date, on connection: PostgresConnection
    ) async throws -> String {
        let logger = database.logger
        let number = try await connection.query("SELECT nextval('incident_reference_seq')", logger: logger)
            .collect().first!.decode(Int64.self)
        let reference = "I-" + String(format: "%06d", number)
        try await connection.query(
            """
            INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
            VALUES (\(id), \(reference), \(referralId), \(incident.form.rawValue),
                    \(incident.service.rawValue), \(localAuthority), \(incident.rating.rawValue),
                    \(incident.state.rawValue), \(now), \(now))
            """, logger: logger)
        return reference
    }

    /// Adds a rating to the incident's rating history.
    public func addRating(
        _ rating: RAGRating, rationale: String, to incidentId: UUID, actor: Identity, at now: Date, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO incident_ratings (incident_id, rag, rationale, rated_by, rated_at)
            VALUES (\(incidentId), \(rating.rawValue), \(rationale), \(actor.userId), \(now))
            """, logger: database.logger)
    }

    /// Sets the state of an incident being opened (its version stays 1).
    public func setOpeningState(_ state: IncidentState, of incidentId: UUID, on connection: PostgresConnection) async throws {
        try await connection.query("UPDATE incidents SET state = \(state.rawValue) WHERE id = \(incidentId)", logger: database.logger)
    }

    /// An incident locked for a change (`SELECT … FOR UPDATE`).
    public struct Locked: Sendable {
        public let referralId: UUID
        public let incident: Incident
        public let version: Int
    }

    /// Locks the incident row until the transaction ends; nil when there is no such incident.
    public func lockForChange(id: UUID, on connection: PostgresConnection) async throws -> Locked? {
        guard let row = try await connection.query(
            "SELECT referral_id, form, service, rag, state, opened_at, version FROM incidents WHERE id = \(id) FOR UPDATE",
            logger: database.logger
        ).collect().first else { return nil }
        let (referralId, form, service, rag, state, openedAt, version) =
            try row.decode((UUID, ReferralForm, SafeguardingService, RAGRating, IncidentState, Date, Int).self)
        return Locked(
            referralId: referralId,
            incident: Incident(form: form, service: service, rating: rag, state: state, openedAt: openedAt), version: version)
    }

    /// The incident's reference (`I-000123`), as partners and messages name it.
    public func reference(of id: UUID, on connection: PostgresConnection) async throws -> String {
        guard let row = try await connection.query("SELECT reference FROM incidents WHERE id = \(id)", logger: database.logger).collect().first
        else { throw WorkflowStoreError.notFound("incident") }
        return try row.decode(String.self)
    }

    /// Writes a changed incident's rating and state back, bumps its version, and notes when it closed.
    public func save(_ incident: Incident, id: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE incidents SET rag = \(incident.rating.rawValue), state = \(incident.state.rawValue), version = version + 1,
                updated_at = \(now), closed_at = CASE WHEN \(incident.state.rawValue) = 'closed' THEN \(now) ELSE closed_at END
            WHERE id = \(id)
            """, logger: database.logger)
    }

    /// Records what closing the incident recorded, and who closed it (with ``save(_:id:at:on:)`` in the same
    /// transaction, which marks it closed).
    public func recordClosure(_ closure: IncidentClosure, of id: UUID, by actor: Identity, on connection: PostgresConnection) async throws {
        try await connection.query(
            """
            UPDATE incidents SET closure_outcome = \(closure.outcome?.rawValue), closure_reason = \(closure.reason),
                adult_risk_at_closure = \(closure.adultRisk?.rawValue), closed_by = \(actor.userId)
            WHERE id = \(id)
            """, logger: database.logger)
    }
}
