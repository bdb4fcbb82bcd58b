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

    /// The name of the agency behind each partner feed, by source system (`PIP-CSC` → its agency's name).
    public func agencyNames() async throws -> [String: String] {
        var names: [String: String] = [:]
        for row in try await database.query(
            "SELECT f.source_system, a.name FROM feed_source_agencies f JOIN agencies a ON a.code = f.agency_code") {
            let (source, name) = try row.decode((String, String).self)
            names[source] = name
        }
        return names
    }
}
