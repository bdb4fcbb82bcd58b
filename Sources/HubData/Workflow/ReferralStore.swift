import Foundation
import HubWorkflow
import PostgresNIO

/// Referrals: writing a new one, reading, listing, and the steps of a change (lock, new status).
public struct ReferralStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// A referral just written, and its document as stored (`referrals.document`), from which the response is
    /// made without encoding the referral again.
    public struct Created: Sendable {
        public let stored: StoredReferral
        public let document: String
    }

    /// Writes a new referral under `id` with its subjects, `received` and `acknowledged` timeline entries and `audit` event in one
    /// statement (one round trip, atomic by itself); the caller runs it in a transaction when more must commit
    /// with it (an idempotency key's response).
    public func create(_ referral: Referral, id: UUID, actor: Identity, now: Date, audit: AuditEvent, on connection: PostgresConnection)
        async throws -> Created
    {
        let document = try DocumentCoding.encode(referral)
        let reference: String
        do {
            reference = try await connection.query(
                try Self.insertion(of: referral, document: document, id: id, actor: actor, now: now, audit: audit), logger: database.logger
            ).collect().first!.decode(String.self)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23503"
            && error.serverInfo?[.constraintName] == "referrals_source_agency_fkey" {
            throw ValidationFailure(field: "referrer.agency", message: "is not an agency of the partnership")
        }
        // Everything the response shows is known here: no need to read back what was just written.
        let stored = StoredReferral(
            id: id, reference: reference, status: .received, version: 1, createdAt: now, createdBy: actor.username,
            referral: referral, decisions: [], incidentId: nil, incidentReference: nil, maracOutcomes: [])
        return Created(stored: stored, document: document)
    }

    /// The one statement that writes a new referral: its reference from the sequence, the referral, its subjects,
    /// the `received` and `acknowledged` timeline entries (in that order) and the audit event. One round trip, and atomic by itself.
    static func insertion(
        of referral: Referral, document: String, id: UUID, actor: Identity, now: Date, audit event: AuditEvent
    ) throws -> PostgresQuery {
        let subjects = try DocumentCoding.encode(referral.subjects.enumerated().map { SubjectRow(position: $0, subject: $1) })
        let timelineDetail = try DocumentCoding.encode(["form": referral.form.rawValue, "channel": referral.channel.rawValue])
        let acknowledgementDetail = try DocumentCoding.encode(["nextStep": ReferralNextStep(form: referral.form).rawValue])
        return """
            WITH reference_number AS (SELECT nextval('referral_reference_seq') AS n),
            referral AS (
                INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority,
                                       source_agency, dash_risk, document, created_by, created_at, updated_at)
                SELECT \(id), 'R-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END,
                       \(referral.form.rawValue), \(referral.service.rawValue), 'received', \(referral.channel.rawValue),
                       \(referral.receivedAt), \(referral.localAuthority), \(referral.referrer.agency),
                       \(referral.dashRiskLevel?.rawValue), \(document)::jsonb, \(actor.userId), \(now), \(now)
                FROM reference_number
                RETURNING reference
            ),
            subjects AS (
                INSERT INTO referral_subjects (referral_id, position, role, forename, surname, aliases, date_of_birth,
                                               expected_date_of_birth, gender, nhs_number, address_lines, town, postcode)
                SELECT \(id), s.position, s.role, s.forename, s.surname, s.aliases, s.date_of_birth, s.expected_date_of_birth,
                       s.gender, s.nhs_number, s.address_lines, s.town, s.postcode
                FROM jsonb_to_recordset(\(subjects)::jsonb) AS s(
                    position integer, role text, forename text, surname text, aliases text[], date_of_birth date,
                    expected_date_of_birth date, gender text, nhs_number text, address_lines text[], town text, postcode text)
            ),
            timeline AS (
                INSERT INTO timeline_events (referral_id, incident_id, kind, occurred_at, actor_user_id, actor_name, actor_agency, detail)
                VALUES (\(id), NULL, \(TimelineEventKind.received.rawValue), \(now), \(actor.userId), \(actor.displayName),
                        \(actor.agencyCode), \(timelineDetail)::jsonb),
                       (\(id), NULL, \(TimelineEventKind.acknowledged.rawValue), \(now), \(actor.userId), \(actor.displayName),
                        \(actor.agencyCode), \(acknowledgementDetail)::jsonb)
            ),
            audit AS (
                INSERT INTO audit_events (occurred_at, request_id, user_id, username, agency_code, role,
                                          action, object_type, object_id, purpose, outcome, detail)
                VALUES (\(event.occurredAt), \(event.requestId), \(event.actor?.userId), \(event.actor?.username),
                        \(event.actor?.agencyCode), \(event.actor?.role.rawValue), \(event.action), \(event.objectType),
                        \(event.objectId), \(event.purpose), \(event.outcome.rawValue), \(AuditTrail.detail(of: event))::jsonb)
            )
            SELECT reference FROM referral
            """
    }

    /// A subject as the insertion statement reads it (`jsonb_to_recordset`).
    private struct SubjectRow: Encodable {
        let position: Int
        let role: String
        let forename: String
        let surname: String
        let aliases: [String]
        let dateOfBirth: String?
        let expectedDateOfBirth: String?
        let gender: String
        let nhsNumber: String?
        let addressLines: [String]
        let town: String?
        let postcode: String?

        init(position: Int, subject: ReferralSubject) {
            self.position = position
            role = subject.role.rawValue
            forename = subject.forename
            surname = subject.surname
            aliases = subject.aliases
            dateOfBirth = subject.dateOfBirth?.description
            expectedDateOfBirth = subject.expectedDateOfBirth?.description
            gender = subject.gender.rawValue
            nhsNumber = subject.nhsNumber?.digits
            addressLines = subject.addressLines
            town = subject.town
            postcode = subject.postcode?.normalised
        }

        enum CodingKeys: String, CodingKey {
            case position, role, forename, surname, aliases, gender, town, postcode
            case dateOfBirth = "date_of_birth", expectedDateOfBirth = "expected_date_of_birth", nhsNumber = "nhs_number"
            case addressLines = "address_lines"
        }
    }

    /// The referral's reference (`R-000001`), read on `connection`.
    public func reference(of id: UUID, on connection: PostgresConnection) async throws -> String {
        guard let row = try await connection.query("SELECT reference FROM referrals WHERE id = \(id)", logger: database.logger).collect().first else {
            throw WorkflowStoreError.notFound("referral")
        }
        return try row.decode(String.self)
    }

    public func find(id: UUID) async throws -> StoredReferral? {
        try await database.withConnection { connection in try await load(id: id, on: connection) }
    }

    /// The referral, read on `connection` (inside the caller's transaction).
    public func find(id: UUID, on connection: PostgresConnection) async throws -> StoredReferral? {
        try await load(id: id, on: connection)
    }

    func load(id: UUID, on connection: PostgresConnection) async throws -> StoredReferral? {
        let logger = database.logger
        guard let row = try await connection.query(
            """
            SELECT r.reference, r.status, r.version, r.created_at, u.username, r.document::text, i.id, i.reference
            FROM referrals r JOIN users u ON u.id = r.created_by LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE r.id = \(id)
            """, logger: logger
        ).collect().first else { return nil }
        let (reference, status, version, createdAt, createdBy, document, incidentId, incidentReference) =
            try row.decode((String, ReferralStatus, Int, Date, String, String, UUID?, String?).self)
        let decisions = try await connection.query(
            """
            SELECT d.id, d.kind, d.rationale, d.rag, du.username, d.decided_at, d.ratification, d.ratification_note,
                   ru.username, d.ratified_at
            FROM threshold_decisions d JOIN users du ON du.id = d.decided_by LEFT JOIN users ru ON ru.id = d.ratified_by
            WHERE d.referral_id = \(id) ORDER BY d.decided_at, d.id
            """, logger: logger
        ).collect().map { row in
            let (decisionId, kind, rationale, rag, decidedBy, decidedAt, verdict, note, ratifiedBy, ratifiedAt) =
                try row.decode((UUID, ThresholdDecisionKind, String, RAGRating?, String, Date, RatificationVerdict?, String?, String?, Date?).self)
            return StoredDecision(
                id: decisionId,
                decision: ThresholdDecision(kind: kind, rationale: rationale, ragRating: rag),
                decidedBy: decidedBy, decidedAt: decidedAt,
                ratification: verdict.map { Ratification(verdict: $0, note: note) },
                ratifiedBy: ratifiedBy, ratifiedAt: ratifiedAt)
        }
        let referral = try DocumentCoding.decode(Referral.self, from: document)
        // Only a MARAC referral can stand for discussions' outcomes (marac_referral_links): no query for the others.
        let maracOutcomes = referral.form == .marac
            ? try await MARACReferralLinkStore(database: database).outcomes(ofReferral: id, on: connection) : []
        return StoredReferral(
            id: id, reference: reference, status: status, version: version, createdAt: createdAt, createdBy: createdBy, referral: referral,
            decisions: decisions, incidentId: incidentId, incidentReference: incidentReference, maracOutcomes: maracOutcomes)
    }

    public func list(_ filter: ReferralFilter) async throws -> [ReferralSummary] {
        let afterMicroseconds = filter.after?.microseconds
        let afterId = filter.after?.id
        return try await database.query(
            """
            SELECT r.id, r.reference, r.form, r.service, r.status, r.received_at, r.local_authority,
                   (SELECT count(*) FROM referral_subjects s WHERE s.referral_id = r.id)::int, i.reference
            FROM referrals r LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE (\(filter.status?.rawValue)::text IS NULL OR r.status = \(filter.status?.rawValue))
              AND (\(filter.form?.rawValue)::text IS NULL OR r.form = \(filter.form?.rawValue))
              AND (\(filter.from)::timestamptz IS NULL OR r.received_at >= \(filter.from))
              AND (\(filter.to)::timestamptz IS NULL OR r.received_at < \(filter.to))
              AND (\(afterMicroseconds)::bigint IS NULL
                   OR (r.received_at, r.id) < ('epoch'::timestamptz + \(afterMicroseconds)::bigint * interval '1 microsecond', \(afterId)))
            ORDER BY r.received_at DESC, r.id DESC
            LIMIT \(filter.limit)
            """
        ).map { row in
            let (id, reference, form, service, status, receivedAt, localAuthority, subjects, incident) =
                try row.decode((UUID, String, ReferralForm, SafeguardingService, ReferralStatus, Date, String, Int, String?).self)
            return ReferralSummary(
                id: id, reference: reference, form: form, service: service, status: status,
                receivedAt: receivedAt, localAuthority: localAuthority, subjectCount: subjects, incidentReference: incident)
        }
    }

    /// A referral locked for a change (`SELECT … FOR UPDATE`): its status, version and the referral itself.
    public struct Locked: Sendable {
        public let status: ReferralStatus
        public let version: Int
        public let referral: Referral
    }

    /// Locks the referral row until the transaction ends; nil when there is no such referral.
    public func lockForChange(id: UUID, on connection: PostgresConnection) async throws -> Locked? {
        guard let row = try await connection.query(
            "SELECT status, version, document::text FROM referrals WHERE id = \(id) FOR UPDATE", logger: database.logger
        ).collect().first else { return nil }
        let (status, version, document) = try row.decode((ReferralStatus, Int, String).self)
        return Locked(status: status, version: version, referral: try DocumentCoding.decode(Referral.self, from: document))
    }

    /// Moves the referral to `status` and bumps its version.
    public func setStatus(_ status: ReferralStatus, of id: UUID, at now: Date, on connection: PostgresConnection) async throws {
        try await connection.query(
            "UPDATE referrals SET status = \(status.rawValue), version = version + 1, updated_at = \(now) WHERE id = \(id)",
            logger: database.logger)
    }
}
