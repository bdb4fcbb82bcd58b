import Foundation
import HubWorkflow
import PostgresNIO

/// The conditions an import sets off, in SQL over the tracker's live records and events. Only events dated
/// within the rule's `recentDays` before the extract date (and not after it) set a rule off; the rest of the
/// history only counts towards it. Feeds may arrive in any order: an A&E attendance imported yesterday fires
/// when today's extract brings the open plan, and the dedupe key stops it firing twice.
///
/// A case is open while a live record (one the source's latest snapshot still holds) carries an open-case
/// event. A person's age is taken from the earliest full date of birth among their live records.
public struct ImportAlertConditions: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func matches(_ rule: AlertRule, extractDate: String, on connection: PostgresConnection) async throws -> [AlertMatch] {
        switch rule.condition {
        case .eventDuringOpenCase: return try await eventDuringOpenCase(rule, extractDate: extractDate, on: connection)
        case .eventsInWindow: return try await eventsInWindow(rule, extractDate: extractDate, on: connection)
        case .addressEventsWithOpenCase: return try await addressEventsWithOpenCase(rule, extractDate: extractDate, on: connection)
        case .repeatReferral, .referralSubjectOpenCase: return []
        }
    }

    func eventDuringOpenCase(_ rule: AlertRule, extractDate: String, on connection: PostgresConnection) async throws -> [AlertMatch] {
        let p = rule.parameters
        let rows = try await connection.query(
            """
            WITH trigger_events AS (
                SELECT e.source_system, e.source_record_id, e.event_type, e.event_date, r.person_id
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE e.category = ANY(\(p.triggerCategories ?? [])) AND r.retired_at IS NULL AND r.person_id IS NOT NULL
                  AND e.event_date > \(extractDate)::date - \(p.recentDays ?? 0)::int AND e.event_date <= \(extractDate)::date
            ), open_case AS (
                SELECT DISTINCT ON (r.person_id) r.person_id, e.source_system, e.event_type, e.event_date
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE e.event_type = ANY(\(p.openEventTypes ?? [])) AND r.retired_at IS NULL
                  AND r.person_id IN (SELECT person_id FROM trigger_events)
                ORDER BY r.person_id, e.event_date
            ), person AS (
                SELECT r.person_id, min(make_date(r.dob_year, r.dob_month, r.dob_day)) AS dob,
                       (array_agg(concat_ws(' ', r.forename, r.surname) ORDER BY r.id))[1] AS name
                FROM tracker_records r
                WHERE r.person_id IN (SELECT person_id FROM open_case) AND r.retired_at IS NULL AND r.dob_day IS NOT NULL
                GROUP BY r.person_id
            )
            SELECT t.source_system, t.source_record_id, t.event_type, t.event_date::text, t.person_id, p.name, p.dob::text,
                   extract(year FROM age(t.event_date, p.dob))::int, o.source_system, o.event_type, o.event_date::text
            FROM trigger_events t JOIN open_case o USING (person_id) JOIN person p USING (person_id)
            WHERE o.event_date <= t.event_date AND t.event_date < p.dob + make_interval(years => \(p.maxAgeYears ?? 18)::int)
            ORDER BY t.event_date, t.source_system, t.source_record_id
            """, logger: database.logger)
        var matches: [AlertMatch] = []
        for try await row in rows {
            let (source, record, type, date, person, name, dob, age, openSource, openType, openSince) =
                try row.decode((String, String, String, String, Int64, String, String, Int, String, String, String).self)
            matches.append(AlertMatch(
                key: "\(source):\(record):\(type):\(date)", personId: person,
                facts: ["name": name, "age": String(age), "dateOfBirth": dob, "eventType": type, "eventDate": date,
                        "eventSource": source, "openEventType": openType, "openSource": openSource, "openSince": openSince]))
        }
        return matches
    }

    /// The first qualifying event per person fires; the rule does not fire again for that person until a whole
    /// window has passed since the last time it did.
    func eventsInWindow(_ rule: AlertRule, extractDate: String, on connection: PostgresConnection) async throws -> [AlertMatch] {
        let p = rule.parameters
        let rows = try await connection.query(
            """
            WITH trigger_events AS (
                SELECT e.source_system, e.source_record_id, e.event_type, e.event_date, r.person_id
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE e.category = ANY(\(p.categories ?? [])) AND r.retired_at IS NULL AND r.person_id IS NOT NULL
                  AND e.event_date > \(extractDate)::date - \(p.recentDays ?? 0)::int AND e.event_date <= \(extractDate)::date
            ), person AS (
                SELECT r.person_id, min(make_date(r.dob_year, r.dob_month, r.dob_day)) AS dob,
                       (array_agg(concat_ws(' ', r.forename, r.surname) ORDER BY r.id))[1] AS name
                FROM tracker_records r
                WHERE r.person_id IN (SELECT person_id FROM trigger_events) AND r.retired_at IS NULL AND r.dob_day IS NOT NULL
                GROUP BY r.person_id
            ), counted AS (
                SELECT t.*, w.n, w.sources
                FROM trigger_events t,
                LATERAL (SELECT count(*)::int AS n, string_agg(DISTINCT e.source_system, ', ') AS sources
                         FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                         WHERE r.person_id = t.person_id AND r.retired_at IS NULL AND e.category = ANY(\(p.categories ?? []))
                           AND e.event_date > t.event_date - \(p.windowDays ?? 0)::int AND e.event_date <= t.event_date) w
            )
            SELECT DISTINCT ON (c.person_id) c.source_system, c.source_record_id, c.event_type, c.event_date::text, c.person_id,
                   p.name, p.dob::text, extract(year FROM age(c.event_date, p.dob))::int, c.n, c.sources
            FROM counted c JOIN person p USING (person_id)
            WHERE c.n >= \(p.minimumCount ?? 1) AND c.event_date < p.dob + make_interval(years => \(p.maxAgeYears ?? 18)::int)
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.rule_code = \(rule.code) AND a.person_id = c.person_id
                              AND (a.facts->>'eventDate')::date > c.event_date - \(p.windowDays ?? 0)::int)
            ORDER BY c.person_id, c.event_date, c.source_system, c.source_record_id
            """, logger: database.logger)
        var matches: [AlertMatch] = []
        for try await row in rows {
            let (source, record, type, date, person, name, dob, age, count, sources) =
                try row.decode((String, String, String, String, Int64, String, String, Int, Int, String).self)
            matches.append(AlertMatch(
                key: "\(source):\(record):\(type):\(date)", personId: person,
                facts: ["name": name, "age": String(age), "dateOfBirth": dob, "count": String(count),
                        "windowDays": String(p.windowDays ?? 0), "eventDate": date, "eventSources": sources]))
        }
        return matches
    }

    /// The first qualifying event per address fires; not again for that address until a window has passed.
    func addressEventsWithOpenCase(_ rule: AlertRule, extractDate: String, on connection: PostgresConnection) async throws -> [AlertMatch] {
        let p = rule.parameters
        let rows = try await connection.query(
            """
            WITH trigger_events AS (
                SELECT e.source_system, e.source_record_id, e.event_type, e.event_date, r.uprn
                FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                WHERE e.category = ANY(\(p.categories ?? [])) AND r.retired_at IS NULL AND r.uprn IS NOT NULL
                  AND e.event_date > \(extractDate)::date - \(p.recentDays ?? 0)::int AND e.event_date <= \(extractDate)::date
            ), open_child AS (
                SELECT DISTINCT ON (r.uprn) r.uprn, r.person_id, concat_ws(' ', r.forename, r.surname) AS name,
                       make_date(r.dob_year, r.dob_month, r.dob_day) AS dob, e.source_system,
                       concat_ws(', ', NULLIF(r.address_line1, ''), NULLIF(r.town, ''), NULLIF(r.postcode, '')) AS address
                FROM tracker_records r JOIN tracker_events e ON e.record_id = r.id
                WHERE r.uprn IN (SELECT uprn FROM trigger_events) AND r.retired_at IS NULL AND r.dob_day IS NOT NULL
                  AND e.category = ANY(\(p.openCategories ?? []))
                  AND make_date(r.dob_year, r.dob_month, r.dob_day) + make_interval(years => \(p.maxAgeYears ?? 18)::int) > \(extractDate)::date
                ORDER BY r.uprn, make_date(r.dob_year, r.dob_month, r.dob_day) DESC, r.id
            ), counted AS (
                SELECT t.*, w.n
                FROM trigger_events t,
                LATERAL (SELECT count(*)::int AS n
                         FROM tracker_events e JOIN tracker_records r ON r.id = e.record_id
                         WHERE r.uprn = t.uprn AND r.retired_at IS NULL AND e.category = ANY(\(p.categories ?? []))
                           AND e.event_date > t.event_date - \(p.windowDays ?? 0)::int AND e.event_date <= t.event_date) w
            )
            SELECT DISTINCT ON (c.uprn) c.source_system, c.source_record_id, c.event_type, c.event_date::text, c.uprn, c.n,
                   o.person_id, o.name, o.dob::text, extract(year FROM age(\(extractDate)::date, o.dob))::int, o.source_system,
                   coalesce(NULLIF(concat_ws(', ', NULLIF(g.address_line1, ''), NULLIF(g.address_line2, ''), NULLIF(g.town, ''),
                                             NULLIF(g.postcode, '')), ''), NULLIF(o.address, ''), 'UPRN ' || c.uprn)
            FROM counted c JOIN open_child o USING (uprn) LEFT JOIN gazetteer g ON g.uprn = c.uprn
            WHERE c.n >= \(p.minimumCount ?? 1)
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.rule_code = \(rule.code) AND a.uprn = c.uprn
                              AND (a.facts->>'eventDate')::date > c.event_date - \(p.windowDays ?? 0)::int)
            ORDER BY c.uprn, c.event_date, c.source_system, c.source_record_id
            """, logger: database.logger)
        var matches: [AlertMatch] = []
        for try await row in rows {
            let (source, record, type, date, uprn, count, person, name, dob, age, openSource, address) =
                try row.decode((String, String, String, String, Int64, Int, Int64?, String, String, Int, String, String).self)
            matches.append(AlertMatch(
                key: "\(source):\(record):\(type):\(date)", personId: person, uprn: uprn,
                facts: ["address": address, "count": String(count), "windowDays": String(p.windowDays ?? 0), "eventDate": date,
                        "name": name, "age": String(age), "dateOfBirth": dob, "openSource": openSource]))
        }
        return matches
    }
}
