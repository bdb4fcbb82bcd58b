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

    /// A subject as written (the caller folds the names for the tracker).
    public struct WrittenSubject: Sendable {
        public let position: Int
        public let role: String
        public let forename: String
        public let surname: String
        public let nhsNumber: String?
        public let dateOfBirth: String?
    }

    /// The subjects of each referral as written, in position order.
    public func subjects(of referrals: [UUID], on connection: PostgresConnection) async throws -> [UUID: [WrittenSubject]] {
        var subjects: [UUID: [WrittenSubject]] = [:]
        let rows = try await connection.query(
            """
            SELECT referral_id, position, role, forename, surname, nhs_number, date_of_birth::text FROM referral_subjects
            WHERE referral_id = ANY(\(referrals)) ORDER BY referral_id, position
            """, logger: logger)
        for try await (referral, position, role, forename, surname, nhs, dob) in rows.decode((UUID, Int, String, String, String, String?, String?).self) {
            subjects[referral, default: []].append(
                WrittenSubject(position: position, role: role, forename: forename, surname: surname, nhsNumber: nhs, dateOfBirth: dob))
        }
        return subjects
    }

    /// For each referral, at most one match per subject in the rule's `roles`: the nearest other referral about the
    /// same person (NHS number, else forename, surname and date of birth, case-insensitive, as the repeat-referrals
    /// report matches) received within `windowDays` either side (the earlier on a tie). Each of the four candidates
    /// (by NHS number or by name, before or after) is one index range scan on the person's identity and the time
    /// received, stopped at its first row, so the rows and the work per referral do not grow with the person's
    /// history. One query for all `referrals`.
    ///
    /// The match's key is the person and a window bucket: a digest of the subject's NHS number if it has one,
    /// else of its forename, surname (lower case) and date of birth, and the number of whole `windowDays` from the
    /// Unix epoch (UTC) to the earlier of the two referrals. So the rule raises at most one alert per person per
    /// bucket of `windowDays`, however many referrals about them arrive, and whichever of the two referrals is
    /// evaluated, by whichever process: the key depends only on the data, and the alert is stored once per key.
    /// (The digest keeps the person's identity out of the key, which the outbox sends to receivers.)
    public func repeatReferrals(_ rule: AlertRule, referrals: [PendingReferral], on connection: PostgresConnection) async throws
        -> [UUID: [AlertMatch]]
    {
        let p = rule.parameters
        let roles = p.roles ?? []
        let window = max(p.windowDays ?? 1, 1)
        let byId = Dictionary(referrals.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let rows = try await connection.query(
            """
            SELECT r.id, concat_ws(' ', s.forename, s.surname), o.id, o.reference, o.received_at,
                   floor(abs(extract(epoch FROM o.received_at - r.received_at)) / 86400)::int,
                   encode(sha256(convert_to(CASE WHEN s.nhs_number IS NOT NULL THEN 'nhs:' || s.nhs_number
                       ELSE 'name:' || lower(s.forename) || '|' || lower(s.surname) || '|' || s.date_of_birth::text END, 'UTF8')), 'hex'),
                   floor(extract(epoch FROM least(r.received_at, o.received_at)) / (86400 * \(window)::bigint))::bigint
            FROM referrals r
            JOIN referral_subjects s ON s.referral_id = r.id AND s.role = ANY(\(roles))
                 AND (s.nhs_number IS NOT NULL OR s.date_of_birth IS NOT NULL)
            CROSS JOIN LATERAL (
                SELECT c.referral_id, c.received_at FROM (
                    (SELECT e.referral_id, e.received_at FROM referral_subjects e
                     WHERE s.nhs_number IS NOT NULL AND e.nhs_number = s.nhs_number
                       AND e.received_at <= r.received_at AND e.received_at >= r.received_at - make_interval(days => \(window)::int)
                       AND e.referral_id <> r.id AND e.role = ANY(\(roles))
                     ORDER BY e.received_at DESC LIMIT 1)
                    UNION ALL
                    (SELECT e.referral_id, e.received_at FROM referral_subjects e
                     WHERE s.nhs_number IS NOT NULL AND e.nhs_number = s.nhs_number
                       AND e.received_at >= r.received_at AND e.received_at <= r.received_at + make_interval(days => \(window)::int)
                       AND e.referral_id <> r.id AND e.role = ANY(\(roles))
                     ORDER BY e.received_at LIMIT 1)
                    UNION ALL
                    (SELECT e.referral_id, e.received_at FROM referral_subjects e
                     WHERE s.date_of_birth IS NOT NULL AND lower(e.surname) = lower(s.surname) AND lower(e.forename) = lower(s.forename)
                       AND e.date_of_birth = s.date_of_birth
                       AND e.received_at <= r.received_at AND e.received_at >= r.received_at - make_interval(days => \(window)::int)
                       AND e.referral_id <> r.id AND e.role = ANY(\(roles))
                     ORDER BY e.received_at DESC LIMIT 1)
                    UNION ALL
                    (SELECT e.referral_id, e.received_at FROM referral_subjects e
                     WHERE s.date_of_birth IS NOT NULL AND lower(e.surname) = lower(s.surname) AND lower(e.forename) = lower(s.forename)
                       AND e.date_of_birth = s.date_of_birth
                       AND e.received_at >= r.received_at AND e.received_at <= r.received_at + make_interval(days => \(window)::int)
                       AND e.referral_id <> r.id AND e.role = ANY(\(roles))
                     ORDER BY e.received_at LIMIT 1)
                ) c
                ORDER BY abs(extract(epoch FROM c.received_at - r.received_at)), c.received_at, c.referral_id LIMIT 1
            ) m
            JOIN referrals o ON o.id = m.referral_id
            WHERE r.id = ANY(\(referrals.map(\.id)))
            ORDER BY r.id, s.position
            """, logger: logger)
        var matches: [UUID: [AlertMatch]] = [:]
        for try await (id, name, _, otherReference, otherReceived, days, person, bucket)
            in rows.decode((UUID, String, UUID, String, Date, Int, String, Int64).self)
        {
            guard let referral = byId[id] else { continue }
            matches[id, default: []].append(AlertMatch(key: "\(person):\(bucket)", facts: [
                "name": name, "reference": referral.reference, "receivedAt": CalendarDate(referral.receivedAt, in: TimeZone.london).description,
                "otherReference": otherReference, "otherReceivedAt": CalendarDate(otherReceived, in: TimeZone.london).description, "days": String(days),
            ]))
        }
        return matches
    }

    /// For each subject (its index in `subjects`), the open cases held by agencies other than its referral's
    /// referrer, of tracker persons who are the subject (same valid NHS number, or the same folded surname, full
    /// date of birth and forename or its canonical form). A source not mapped to an agency counts as another
    /// agency. One match per subject and source; one query for all `subjects`.
    public func subjectOpenCases(
        _ rule: AlertRule, subjects: [(referral: PendingReferral, subject: ReferralSubjectIdentity)], on connection: PostgresConnection
    ) async throws -> [Int: [AlertMatch]] {
        guard !subjects.isEmpty else { return [:] }
        struct SubjectRow: Encodable {
            let key: Int, nhs: String, year: Int, month: Int, day: Int, surname: String, forename: String, canonical: [String], agency: String?
        }
        let rowsJSON = String(decoding: try JSONEncoder().encode(subjects.enumerated().map { index, entry in
            SubjectRow(key: index, nhs: entry.subject.nhsNumber ?? "", year: entry.subject.dateOfBirth?.year ?? 0,
                       month: entry.subject.dateOfBirth?.month ?? 0, day: entry.subject.dateOfBirth?.day ?? 0,
                       surname: entry.subject.foldedSurname, forename: entry.subject.foldedForename,
                       canonical: entry.subject.canonicalForenames, agency: entry.referral.sourceAgency)
        }), as: UTF8.self)
        let rows = try await connection.query(
            """
            WITH subjects AS (
                SELECT * FROM jsonb_to_recordset(\(rowsJSON)::jsonb) AS s(
                    key integer, nhs text, year integer, month integer, day integer, surname text, forename text, canonical text[], agency text)
            ), persons AS (
                SELECT DISTINCT s.key, t.person_id
                FROM subjects s CROSS JOIN LATERAL (
                    SELECT t.person_id FROM tracker_records t
                    WHERE t.retired_at IS NULL AND t.person_id IS NOT NULL AND (
                        (s.nhs <> '' AND t.valid_nhs_number = s.nhs)
                        OR (s.year > 0 AND s.surname <> '' AND t.folded_surname = s.surname
                            AND t.dob_year = s.year AND t.dob_month = s.month AND t.dob_day = s.day
                            AND (t.folded_forename = s.forename OR t.canonical_forenames && s.canonical)))
                ) AS t
            ), open_events AS (
                SELECT p.key, r.person_id, e.source_system, e.event_type, e.event_date, e.lead_professional_name, e.lead_professional_phone,
                       coalesce(a.name, e.source_system) AS agency_name,
                       min(e.event_date) OVER (PARTITION BY p.key, e.source_system) AS since
                FROM persons p
                JOIN subjects s ON s.key = p.key
                JOIN tracker_records r ON r.person_id = p.person_id AND r.retired_at IS NULL
                JOIN tracker_events e ON e.record_id = r.id AND e.category = ANY(\(rule.parameters.openCategories ?? []))
                LEFT JOIN feed_source_agencies f ON f.source_system = e.source_system
                LEFT JOIN agencies a ON a.code = f.agency_code
                WHERE f.agency_code IS NULL OR s.agency IS NULL OR f.agency_code <> s.agency
            )
            SELECT DISTINCT ON (key, source_system) key, person_id, source_system, agency_name, event_type, since::text,
                   concat_ws(', ', lead_professional_name, lead_professional_phone)
            FROM open_events
            ORDER BY key, source_system, event_date DESC, person_id
            """, logger: logger)
        var matches: [Int: [AlertMatch]] = [:]
        for try await (key, person, source, agency, type, since, lead) in rows.decode((Int, Int64, String, String, String, String, String).self) {
            guard subjects.indices.contains(key) else { continue }
            let (referral, subject) = subjects[key]
            matches[key, default: []].append(AlertMatch(
                key: "\(referral.id.uuidString.lowercased()):\(subject.position):\(source)", personId: person,
                facts: ["name": subject.displayName, "reference": referral.reference, "openAgency": agency, "openSource": source,
                        "openEventType": type, "openSince": since, "leadProfessional": lead.isEmpty ? "not given" : lead]))
        }
        return matches
    }
}
