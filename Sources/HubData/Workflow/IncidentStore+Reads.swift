import Foundation
import HubWorkflow
import PostgresNIO

extension IncidentStore {
    public func find(id: UUID) async throws -> StoredIncident? {
        let logger = database.logger
        return try await database.withConnection { connection in
            guard let row = try await connection.query(
                """
                SELECT i.reference, i.referral_id, r.reference, i.form, i.service, i.rag, i.state, i.opened_at, i.local_authority,
                       i.version, i.closed_at,
                       EXISTS (SELECT 1 FROM sla_clocks c WHERE c.incident_id = i.id AND (c.breached_at IS NOT NULL OR c.outcome = 'breached')),
                       (SELECT min(c.due_at) FROM sla_clocks c WHERE c.incident_id = i.id AND c.purpose = 'strategy_discussion'),
                       (SELECT c.record->>'policyIdentifier' FROM sla_clocks c
                        WHERE c.incident_id = i.id AND c.purpose = 'strategy_discussion' AND c.outcome IS NULL
                        ORDER BY c.started_at DESC, c.id LIMIT 1)
                FROM incidents i JOIN referrals r ON r.id = i.referral_id WHERE i.id = \(id)
                """, logger: logger
            ).collect().first else { return nil }
            let (reference, referralId, referralReference, form, service, rag, state, openedAt, localAuthority, version, closedAt, breached, strategyDue,
                 strategyPolicy) =
                try row.decode((String, UUID, String, ReferralForm, SafeguardingService, RAGRating, IncidentState, Date, String, Int, Date?, Bool, Date?,
                                String?).self)
            let closure = closedAt == nil ? nil : try await self.closure(of: id, on: connection)
            let ratings = try await connection.query(
                """
                SELECT r.rag, r.rationale, u.username, r.rated_at FROM incident_ratings r JOIN users u ON u.id = r.rated_by
                WHERE r.incident_id = \(id) ORDER BY r.id
                """, logger: logger
            ).collect().map { row in
                let (rag, rationale, by, at) = try row.decode((RAGRating, String, String, Date).self)
                return StoredIncident.RatingEntry(rating: rag, rationale: rationale, ratedBy: by, ratedAt: at)
            }
            let discussions = try await connection.query(
                """
                SELECT d.id, d.document::text, u.username, d.recorded_at FROM strategy_discussions d JOIN users u ON u.id = d.recorded_by
                WHERE d.incident_id = \(id) ORDER BY d.held_at, d.id
                """, logger: logger
            ).collect().map { row in
                let (discussionId, document, by, at) = try row.decode((UUID, String, String, Date).self)
                return StoredStrategyDiscussion(
                    id: discussionId, discussion: try DocumentCoding.decode(StrategyDiscussion.self, from: document), recordedBy: by, recordedAt: at)
            }
            return StoredIncident(
                id: id, reference: reference, referralId: referralId, referralReference: referralReference,
                incident: Incident(form: form, service: service, rating: rag, state: state, openedAt: openedAt),
                localAuthority: localAuthority, version: version, closedAt: closedAt, ratings: ratings,
                shareRequests: try await ShareRequestStore(database: database).requests(ofIncident: id, on: connection),
                strategyDiscussions: discussions,
                actions: try await StrategyActionStore(database: database).actions(ofIncident: id, on: connection),
                strategyDiscussionDueAt: strategyDue, strategyDiscussionClockPolicy: strategyPolicy,
                breached: breached,
                closure: closure,
                maracReferral: try await MARACReferralLinkStore(database: database).link(ofIncident: id, on: connection))
        }
    }

    /// What closing a closed incident recorded, and who closed it (absent for incidents closed before it was kept).
    func closure(of id: UUID, on connection: PostgresConnection) async throws -> StoredIncident.Closure? {
        guard let row = try await connection.query(
            """
            SELECT i.closure_outcome, i.closure_reason, i.adult_risk_at_closure, u.username
            FROM incidents i LEFT JOIN users u ON u.id = i.closed_by WHERE i.id = \(id)
            """, logger: database.logger
        ).collect().first else { return nil }
        let (outcome, reason, adultRisk, closedBy) = try row.decode((ClosureOutcome?, String?, AdultRiskAtClosure?, String?).self)
        return StoredIncident.Closure(closure: IncidentClosure(outcome: outcome, reason: reason, adultRisk: adultRisk), closedBy: closedBy)
    }

    public func version(of id: UUID) async throws -> Int? {
        try await database.query("SELECT version FROM incidents WHERE id = \(id)").first?.decode(Int.self)
    }

    /// The MASH board: incidents by rating and state, optionally only those with a breached clock.
    public func list(rating: RAGRating?, state: IncidentState?, breached: Bool?, limit: Int) async throws -> [IncidentSummary] {
        try await database.query(
            """
            SELECT i.id, i.reference, r.reference, i.form, i.service, i.rag, i.state, i.opened_at, i.version,
                   (SELECT min(c.due_at) FROM sla_clocks c WHERE c.incident_id = i.id AND c.outcome IS NULL),
                   EXISTS (SELECT 1 FROM sla_clocks c WHERE c.incident_id = i.id AND (c.breached_at IS NOT NULL OR c.outcome = 'breached'))
            FROM incidents i JOIN referrals r ON r.id = i.referral_id
            WHERE (\(rating?.rawValue)::text IS NULL OR i.rag = \(rating?.rawValue))
              AND (\(state?.rawValue)::text IS NULL OR i.state = \(state?.rawValue))
              AND (\(breached)::boolean IS NULL OR \(breached) = EXISTS (
                    SELECT 1 FROM sla_clocks c WHERE c.incident_id = i.id AND (c.breached_at IS NOT NULL OR c.outcome = 'breached')))
            ORDER BY i.opened_at DESC, i.id DESC
            LIMIT \(limit)
            """
        ).map { row in
            let (id, reference, referralReference, form, service, rag, state, openedAt, version, nextDue, breached) =
                try row.decode((UUID, String, String, ReferralForm, SafeguardingService, RAGRating, IncidentState, Date, Int, Date?, Bool).self)
            return IncidentSummary(
                id: id, reference: reference, referralReference: referralReference, form: form, service: service, rating: rag,
                state: state, openedAt: openedAt, nextDueAt: nextDue, breached: breached, version: version)
        }
    }

    public func referralId(ofIncident id: UUID) async throws -> UUID? {
        try await database.query("SELECT referral_id FROM incidents WHERE id = \(id)").first?.decode(UUID.self)
    }
}
