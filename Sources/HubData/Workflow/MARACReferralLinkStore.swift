import Foundation
import HubWorkflow
import PostgresNIO

/// The links between incidents whose strategy discussion decided on MARAC and their MARAC referrals
/// (`marac_referral_links`, migration 032), and the MARAC referrals a victim might already have. The use case runs
/// these inside the discussion's transaction, with the incident locked.
public struct MARACReferralLinkStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// Makes every other transaction that links a MARAC referral wait until this one ends, so that two incidents
    /// about the same victim decided at once cannot both raise a referral (taken only on the rare `marac_referral`
    /// outcome, before the victim's referrals are looked for).
    public func lockForMatching(on connection: PostgresConnection) async throws {
        try await connection.query("SELECT pg_advisory_xact_lock(hashtext('hub.marac_referral_links'))", logger: database.logger)
    }

    /// The incident's link, if its outcome already stands for a MARAC referral.
    public func link(ofIncident incidentId: UUID, on connection: PostgresConnection) async throws -> MARACReferralLink? {
        try await connection.query(
            """
            SELECT l.marac_referral_id, r.reference, l.how, l.discussion_id, l.linked_at
            FROM marac_referral_links l JOIN referrals r ON r.id = l.marac_referral_id
            WHERE l.incident_id = \(incidentId)
            """, logger: database.logger
        ).collect().first.map { row in
            let (id, reference, how, discussionId, linkedAt) = try row.decode((UUID, String, MARACLinkKind, UUID, Date).self)
            return MARACReferralLink(referralId: id, referralReference: reference, how: how, discussionId: discussionId, linkedAt: linkedAt)
        }
    }

    /// The incidents whose outcome stands for the MARAC referral, earliest link first.
    public func outcomes(ofReferral referralId: UUID, on connection: PostgresConnection) async throws -> [MARACOutcomeLink] {
        try await connection.query(
            """
            SELECT l.incident_id, i.reference, i.referral_id, r.reference, l.how, l.linked_at
            FROM marac_referral_links l JOIN incidents i ON i.id = l.incident_id JOIN referrals r ON r.id = i.referral_id
            WHERE l.marac_referral_id = \(referralId)
            ORDER BY l.linked_at, l.incident_id
            """, logger: database.logger
        ).collect().map { row in
            let (incidentId, incidentReference, originId, originReference, how, linkedAt) =
                try row.decode((UUID, String, UUID, String, MARACLinkKind, Date).self)
            return MARACOutcomeLink(incidentId: incidentId, incidentReference: incidentReference, referralId: originId,
                                    referralReference: originReference, how: how, linkedAt: linkedAt)
        }
    }

    /// The MARAC referrals received since `since` naming a victim who might be one of `victims`: one of their NHS
    /// numbers, or one of their surnames (case and surrounding spaces aside). A wide net, narrowed by
    /// ``MARACReferralMatching``, which holds the rule; each with its status, its incident's state and every victim it
    /// names.
    public func candidates(for victims: [VictimIdentity], since: Date, on connection: PostgresConnection) async throws
        -> [MARACReferralCandidate]
    {
        let numbers = victims.compactMap { $0.nhsNumber?.digits }
        let surnames = victims.map { VictimIdentity.folded($0.surname) }
        let rows = try await connection.query(
            """
            SELECT r.id, r.reference, r.received_at, r.status, i.state, s.forename, s.surname, s.date_of_birth::text, s.nhs_number
            FROM referrals r
            JOIN referral_subjects s ON s.referral_id = r.id AND s.role = 'victim'
            LEFT JOIN incidents i ON i.referral_id = r.id
            WHERE r.form = 'marac' AND r.received_at >= \(since)
              AND EXISTS (SELECT 1 FROM referral_subjects v
                          WHERE v.referral_id = r.id AND v.role = 'victim'
                            AND (v.nhs_number = ANY(\(numbers)) OR lower(btrim(v.surname)) = ANY(\(surnames))))
            ORDER BY r.received_at, r.id, s.position
            """, logger: database.logger
        ).collect()
        var order: [UUID] = []
        var found: [UUID: (reference: String, receivedAt: Date, status: ReferralStatus, state: IncidentState?, victims: [VictimIdentity])] = [:]
        for row in rows {
            let (id, reference, receivedAt, status, state, forename, surname, born, nhs) =
                try row.decode((UUID, String, Date, ReferralStatus, IncidentState?, String, String, String?, String?).self)
            // Strictly: a stored date or NHS number that does not read is an error, never a victim without one (which
            // would be matched on name and date of birth alone).
            let victim = VictimIdentity(
                forename: forename, surname: surname, dateOfBirth: try Self.strictly(born, "CalendarDate", CalendarDate.init),
                nhsNumber: try Self.strictly(nhs, "NHSNumber", shown: "(not shown)", NHSNumber.init))
            if found[id] == nil {
                order.append(id)
                found[id] = (reference, receivedAt, status, state, [])
            }
            found[id]?.victims.append(victim)
        }
        return order.compactMap { id in
            found[id].map {
                MARACReferralCandidate(id: id, reference: $0.reference, receivedAt: $0.receivedAt, status: $0.status,
                                       incidentState: $0.state, victims: $0.victims)
            }
        }
    }

    /// A stored text read as `make` reads it; nil stays nil, text that does not read is ``UnknownStoredValue``.
    private static func strictly<Value>(_ text: String?, _ type: String, shown: String? = nil, _ make: (String) -> Value?) throws -> Value? {
        guard let text else { return nil }
        guard let value = make(text) else { throw UnknownStoredValue(type: type, value: shown ?? text) }
        return value
    }

    /// Records that the incident's outcome, decided at `discussionId`, stands for `maracReferralId`.
    public func insert(
        incidentId: UUID, maracReferralId: UUID, discussionId: UUID, how: MARACLinkKind, actor: Identity, at now: Date,
        on connection: PostgresConnection
    ) async throws {
        try await connection.query(
            """
            INSERT INTO marac_referral_links (incident_id, marac_referral_id, discussion_id, how, linked_by, linked_at)
            VALUES (\(incidentId), \(maracReferralId), \(discussionId), \(how.rawValue), \(actor.userId), \(now))
            """, logger: database.logger)
    }
}
