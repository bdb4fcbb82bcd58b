import Crypto
import Foundation
import HubWorkflow
import PostgresNIO

/// Referrals: creation (idempotent), reading, listing, threshold decisions and ratification.
public struct ReferralStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Idempotency: Sendable {
        public let key: String
        public let requestHash: Data

        public init(key: String, body: Data) {
            self.key = key
            self.requestHash = Data(SHA256.hash(data: body))
        }
    }

    public enum CreateOutcome: Sendable {
        /// Created now; `body` is the response that was stored for retries.
        case created(StoredReferral, body: Data)
        /// A retry of an earlier request with the same key and body: its response.
        case replayed(status: Int, body: Data)
    }

    /// Creates a referral with its subjects, timeline entry and audit event in one transaction. With an
    /// idempotency key, a retry returns the first response; concurrent duplicates wait on the key's row, so
    /// exactly one referral is created.
    public func create(
        _ referral: Referral, actor: Identity, now: Date, idempotency: Idempotency?,
        render: @Sendable (StoredReferral) throws -> Data, audit: @Sendable (UUID) -> AuditEvent
    ) async throws -> CreateOutcome {
        let logger = database.logger
        return try await database.transaction { connection in
            if let idempotency {
                let claimed = try await connection.query(
                    """
                    INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
                    VALUES (\(actor.userId), \(idempotency.key), \(idempotency.requestHash), \(now))
                    ON CONFLICT (user_id, key) DO NOTHING RETURNING 1
                    """, logger: logger
                ).collect()
                if claimed.isEmpty {
                    let row = try await connection.query(
                        """
                        SELECT request_hash, response_status, response_body FROM idempotency_keys
                        WHERE user_id = \(actor.userId) AND key = \(idempotency.key)
                        """, logger: logger
                    ).collect().first
                    guard let row else { throw WorkflowStoreError.idempotencyKeyReused }
                    let (hash, status, body) = try row.decode((Data, Int?, Data?).self)
                    guard hash == idempotency.requestHash, let status, let body else { throw WorkflowStoreError.idempotencyKeyReused }
                    return .replayed(status: status, body: body)
                }
            }
            let id = UUID()
            let number = try await connection.query("SELECT nextval('referral_reference_seq')", logger: logger)
                .collect().first!.decode(Int64.self)
            let reference = "R-" + String(format: "%06d", number)
            let document = try DocumentCoding.encode(referral)
            try await connection.query(
                """
                INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority,
                                       source_agency, dash_risk, document, created_by, created_at, updated_at)
                VALUES (\(id), \(reference), \(referral.form.rawValue), \(referral.service.rawValue), 'received',
                        \(referral.channel.rawValue), \(referral.receivedAt), \(referral.localAuthority),
                        \(referral.referrer.agency), \(referral.dashRiskLevel?.rawValue), \(document)::jsonb,
                        \(actor.userId), \(now), \(now))
                """, logger: logger)
            for (position, subject) in referral.subjects.enumerated() {
                try await connection.query(
                    """
                    INSERT INTO referral_subjects (referral_id, position, role, forename, surname, aliases, date_of_birth,
                        expected_date_of_birth, gender, nhs_number, address_lines, town, postcode)
                    VALUES (\(id), \(position), \(subject.role.rawValue), \(subject.forename), \(subject.surname),
                            \(subject.aliases), \(subject.dateOfBirth?.description)::date,
                            \(subject.expectedDateOfBirth?.description)::date, \(subject.gender.rawValue),
                            \(subject.nhsNumber?.digits), \(subject.addressLines), \(subject.town), \(subject.postcode?.normalised))
                    """, logger: logger)
            }
            try await TimelineStore(database: database).append(
                on: connection, referralId: id, incidentId: nil, kind: .received, at: now, actor: actor,
                detail: ["form": referral.form.rawValue, "channel": referral.channel.rawValue])
            try await connection.query(AuditTrail.insert(audit(id)), logger: logger)
            // Everything the response shows is known here: no need to read back what was just written.
            let stored = StoredReferral(
                id: id, reference: reference, status: .received, version: 1, createdAt: now, createdBy: actor.username,
                referral: referral, decisions: [], incidentId: nil, incidentReference: nil)
            let body = try render(stored)
            if let idempotency {
                try await connection.query(
                    """
                    UPDATE idempotency_keys SET response_status = 201, response_body = \(body)
                    WHERE user_id = \(actor.userId) AND key = \(idempotency.key)
                    """, logger: logger)
            }
            return .created(stored, body: body)
        }
    }

    public func find(id: UUID) async throws -> StoredReferral? {
        try await database.withConnection { connection in try await load(id: id, on: connection) }
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
            try row.decode((String, String, Int, Date, String, String, UUID?, String?).self)
        let decisions = try await connection.query(
            """
            SELECT d.id, d.kind, d.rationale, d.rag, du.username, d.decided_at, d.ratification, d.ratification_note,
                   ru.username, d.ratified_at
            FROM threshold_decisions d JOIN users du ON du.id = d.decided_by LEFT JOIN users ru ON ru.id = d.ratified_by
            WHERE d.referral_id = \(id) ORDER BY d.decided_at, d.id
            """, logger: logger
        ).collect().map { row in
            let (decisionId, kind, rationale, rag, decidedBy, decidedAt, verdict, note, ratifiedBy, ratifiedAt) =
                try row.decode((UUID, String, String, String?, String, Date, String?, String?, String?, Date?).self)
            return StoredDecision(
                id: decisionId,
                decision: ThresholdDecision(kind: ThresholdDecisionKind(rawValue: kind) ?? .noFurtherAction, rationale: rationale,
                                            ragRating: rag.flatMap(RAGRating.init(rawValue:))),
                decidedBy: decidedBy, decidedAt: decidedAt,
                ratification: verdict.flatMap(RatificationVerdict.init(rawValue:)).map { Ratification(verdict: $0, note: note) },
                ratifiedBy: ratifiedBy, ratifiedAt: ratifiedAt)
        }
        return StoredReferral(
            id: id, reference: reference, status: ReferralStatus(rawValue: status) ?? .received, version: version,
            createdAt: createdAt, createdBy: createdBy, referral: try DocumentCoding.decode(Referral.self, from: document),
            decisions: decisions, incidentId: incidentId, incidentReference: incidentReference)
    }

    public func list(_ filter: ReferralFilter) async throws -> [ReferralSummary] {
        let afterAt = filter.after?.receivedAt
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
              AND (\(afterAt)::timestamptz IS NULL OR (r.received_at, r.id) < (\(afterAt), \(afterId)))
            ORDER BY r.received_at DESC, r.id DESC
            LIMIT \(filter.limit)
            """
        ).map { row in
            let (id, reference, form, service, status, receivedAt, localAuthority, subjects, incident) =
                try row.decode((UUID, String, String, String, String, Date, String, Int, String?).self)
            return ReferralSummary(
                id: id, reference: reference, form: ReferralForm(rawValue: form) ?? .c1,
                service: SafeguardingService(rawValue: service) ?? .children, status: ReferralStatus(rawValue: status) ?? .received,
                receivedAt: receivedAt, localAuthority: localAuthority, subjectCount: subjects, incidentReference: incident)
        }
    }
}
