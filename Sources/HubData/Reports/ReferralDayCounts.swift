import Foundation
import PostgresNIO

/// The per-day referral counts the volumes and conversion reports read (migration 014, `referral_day_counts`).
enum ReferralDayCounts {
    /// Counts the London days from `from` (a year earlier with `yearEarlier`) to `to` that are old enough and not
    /// yet counted; usually there are none, and nothing is locked then.
    static func prepare(_ database: Database, from: Date, to: Date, yearEarlier: Bool) async throws {
        let years = yearEarlier ? 1 : 0
        try await database.query(
            """
            SELECT referral_volume_count_days(((\(from) AT TIME ZONE 'Europe/London') - make_interval(years => \(years)::int))::date,
                                              (\(to) AT TIME ZONE 'Europe/London')::date)
            """)
    }
}
