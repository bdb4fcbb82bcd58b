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
    /// The calendar policy the request's SLA clock counts under (`continuous`, `working-week`, …).
    public let clockPolicy: String?
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

/// Share requests: a partner's inbox, the MASH's view, and the steps of asking, answering and chasing.
public struct ShareRequestStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Requests addressed to one agency (a partner's inbox), or to all agencies when `agencyId` is nil: those waiting
    /// for an answer first, soonest due first; then the answered and withdrawn, most recent first. One query.
    public func list(agencyId: UUID?, state: ShareRequestState?, limit: Int) async throws -> [PartnerShareRequest] {
        try await partnerRequests(id: nil, agencyId: agencyId, state: state, limit: limit)
    }

    /// One request with the shared part of its referral (access is checked by the caller).
    public func find(id: UUID) async throws -> PartnerShareRequest? {
        try await partnerRequests(id: id, agencyId: nil, state: nil, limit: 1).first
    }

    /// The page is chosen from `share_requests` alone (its ids, in the list's order) before anything is joined to it,
    /// so each referral document read is one shown, however many requests the agency has had.
    private func partnerRequests(id: UUID?, agencyId: UUID?, state: ShareRequestState?, limit: Int) async throws -> [PartnerShareRequest] {
        try await database.query(
            """
            WITH page AS (
                SELECT s.id, s.state <> 'requested' AS settled, CASE WHEN s.state = 'requested' THEN s.due_at END AS due,
                       coalesce(s.answered_at, s.withdrawn_at) AS settled_at
                FROM share_requests s
                WHERE (\(id)::uuid IS NULL OR s.id = \(id))
                  AND (\(agencyId)::uuid IS NULL OR s.agency_id = \(agencyId))
                  AND (\(state?.rawValue)::text IS NULL OR s.state = \(state?.rawValue))
                ORDER BY settled, due, settled_at DESC, s.id
                LIMIT \(limit)
            )
            SELECT s.id, i.reference, i.rag, a.code, s.requested_at, s.due_at, s.state, s.response_kind, s.information, s.decline_reason,
                   s.answered_at, s.chase_count, s.last_chased_at, s.withdrawn_at,
                   (SELECT c.record->>'policyIdentifier' FROM sla_clocks c WHERE c.share_request_id = s.id), r.document::text,
                   s.on_behalf_channel, s.on_behalf_contact, s.on_behalf_recorded_at, u.username, u.display_name, ua.code
            FROM page p JOIN share_requests s ON s.id = p.id JOIN incidents i ON i.id = s.incident_id
            JOIN agencies a ON a.id = s.agency_id JOIN referrals r ON r.id = i.referral_id
            LEFT JOIN users u ON u.id = s.answered_by AND s.on_behalf_channel IS NOT NULL LEFT JOIN agencies ua ON ua.id = u.agency_id
            ORDER BY p.settled, p.due, p.settled_at DESC, p.id
            """
        ).map(Self.partnerRequest)
    }

    /// A row of ``list(agencyId:state:limit:)`` or ``find(id:)``: the request, and of its referral only what the
    /// sharing needs.
    static func partnerRequest(_ row: PostgresRow) throws -> PartnerShareRequest {
        let cells = row.makeRandomAccess()
        let agency = try cells[3].decode(String.self)
        let kind = try cells[7].decode(ShareResponseKind?.self)
        let request = ShareRequest(
            agency: agency, requestedAt: try cells[4].decode(Date.self), dueAt: try cells[5].decode(Date.self),
            state: try cells[6].decode(ShareRequestState.self),
            response: try kind.map { ShareResponse(kind: $0, information: try cells[8].decode(String?.self), reason: try cells[9].decode(String?.self)) },
            answeredAt: try cells[10].decode(Date?.self), chaseCount: try cells[11].decode(Int.self), lastChasedAt: try cells[12].decode(Date?.self),
            withdrawnAt: try cells[13].decode(Date?.self),
            recordedOnBehalf: try onBehalf(
                channel: cells[16].decode(AnswerChannel?.self), contact: cells[17].decode(String?.self), recordedAt: cells[18].decode(Date?.self),
                recorder: cells[19].decode(String?.self), recorderName: cells[20].decode(String?.self), recorderAgency: cells[21].decode(String?.self),
                receivedAt: cells[10].decode(Date?.self)))
        let referral = try DocumentCoding.decode(Referral.self, from: try cells[15].decode(String.self))
        return PartnerShareRequest(
            id: try cells[0].decode(UUID.self), incidentReference: try cells[1].decode(String.self), rating: try cells[2].decode(RAGRating.self),
            agency: agency, request: request, clockPolicy: try cells[14].decode(String?.self),
            subjects: referral.subjects.map {
                .init(role: $0.role, forename: $0.forename, surname: $0.surname, aliases: $0.aliases, dateOfBirth: $0.dateOfBirth,
                      nhsNumber: $0.nhsNumber, addressLines: $0.addressLines, town: $0.town, postcode: $0.postcode)
            },
            concernCategories: referral.concern.categories)
    }

    /// The on-behalf columns of one row as ``RecordedOnBehalf``: nil when the agency answered itself (no channel);
    /// a decoding error when the row holds half of them (the CHECKs of migration 044 forbid it).
    static func onBehalf(
        channel: AnswerChannel?, contact: String?, recordedAt: Date?, recorder: String?, recorderName: String?, recorderAgency: String?,
        receivedAt: Date?
    ) throws -> RecordedOnBehalf? {
        guard let channel else { return nil }
        guard let contact, let recordedAt, let recorder, let recorderName, let recorderAgency, let receivedAt else {
            throw UnknownStoredValue(type: "RecordedOnBehalf", value: "incomplete")
        }
        return RecordedOnBehalf(recordedBy: recorder, recordedByName: recorderName, recordedByAgency: recorderAgency, channel: channel,
                                contactName: contact, receivedAt: receivedAt, recordedAt: recordedAt)
    }

    /// The agency a request is addressed to.
    public func agencyId(of id: UUID) async throws -> UUID? {
        try await database.query("SELECT agency_id FROM share_requests WHERE id = \(id)").first?.decode(UUID.self)
    }

    /// An incident's requests, by agency code.
    func requests(ofIncident incidentId: UUID, on connection: PostgresConnection) async throws -> [StoredShareRequest] {
        try await connection.query(
            """
            SELECT s.id, a.code, s.requested_at, s.due_at, s.state, s.response_kind, s.information, s.decline_reason,
                   u.username, s.answered_at, s.answered_on_time, s.chase_count, s.last_chased_at, s.withdrawn_at,
                   EXISTS (SELECT 1 FROM sla_clocks c WHERE c.share_request_id = s.id AND (c.breached_at IS NOT NULL OR c.outcome = 'breached')),
                   (SELECT c.record->>'policyIdentifier' FROM sla_clocks c WHERE c.share_request_id = s.id),
                   s.on_behalf_channel, s.on_behalf_contact, s.on_behalf_recorded_at, u.display_name, ua.code
            FROM share_requests s JOIN agencies a ON a.id = s.agency_id LEFT JOIN users u ON u.id = s.answered_by
            LEFT JOIN agencies ua ON ua.id = u.agency_id
            WHERE s.incident_id = \(incidentId) ORDER BY a.code
            """, logger: database.logger
        ).collect().map { row in
            let (id, agency, requestedAt, dueAt, state, kind, information, reason, answeredBy, answeredAt, onTime, chases, lastChased, withdrawnAt,
                 breached) =
                try row.decode((UUID, String, Date, Date, ShareRequestState, ShareResponseKind?, String?, String?, String?, Date?, Bool?, Int, Date?, Date?,
                                Bool).self)
            let cells = row.makeRandomAccess()
            let clockPolicy = try cells[15].decode(String?.self)
            let response = kind.map { ShareResponse(kind: $0, information: information, reason: reason) }
            let onBehalf = try Self.onBehalf(
                channel: cells[16].decode(AnswerChannel?.self), contact: cells[17].decode(String?.self), recordedAt: cells[18].decode(Date?.self),
                recorder: answeredBy, recorderName: cells[19].decode(String?.self), recorderAgency: cells[20].decode(String?.self),
                receivedAt: answeredAt)
            return StoredShareRequest(
                id: id, incidentId: incidentId, agency: agency,
                request: ShareRequest(
                    agency: agency, requestedAt: requestedAt, dueAt: dueAt, state: state,
                    response: response, answeredAt: answeredAt, chaseCount: chases, lastChasedAt: lastChased, withdrawnAt: withdrawnAt,
                    recordedOnBehalf: onBehalf),
                answeredBy: answeredBy, answeredOnTime: onTime, breached: breached, clockPolicy: clockPolicy)
        }
    }

    // MARK: asking

    /// The active agencies among `codes`, with their ids.
    public func activeAgencies(_ codes: [String], on connection: PostgresConnection) async throws -> [(code: String, id: UUID)] {
        try await connection.query(
            "SELECT code, id FROM agencies WHERE code = ANY(\(codes)) AND active", logger: database.logger
        ).collect().map { try $0.decode((String, UUID).self) }
    }

    /// Which of `codes` the incident has already asked.
    public func agenciesAlreadyAsked(_ codes: [String], incidentId: UUID, on connection: PostgresConnection) async throws -> [String] {
        try await connection.query(
            """
            SELECT a.code FROM share_requests s JOIN agencies a ON a.id = s.agency_id
            WHERE s.incident_id = \(incidentId) AND a.code = ANY(\(codes))
            """, logger: database.logger
        ).collect().map { try $0.decode(String.self) }
    }

    /// Records a new request to an agency, due at `dueAt`.
    public func insert(
        id: UUID, incidentId: UUID, agencyId: UUID, rating: RAGRating, requestedAt: Date, requestedBy: Identity, dueAt: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO share_requests (id, incident_id, agency_id, requested_at, requested_by, due_at, state, rag)
            VALUES (\(id), \(incidentId), \(agencyId), \(requestedAt), \(requestedBy.userId), \(dueAt), 'requested', \(rating.rawValue))
            """, logger: database.logger)
    }

    // MARK: answering and chasing

    /// A request locked for an answer or a chaser (`SELECT … FOR UPDATE`).
    public struct Locked: Sendable {
        public let incidentId: UUID
        public let referralId: UUID
        public let incidentReference: String
        public let agencyId: UUID
        public let request: ShareRequest
    }

    /// Locks the request row until the transaction ends; nil when there is no such request.
    public func lockForChange(id: UUID, on connection: PostgresConnection) async throws -> Locked? {
        guard let row = try await connection.query(
            """
            SELECT s.incident_id, i.referral_id, i.reference, a.code, s.agency_id, s.requested_at, s.due_at, s.state, s.chase_count,
                   s.last_chased_at
            FROM share_requests s JOIN incidents i ON i.id = s.incident_id JOIN agencies a ON a.id = s.agency_id
            WHERE s.id = \(id) FOR UPDATE OF s
            """, logger: database.logger
        ).collect().first else { return nil }
        let (incidentId, referralId, reference, agency, agencyId, requestedAt, dueAt, state, chases, lastChased) =
            try row.decode((UUID, UUID, String, String, UUID, Date, Date, ShareRequestState, Int, Date?).self)
        return Locked(
            incidentId: incidentId, referralId: referralId, incidentReference: reference, agencyId: agencyId,
            request: ShareRequest(agency: agency, requestedAt: requestedAt, dueAt: dueAt, state: state, response: nil, answeredAt: nil,
                                  chaseCount: chases, lastChasedAt: lastChased))
    }

    /// Records an agency's answer and whether it met its clock.
    public func recordAnswer(
        _ response: ShareResponse, to id: UUID, actor: Identity, at now: Date, onTime: Bool, on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            UPDATE share_requests SET state = 'answered', response_kind = \(response.kind.rawValue), information = \(response.information),
                decline_reason = \(response.reason), answered_by = \(actor.userId), answered_at = \(now), answered_on_time = \(onTime)
            WHERE id = \(id)
            """, logger: database.logger)
    }

    /// Records an answer MASH staff took from the agency by another channel: answered by the recorder, at the time it
    /// was received (`request.answeredAt`), with how it came, who gave it and when it was recorded.
    public func recordAnswer(
        onBehalf request: ShareRequest, to id: UUID, recorder: Identity, onTime: Bool, on connection: PostgresConnection
    ) async throws {
        guard let response = request.response, let answeredAt = request.answeredAt, let onBehalf = request.recordedOnBehalf else {
            preconditionFailure("recordAnswer(onBehalf:) takes a request answered on behalf")
        }
        try await connection.query(
            """
            UPDATE share_requests SET state = 'answered', response_kind = \(response.kind.rawValue), information = \(response.information),
                decline_reason = \(response.reason), answered_by = \(recorder.userId), answered_at = \(answeredAt), answered_on_time = \(onTime),
                on_behalf_channel = \(onBehalf.channel.rawValue), on_behalf_contact = \(onBehalf.contactName),
                on_behalf_recorded_at = \(onBehalf.recordedAt)
            WHERE id = \(id)
            """, logger: database.logger)
    }

    // MARK: withdrawing

    /// The incident's requests not yet answered (ids and requests), locked until the transaction ends: closing the
    /// incident withdraws them, and an answer arriving meanwhile waits, then finds the request withdrawn.
    public func lockUnanswered(ofIncident incidentId: UUID, on connection: PostgresConnection) async throws -> [(id: UUID, request: ShareRequest)] {
        try await connection.query(
            """
            SELECT s.id, a.code, s.requested_at, s.due_at, s.state, s.chase_count, s.last_chased_at
            FROM share_requests s JOIN agencies a ON a.id = s.agency_id
            WHERE s.incident_id = \(incidentId) AND s.state = 'requested'
            ORDER BY a.code FOR UPDATE OF s
            """, logger: database.logger
        ).collect().map { row in
            let (id, agency, requestedAt, dueAt, state, chases, lastChased) = try row.decode((UUID, String, Date, Date, ShareRequestState, Int, Date?).self)
            return (id, ShareRequest(agency: agency, requestedAt: requestedAt, dueAt: dueAt, state: state, chaseCount: chases, lastChasedAt: lastChased))
        }
    }

    /// Records that a request was withdrawn at `now`.
    public func recordWithdrawal(of id: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE share_requests SET state = 'withdrawn', withdrawn_at = \(now) WHERE id = \(id)", logger: database.logger)
    }

    /// Records a chaser (the request's count of chasers and when it was last chased).
    public func recordChase(of id: UUID, count: Int, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE share_requests SET chase_count = \(count), last_chased_at = \(now) WHERE id = \(id)", logger: database.logger)
    }
}
