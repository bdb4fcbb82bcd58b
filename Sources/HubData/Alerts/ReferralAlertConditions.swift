import Foundation
import HubWorkflow
import PostgresNIO

/// The conditions a referral sets off, and the queue of referrals waiting for them (`alerts_evaluated_at`),
/// which any number of `hub serve` processes drain without evaluating a referral twice.
public struct ReferralAlertConditions: Sendable {
    let database: Database
    var logger: Logger { database.logger }

    public init(database: Database) { self.database = database }

    /// Locks up to `limit` referrals not yet evaluated, oldest first, skipping those another process holds.
    public func claimPending(limit: Int, on connection: PostgresConnection) async throws -> [PendingReferral] {
        try await connection.query(
            """
            SELECT id, reference, received_at, source_agency FROM referrals
            WHERE alerts_evaluated_at IS NULL ORDER BY created_at LIMIT \(limit) FOR UPDATE SKIP LOCKED
            """, logger: logger
        ).collect().map { row in
            let (id, reference, received, agency) = try row.decode((UUID, String, Date, String?).self)
            return PendingReferral(id: id, reference: reference, receivedAt: received, sourceAgency: agency)
        }
    }

    public func markEvaluated(_ ids: [UUID], at instant: Date, on connection: PostgresConnection) async throws {
        try await connection.query("UPDATE referrals SET alerts_evaluated_at = \(instant) WHERE id = ANY(\(ids))", logger: logger)
    }

    /// The referral's subjects as written (the caller folds their names for the tracker).
    public func subjects(of referral: UUID, on connection: PostgresConnection) async throws
        -> [(position: Int, role: String, forename: String, surname: String, nhsNumber: String?, dateOfBirth: String?)]
    {
        try await connection.query(
            """
            SELECT position, role, forename, surname, nhs_number, date_of_birth::text FROM referral_subjects
            WHERE referral_id = \(referral) ORDER BY position
            """, logger: logger
        ).collect().map { row in
            let (position, role, forename, surname, nhs, dob) = try row.decode((Int, String, String, String, String?, String?).self)
            return (position, role, forename, surname, nhs, dob)
        }
    }

    /// Another referral about the same person (NHS number, else forename, surname and date of birth, as the
    /// repeat-referrals report matches) received within the window either side. Keyed by the pair, so the
    /// pair raises one alert whichever referral is evaluated second.
    public func repeatReferral(_ rule: AlertRule, referral: PendingReferral, on connection: PostgresConnection) async throws -> [AlertMatch] {
        let p = rule.parameters
        let roles = p.roles ?? []
        let rows = try await connection.query(
            """
            SELECT DISTINCT ON (o.id) concat_ws(' ', s.forename, s.surname), o.id, o.reference, o.received_at,
                   floor(abs(extract(epoch FROM o.received_at - r.received_at)) / 86400)::int
            FROM referrals r
            JOIN referral_subjects s ON s.referral_id = r.id AND s.role = ANY(\(roles))
            JOIN referral_subjects s2 ON s2.referral_id <> r.id AND s2.role = ANY(\(roles))
                 AND ((s.nhs_number IS NOT NULL AND s2.nhs_number = s.nhs_number)
                      OR (s.date_of_birth IS NOT NULL AND lower(s2.surname) = lower(s.surname)
                          AND lower(s2.forename) = lower(s.forename) AND s2.date_of_birth = s.date_of_birth))
            JOIN referrals o ON o.id = s2.referral_id
            WHERE r.id = \(referral.id)
              AND o.received_at >= r.received_at - make_interval(days => \(p.windowDays ?? 0)::int)
              AND o.received_at <= r.received_at + make_interval(days => \(p.windowDays ?? 0)::int)
            ORDER BY o.id, s.position
            """, logger: logger)
        var matches: [AlertMatch] = []
        for try await row in rows {
            let (name, other, otherReference, otherReceived, days) = try row.decode((String, UUID, String, Date, Int).self)
            let pair = [referral.id.uuidString.lowercased(), other.uuidString.lowercased()].sorted().joined(separator: ":")
            matches.append(AlertMatch(key: pair, facts: [
                "name": name, "reference": referral.reference, "receivedAt": CalendarDate(referral.receivedAt, in: CalendarDate.ukTimeZone).description,
                "otherReference": otherReference, "otherReceivedAt": CalendarDate(otherReceived, in: CalendarDate.ukTimeZone).description, "days": String(days),
            ]))
        }
        return matches
    }

    /// Open cases held by agencies other than the referrer's, of tracker persons who are the subject (same valid
    /// NHS number, or the same folded surname, full date of birth and forename or its canonical form). A
    /// source not mapped to an agency counts as another agency. One match per subject and source.
    public func subjectOpenCases(
        _ rule: AlertRule, referral: PendingReferral, subject: ReferralSubjectIdentity, on connection: PostgresConnection
    ) async throws -> [AlertMatch] {
        let nhs = subject.nhsNumber ?? ""
        let (year, month, day) = (subject.dateOfBirth?.year ?? 0, subject.dateOfBirth?.month ?? 0, subject.dateOfBirth?.day ?? 0)
        let rows = try await connection.query(
            """
            WITH persons AS (
                SELECT DISTINCT person_id FROM tracker_records
                WHERE retired_at IS NULL AND person_id IS NOT NULL AND (
                    (\(nhs) <> '' AND valid_nhs_number = \(nhs))
                    OR (\(year) > 0 AND \(subject.foldedSurname) <> '' AND folded_surname = \(subject.foldedSurname)
                        AND dob_year = \(year) AND dob_month = \(month) AND dob_day = \(day)
                        AND (folded_forename = \(subject.foldedForename) OR canonical_forenames && \(subject.canonicalForenames)::text[])))
            ), open_events AS (
                SELECT r.person_id, e.source_system, e.event_type, e.event_date, e.lead_professional_name, e.lead_professional_phone,
                       coalesce(a.name, e.source_system) AS agency_name,
                       min(e.event_date) OVER (PARTITION BY e.source_system) AS since
                FROM persons p
                JOIN tracker_records r ON r.person_id = p.person_id AND r.retired_at IS NULL
                JOIN tracker_events e ON e.record_id = r.id AND e.category = ANY(\(rule.parameters.openCategories ?? []))
                LEFT JOIN feed_source_agencies f ON f.source_system = e.source_system
                LEFT JOIN agencies a ON a.code = f.agency_code
                WHERE f.agency_code IS NULL OR \(referral.sourceAgency)::text IS NULL OR f.agency_code <> \(referral.sourceAgency)
            )
            SELECT DISTINCT ON (source_system) person_id, source_system, agency_name, event_type, since::text,
                   concat_ws(', ', lead_professional_name, lead_professional_phone)
            FROM open_events
            ORDER BY source_system, event_date DESC, person_id
            """, logger: logger)
        var matches: [AlertMatch] = []
        for try await row in rows {
            let (person, source, agency, type, since, lead) = try row.decode((Int64, String, String, String, String, String).self)
            matches.append(AlertMatch(
                key: "\(referral.id.uuidString.lowercased()):\(subject.position):\(source)", personId: person,
                facts: ["name": subject.displayName, "reference": referral.reference, "openAgency": agency, "openSource": source,
                        "openEventType": type, "openSince": since, "leadProfessional": lead.isEmpty ? "not given" : lead]))
        }
        return matches
    }
}
