import Foundation
import PostgresNIO

/// Re-referrals per service: of the referrals received in the period, how many were about a person who had
/// been referred to the same service within the window before (12 months for children, 24 for adults by
/// default). The person is matched on NHS number, else on forename, surname and date of birth; the people
/// counted are the subjects the referral is about (child, unborn child, adult at risk, victim). A referral
/// exactly one window earlier counts (`>=`); one a day older does not. Stated as the seed does:
/// "622 of 3,102 = 20.05%".
public struct RepeatReferralsReport: BoardReport {
    public static let name = "repeat-referrals"

    public func run(_ database: Database, _ p: ReportParameters) async throws -> ReportTable {
        // Two equality joins (NHS number; name and date of birth) so the planner can hash them; an OR in one
        // join condition made this a nested loop (27 s at Cwm Taf's volume).
        let result = try await database.query(
            """
            WITH current AS (
                SELECT r.id, r.service, r.received_at,
                       (CASE r.service WHEN 'adults' THEN \(p.adultsRepeatMonths) ELSE \(p.childrenRepeatMonths) END)::int AS months
                FROM referrals r
                WHERE r.received_at >= \(p.from) AND r.received_at < \(p.to)
                  AND (\(p.service)::text IS NULL OR r.service = \(p.service))
            ), about AS (
                SELECT s.referral_id, r.service, r.received_at, s.nhs_number, lower(s.surname) AS surname,
                       lower(s.forename) AS forename, s.date_of_birth
                FROM referral_subjects s JOIN referrals r ON r.id = s.referral_id
                WHERE s.role IN ('child', 'unborn', 'adult_at_risk', 'victim')
                  AND r.received_at < \(p.to)
                  AND (r.received_at AT TIME ZONE 'Europe/London') >= (\(p.from) AT TIME ZONE 'Europe/London')
                      - make_interval(months => greatest(\(p.adultsRepeatMonths), \(p.childrenRepeatMonths))::int)
            ), repeated AS (
                SELECT c.id FROM current c
                JOIN about mine ON mine.referral_id = c.id
                JOIN about earlier ON earlier.nhs_number = mine.nhs_number
                WHERE mine.nhs_number IS NOT NULL AND earlier.referral_id <> c.id AND earlier.service = c.service
                  AND earlier.received_at < c.received_at
                  AND (earlier.received_at AT TIME ZONE 'Europe/London') >= (c.received_at AT TIME ZONE 'Europe/London') - make_interval(months => c.months)
                UNION
                SELECT c.id FROM current c
                JOIN about mine ON mine.referral_id = c.id
                JOIN about earlier ON earlier.surname = mine.surname AND earlier.forename = mine.forename
                                  AND earlier.date_of_birth = mine.date_of_birth
                WHERE mine.date_of_birth IS NOT NULL AND earlier.referral_id <> c.id AND earlier.service = c.service
                  AND earlier.received_at < c.received_at
                  AND (earlier.received_at AT TIME ZONE 'Europe/London') >= (c.received_at AT TIME ZONE 'Europe/London') - make_interval(months => c.months)
            )
            SELECT c.service, count(*)::int, count(r.id)::int
            FROM current c LEFT JOIN repeated r ON r.id = c.id
            GROUP BY c.service ORDER BY c.service
            """)
        return ReportTable(
            report: Self.name, from: p.from, to: p.to,
            columns: [.init("service", .dimension), .init("windowMonths", .dimension), .init("referrals", .count),
                      .init("reReferrals", .count), .init("percent", .derived), .init("statement", .derived)],
            rows: try result.map { row in
                let (service, referrals, repeats) = try row.decode((String, Int, Int).self)
                let months = service == "adults" ? p.adultsRepeatMonths : p.childrenRepeatMonths
                let percent = referrals == 0 ? 0 : Double(repeats) * 100 / Double(referrals)
                return [.text(service), .count(months), .count(referrals), .count(repeats), .percent(repeats, of: referrals),
                        .text("\(Self.grouped(repeats)) of \(Self.grouped(referrals)) = \(String(format: "%.2f", percent))%")]
            })
    }

    /// 3102 → "3,102".
    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var result = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return result
    }
}
