import Foundation
import HubWorkflow
import PostgresNIO

/// What a partner agency sees of a share request: the request, and only what the sharing needs of the
/// referral (the subjects' identifying details and the concern's categories), never the referrer or summary.
public struct PartnerShareRequest: Sendable, Codable, Hashable {
    public let id: UUID
    public let incidentReference: String
    public let rating: RAGRating
    public let agency: String
    public let request: ShareRequest
    public let subjects: [SharedSubject]
    public let concernCategories: [ConcernCategory]

    public struct SharedSubject: Sendable, Codable, Hashable {
        public let role: SubjectRole
        public let forename: String
        public let surname: String
        public let aliases: [String]
        public let dateOfBirth: CalendarDate?
        public let nhsNumber: NHSNumber?
        public let addressLines: [String]
        public let town: String?
        public let postcode: UKPostcode?
    }
}

/// Share requests: a partner's list, answers and chasers.
public struct ShareRequestStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Requests addressed to one agency (a partner's inbox), or to all agencies when `agencyId` is nil.
    public func list(agencyId: UUID?, state: ShareRequestState?, limit: Int) async throws -> [PartnerShareRequest] {
        let rows = try await database.query(
            """
            SELECT s.id FROM share_requests s
            WHERE (\(agencyId)::uuid IS NULL OR s.agency_id = \(agencyId))
              AND (\(state?.rawValue)::text IS NULL OR s.state = \(state?.rawValue))
            ORDER BY s.due_at, s.id LIMIT \(limit)
            """)
        var result: [PartnerShareRequest] = []
        for row in rows {
            if let request = try await find(id: try row.decode(UUID.self)) { result.append(request) }
        }
        return result
    }

    /// One request with the shared part of its referral; `agencyId` is the owning agency, for access checks.
    public func find(id: UUID) async throws -> PartnerShareRequest? {
        try await database.withConnection { connection in
            guard let row = try await connection.query(
                """
                SELECT s.incident_id, i.reference, i.rag, a.code, r.document::text
                FROM share_requests s JOIN incidents i ON i.id = s.incident_id JOIN agencies a ON a.id = s.agency_id
                JOIN referrals r ON r.id = i.referral_id
                WHERE s.id = \(id)
                """, logger: database.logger
            ).collect().first else { return nil }
            let (incidentId, reference, rag, agency, document) = try row.decode((UUID, String, String, String, String).self)
            guard let stored = try await forIncident(incidentId, on: connection).first(where: { $0.id == id }) else { return nil }
            let referral = try DocumentCoding.decode(Referral.self, from: document)
            return PartnerShareRequest(
                id: id, incidentReference: reference, rating: RAGRating(rawValue: rag) ?? .amber, agency: agency, request: stored.request,
                subjects: referral.subjects.map {
                    .init(role: $0.role, forename: $0.forename, surname: $0.surname, aliases: $0.aliases, dateOfBirth: $0.dateOfBirth,
                          nhsNumber: $0.nhsNumber, addressLines: $0.addressLines, town: $0.town, postcode: $0.postcode)
                },
                concernCategories: referral.concern.categories)
        }
    }

    /// The agency a request is addressed to.
    public func agencyId(of id: UUID) async throws -> UUID? {
        try await database.query("SELECT agency_id FROM share_requests WHERE id = \(id)").first?.decode(UUID.self)
    }

    func forIncident(_ incidentId: UUID, on connection: PostgresConnection) async throws -> [StoredShareRequest] {
        try await connection.query(
            """
            SELECT s.id, a.code, s.requested_at, s.due_at, s.state, s.response_kind, s.information, s.decline_reason,
                   u.username, s.answered_at, s.answered_on_time, s.chase_count, s.last_chased_at,
                   EXISTS (SELECT 1 FROM sla_clocks c WHERE c.share_request_id = s.id AND (c.breached_at IS NOT NULL OR c.outcome = 'breached'))
            FROM share_requests s JOIN agencies a ON a.id = s.agency_id LEFT JOIN users u ON u.id = s.answered_by
            WHERE s.incident_id = \(incidentId) ORDER BY a.code
            """, logger: database.logger
        ).collect().map { row in
            let (id, agency, requestedAt, dueAt, state, kind, information, reason, answeredBy, answeredAt, onTime, chases, lastChased, breached) =
                try row.decode((UUID, String, Date, Date, String, String?, String?, String?, String?, Date?, Bool?, Int, Date?, Bool).self)
            let response = kind.flatMap(ShareResponseKind.init(rawValue:)).map { ShareResponse(kind: $0, information: information, reason: reason) }
            return StoredShareRequest(
                id: id, incidentId: incidentId, agency: agency,
                request: ShareRequest(
                    agency: agency, requestedAt: requestedAt, dueAt: dueAt, state: ShareRequestState(rawValue: state) ?? .requested,
                    response: response, answeredAt: answeredAt, chaseCount: chases, lastChasedAt: lastChased),
                answeredBy: answeredBy, answeredOnTime: onTime, breached: breached)
        }
    }

    /// Records a partner's answer, stops its clock, and notes whether it met it.
    public func respond(id: UUID, response: ShareResponse, actor: Identity, now: Date, audit: AuditEvent) async throws -> Bool {
        let logger = database.logger
        return try await database.transaction { connection in
            guard let row = try await connection.query(
                """
                SELECT s.incident_id, i.referral_id, a.code, s.requested_at, s.due_at, s.state, s.chase_count, s.last_chased_at, s.agency_id
                FROM share_requests s JOIN incidents i ON i.id = s.incident_id JOIN agencies a ON a.id = s.agency_id
                WHERE s.id = \(id) FOR UPDATE OF s
                """, logger: logger
            ).collect().first else { throw WorkflowStoreError.notFound("share request") }
            let (incidentId, referralId, agency, requestedAt, dueAt, state, chases, lastChased, agencyId) =
                try row.decode((UUID, UUID, String, Date, Date, String, Int, Date?, UUID).self)
            if actor.role == .partnerResponder && agencyId != actor.agencyId { throw WorkflowStoreError.notYourAgency }
            var request = ShareRequest(agency: agency, requestedAt: requestedAt, dueAt: dueAt,
                                       state: ShareRequestState(rawValue: state) ?? .requested, response: nil, answeredAt: nil,
                                       chaseCount: chases, lastChasedAt: lastChased)
            try request.answer(response, at: now)
            var onTime = now <= dueAt
            if let clockId = try await SLAClockStore(database: database).clockId(on: connection, shareRequestId: id),
               let outcome = try await SLAClockStore(database: database).stop(on: connection, clockId: clockId, at: now) {
                onTime = outcome == .met
            }
            try await connection.query(
                """
                UPDATE share_requests SET state = 'answered', response_kind = \(response.kind.rawValue), information = \(response.information),
                    decline_reason = \(response.reason), answered_by = \(actor.userId), answered_at = \(now), answered_on_time = \(onTime)
                WHERE id = \(id)
                """, logger: logger)
            try await TimelineStore(database: database).append(
                on: connection, referralId: referralId, incidentId: incidentId, kind: .answered, at: now, actor: actor,
                detail: ["agency": agency, "response": response.kind.rawValue, "onTime": onTime ? "yes" : "no"])
            try await connection.query(AuditTrail.insert(audit), logger: logger)
            return onTime
        }
    }

    /// Chases an unanswered request (recorded on the timeline and as an outbox message to the agency).
    public func chase(id: UUID, actor: Identity, now: Date, audit: AuditEvent) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            guard let row = try await connection.query(
                """
                SELECT s.incident_id, i.referral_id, i.reference, a.code, s.requested_at, s.due_at, s.state, s.chase_count, s.last_chased_at
                FROM share_requests s JOIN incidents i ON i.id = s.incident_id JOIN agencies a ON a.id = s.agency_id
                WHERE s.id = \(id) FOR UPDATE OF s
                """, logger: logger
            ).collect().first else { throw WorkflowStoreError.notFound("share request") }
            let (incidentId, referralId, reference, agency, requestedAt, dueAt, state, chases, lastChased) =
                try row.decode((UUID, UUID, String, String, Date, Date, String, Int, Date?).self)
            var request = ShareRequest(agency: agency, requestedAt: requestedAt, dueAt: dueAt,
                                       state: ShareRequestState(rawValue: state) ?? .requested, response: nil, answeredAt: nil,
                                       chaseCount: chases, lastChasedAt: lastChased)
            try request.chase(at: now)
            try await connection.query(
                "UPDATE share_requests SET chase_count = \(request.chaseCount), last_chased_at = \(now) WHERE id = \(id)", logger: logger)
            try await TimelineStore(database: database).append(
                on: connection, referralId: referralId, incidentId: incidentId, kind: .chased, at: now, actor: actor,
                detail: ["agency": agency, "chase": "\(request.chaseCount)"])
            try await OutboxStore(database: database).enqueue(
                on: connection, topic: "share_request.chased", dedupeKey: "share_request.chased:\(id.uuidString.lowercased()):\(request.chaseCount)",
                payload: ["event": "share_request.chased", "incident": reference, "agency": agency,
                          "due": DocumentCoding.instantFormat.format(dueAt)], at: now)
            try await connection.query(AuditTrail.insert(audit), logger: logger)
        }
    }
}
