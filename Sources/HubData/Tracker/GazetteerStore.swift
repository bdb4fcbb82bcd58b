import Foundation
import PostgresNIO

/// The address gazetteer: properties by UPRN with the address key cleansing builds.
public struct GazetteerStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// One property as the gazetteer file gives it, with its normalised postcode and address key.
    public struct Property: Sendable, Hashable {
        public var uprn: Int64
        public var addressLine1: String
        public var addressLine2: String
        public var town: String
        public var postcode: String
        public var addressKey: String

        public init(uprn: Int64, addressLine1: String, addressLine2: String, town: String, postcode: String, addressKey: String) {
            self.uprn = uprn
            self.addressLine1 = addressLine1
            self.addressLine2 = addressLine2
            self.town = town
            self.postcode = postcode
            self.addressKey = addressKey
        }
    }

    /// Adds or replaces properties, in one transaction.
    public func upsert(_ properties: [Property]) async throws {
        let logger = database.logger
        try await database.transaction { connection in
            for batch in properties.chunked(5_000) {
                try await connection.query(
                    """
                    INSERT INTO gazetteer (uprn, address_line1, address_line2, town, postcode, address_key)
                    SELECT u, a1, a2, t, p, NULLIF(k, '')
                    FROM unnest(\(batch.map(\.uprn))::bigint[], \(batch.map(\.addressLine1))::text[], \(batch.map(\.addressLine2))::text[],
                                \(batch.map(\.town))::text[], \(batch.map(\.postcode))::text[], \(batch.map(\.addressKey))::text[])
                         AS g(u, a1, a2, t, p, k)
                    ON CONFLICT (uprn) DO UPDATE SET address_line1 = EXCLUDED.address_line1, address_line2 = EXCLUDED.address_line2,
                        town = EXCLUDED.town, postcode = EXCLUDED.postcode, address_key = EXCLUDED.address_key
                    """, logger: logger)
            }
        }
    }

    /// Every property with an address key: (UPRN, address key, postcode).
    public func keyedProperties() async throws -> [(uprn: Int64, addressKey: String, postcode: String)] {
        var result: [(Int64, String, String)] = []
        let rows = try await database.client.query(
            "SELECT uprn, address_key, postcode FROM gazetteer WHERE address_key IS NOT NULL AND postcode <> ''", logger: database.logger)
        for try await row in rows.decode((Int64, String, String).self) { result.append(row) }
        return result.map { (uprn: $0.0, addressKey: $0.1, postcode: $0.2) }
    }

    /// A property by UPRN.
    public func property(uprn: Int64) async throws -> Property? {
        guard let row = try await database.query(
            "SELECT uprn, address_line1, address_line2, town, postcode, COALESCE(address_key, '') FROM gazetteer WHERE uprn = \(uprn)"
        ).first else { return nil }
        let (u, a1, a2, t, p, k) = try row.decode((Int64, String, String, String, String, String).self)
        return Property(uprn: u, addressLine1: a1, addressLine2: a2, town: t, postcode: p, addressKey: k)
    }
}
