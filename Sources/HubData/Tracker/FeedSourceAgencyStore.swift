import Foundation

/// Which agency sends each partner feed (`feed_source_agencies`), so alerts can say who holds a case.
public struct FeedSourceAgencyStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public func assign(source: String, to agency: String) async throws {
        try await database.query(
            """
            INSERT INTO feed_source_agencies (source_system, agency_code) VALUES (\(source), \(agency))
            ON CONFLICT (source_system) DO UPDATE SET agency_code = EXCLUDED.agency_code
            """)
    }
}
