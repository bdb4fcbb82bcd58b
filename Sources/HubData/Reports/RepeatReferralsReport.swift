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
        // Each counted subject keeps the London time of the person's latest earlier referral to the service
        // (migration 007 keeps it right), so a re-referral is a subject whose previous referral is within the
        // window: one index scan, no pairing of histories, and a referral with several such subjects is counted
        // once as its subjects come together in the index. The previous referral must also be within the furthest
        // window before the period, as when earlier referrals were looked for from there on. The referrals in the
        // period are summed from the per-day counts (migration 014).
        try await ReferralDayCounts.prepare(database, from: p.from, to: p.to, yearEarlier: false)
        let result = try await database.query(
            """
            WITH counted AS (
                SELECT c.service, sum(c.contacts) AS referrals
                FROM referral_day_counts(\(p.from), \(p.to)) c
                WHERE \(p.service)::text IS NULL OR c.service = \(p.service)
                GROUP BY c.service
            ), repeated AS (
                SELECT DISTINCT ON (s.received_at, s.referral_id) s.service
                FROM referral_subjects s
                WHERE s.previous_referral_local IS NOT NULL
                  AND s.received_at >= \(p.from) AND s.received_at < \(p.to)
                  AND (\(p.service)::text IS NULL OR s.service = \(p.service))
                  AND s.previous_referral_local >= greatest(
                      (s.received_at AT TIME ZONE 'Europe/London')
                          - make_interval(months => (CASE s.service WHEN 'adults' THEN \(p.adultsRepeatMonths) ELSE \(p.childrenRepeatMonths) END)::int),
                      (\(p.from) AT TIME ZONE 'Europe/London')
                          - make_interval(months => greatest(\(p.adultsRepeatMonths), \(p.childrenRepeatMonths))::int))
                ORDER BY s.received_at, s.referral_id
            ), repeats AS (
                SELECT service, count(*) AS referrals FROM repeated GROUP BY service
            )
            SELECT c.service, c.referrals::int, coalesce(x.referrals, 0)::int
            FROM counted c LEFT JOIN repeats x ON x.service = c.service
            ORDER BY c.service
            """)
        var table = ReportTable(
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
        table.atMost("reReferrals", "referrals")
        return table
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
