import Foundation
import PostgresNIO

/// The purposes a signed-in browser has stated for looking at personal data, per scope (`referral:<id>` for a
/// referral's tracker panel, `tracker` for searches and person views); they end with the session.
public struct StatedPurposeStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func state(_ purpose: String, scope: String, session tokenHash: Data, at now: Date) async throws {
        try await database.query(
            """
            INSERT INTO stated_purposes (token_hash, scope, purpose, stated_at) VALUES (\(tokenHash), \(scope), \(purpose), \(now))
            ON CONFLICT (token_hash, scope) DO UPDATE SET purpose = excluded.purpose, stated_at = excluded.stated_at
            """)
    }

    public func purpose(scope: String, session tokenHash: Data) async throws -> String? {
        try await database.query(
            "SELECT purpose FROM stated_purposes WHERE token_hash = \(tokenHash) AND scope = \(scope)"
        ).first?.decode(String.self)
    }
}
