import Foundation
import PostgresNIO

/// For one postcode, sector or district (`area`), per agency (the source of the data): the people with an open
/// social care case, the people who missed appointments and the people who attended A&E in the period. A person
/// counts in the area when one of their live records has an address there; an open case is an open-case event on
/// a live record (whatever its date: the source's latest snapshot still holds it).
public struct AreaReport: BoardReport {
    public static let name = "area"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        guard let area = p.area else { throw ReportParameterError(name: "area", message: "is required: a postcode, sector or district") }
        let value = area.value
        let rows = try await database.query(
            """
            WITH local AS (
                SELECT DISTINCT person_id FROM tracker_records
                WHERE retired_at IS NULL AND person_id IS NOT NULL
                  AND norm_postcode LIKE \(area.postcodePattern)
            ), events AS (
                SELECT r.person_id, e.source_system, e.category, e.event_date
                FROM local l JOIN tracker_records r ON r.person_id = l.person_id AND r.retired_at IS NULL
                JOIN tracker_events e ON e.record_id = r.id
            )
            SELECT coalesce(a.name, ev.source_system),
                   count(DISTINCT ev.person_id) FILTER (WHERE ev.category IN ('open_childrens_case', 'open_adults_case'))::int,
                   count(DISTINCT ev.person_id) FILTER (WHERE ev.category = 'open_childrens_case')::int,
                   count(DISTINCT ev.person_id) FILTER (WHERE ev.category = 'open_adults_case')::int,
                   count(DISTINCT ev.person_id) FILTER (WHERE ev.category = 'missed_appointment' AND ev.event_date >= (\(p.from) AT TIME ZONE 'Europe/London')::date AND ev.event_date < (\(p.to) AT TIME ZONE 'Europe/London')::date)::int,
                   count(DISTINCT ev.person_id) FILTER (WHERE ev.category = 'ae_attendance' AND ev.event_date >= (\(p.from) AT TIME ZONE 'Europe/London')::date AND ev.event_date < (\(p.to) AT TIME ZONE 'Europe/London')::date)::int
            FROM events ev
            LEFT JOIN feed_source_agencies f ON f.source_system = ev.source_system
            LEFT JOIN agencies a ON a.code = f.agency_code
            GROUP BY 1 ORDER BY 1
            """)
        var table = ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("area", .dimension), .init("agency", .dimension), .init("openToSocialCare", .count),
                      .init("openChildrensCase", .count), .init("openAdultsCase", .count), .init("missedAppointments", .count),
                      .init("attendedAE", .count)],
            rows: try rows.map { row in
                let (agency, open, children, adults, missed, ae) = try row.decode((String, Int, Int, Int, Int, Int).self)
                return [.text(value), .text(agency), .count(open), .count(children), .count(adults), .count(missed), .count(ae)]
            })
        // Open to social care: people with a children's or an adults' case, some with both.
        table.covers("openToSocialCare", ["openChildrensCase", "openAdultsCase"])
        return table
    }
}
