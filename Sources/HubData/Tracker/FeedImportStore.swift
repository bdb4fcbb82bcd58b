import Foundation
import PostgresNIO

/// The record of partner extracts imported: what the administration screen lists (counts and codes only).
public struct FeedImportStore: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public struct Imported: Sendable, Hashable {
        public let id: Int64
        public let fileName: String
        public let extractDate: String
        public let receivedAt: Date
        public let importedBy: String?
        public let rowsRead: Int
        public let rowsLoaded: Int
        public let rowsQuarantined: Int
        /// Quarantined rows by reason (`bad_nhs_check_digit` → 3).
        public let quarantined: [String: Int]
    }

    public func recent(limit: Int) async throws -> [Imported] {
        try await database.query(
            """
            SELECT id, file_name, extract_date::text, received_at, imported_by, rows_read, rows_loaded, rows_quarantined,
                   coalesce(report -> 'quarantined', '{}')::text
            FROM feed_imports ORDER BY received_at DESC, id DESC LIMIT \(limit)
            """
        ).map { row in
            let (id, name, date, at, by, read, loaded, quarantined, reasons) =
                try row.decode((Int64, String, String, Date, String?, Int, Int, Int, String).self)
            return Imported(id: id, fileName: name, extractDate: date, receivedAt: at, importedBy: by, rowsRead: read, rowsLoaded: loaded,
                            rowsQuarantined: quarantined, quarantined: try DocumentCoding.decode([String: Int].self, from: reasons))
        }
    }
}
