import Foundation
import HubData

/// Loads an address gazetteer CSV (`uprn,address_line1,address_line2,town,postcode`), computing each
/// property's address key as cleansing does, so records can be given UPRNs.
public struct GazetteerImporter: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    /// What the import read and loaded.
    public struct Report: Sendable, Codable, Hashable {
        public var rowsRead = 0
        public var loaded = 0
        public var skipped = 0
    }

    public func importFile(at url: URL) async throws -> Report {
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = CSVReader(file: handle)
        guard let header = try reader.next() else { throw FeedRejection("the gazetteer file is empty") }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard let uprnColumn = names.firstIndex(of: "uprn") else { throw FeedRejection("the gazetteer header lacks `uprn`") }
        func column(_ name: String, _ fields: [String]) -> String {
            guard let index = names.firstIndex(of: name), index < fields.count else { return "" }
            return fields[index].trimmingCharacters(in: .whitespaces)
        }
        let addresses = AddressCleanser()
        var report = Report()
        var properties: [GazetteerStore.Property] = []
        while let record = try reader.next() {
            report.rowsRead += 1
            guard uprnColumn < record.fields.count, let uprn = Int64(record.fields[uprnColumn].trimmingCharacters(in: .whitespaces)) else {
                report.skipped += 1
                continue
            }
            let line1 = column("address_line1", record.fields)
            let line2 = column("address_line2", record.fields)
            let town = column("town", record.fields)
            let postcode = column("postcode", record.fields)
            let cleansed = addresses.cleanse(lines: [line1, line2].filter { !$0.isEmpty }, town: town, postcode: postcode)
            properties.append(GazetteerStore.Property(
                uprn: uprn, addressLine1: line1, addressLine2: line2, town: town,
                postcode: cleansed.normalisedPostcode ?? postcode, addressKey: cleansed.key ?? ""))
        }
        try await GazetteerStore(database: database).upsert(properties)
        report.loaded = properties.count
        return report
    }
}
