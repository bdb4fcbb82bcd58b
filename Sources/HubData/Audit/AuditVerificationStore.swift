import Foundation
import PostgresNIO

/// The record of audit chain verifications: each run's result, and the latest for the administration screen.
public struct AuditVerificationStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Verification: Sendable, Hashable {
        public let verifiedAt: Date
        public let verifiedBy: String
        public let checked: Int64
        public let intact: Bool
        public let firstProblem: String?
        public let headHash: String?
    }

    public func record(_ report: AuditVerifier.Report, by who: String, at now: Date) async throws {
        try await database.query(
            """
            INSERT INTO audit_verifications (verified_at, verified_by, checked, intact, first_problem, head_hash)
            VALUES (\(now), \(who), \(report.checked), \(report.intact), \(report.firstProblem?.description), \(report.headHash))
            """)
    }

    public func latest() async throws -> Verification? {
        try await database.query(
            """
            SELECT verified_at, verified_by, checked, intact, first_problem, head_hash FROM audit_verifications
            ORDER BY verified_at DESC, id DESC LIMIT 1
            """
        ).first.map { row in
            let (at, by, checked, intact, problem, head) = try row.decode((Date, String, Int64, Bool, String?, String?).self)
            return Verification(verifiedAt: at, verifiedBy: by, checked: checked, intact: intact, firstProblem: problem, headHash: head)
        }
    }
}
