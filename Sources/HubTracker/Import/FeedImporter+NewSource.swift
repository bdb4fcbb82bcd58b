import HubData
import PostgresNIO

/// Writing a source that holds no records yet: nothing can conflict with what is held, so its records and
/// events are copied straight into `tracker_records` and `tracker_events` (``BulkLoadPolicy/copiesNewSourcesDirectly``),
/// with no staging tables between.
extension FeedImporter {
    /// Copies a new source's records, each under its id (and with its person when it was linked before being
    /// written), and adds their names and address keys to the values search matches fuzzily.
    func copyNewRecords(
        _ rows: [FeedRow], cleansed: ArraySlice<CleansedRecord>, ids: [Int64], persons: [Int64: Int64], importId: Int64,
        store: TrackerImportStore, on connection: PostgresConnection
    ) async throws {
        try await store.copyRecords(on: connection) { writer in
            try await TrackerRecordColumns.write(rows, cleansed: cleansed, ids: ids, persons: persons, storedBy: importId,
                                                 window: Self.stagingWindow, to: writer)
        }
        try await store.addSearchVocabulary(
            names: Array(Set(cleansed.lazy.flatMap { [$0.name.forename ?? "", $0.name.surname ?? ""] })),
            addressKeys: Array(Set(cleansed.lazy.map { $0.address.key ?? "" })), on: connection)
    }

    /// Copies a new source's events, each with its record (one of `rows`, under its id in `ids`) and its code's
    /// category (`unknown` for a code not in `categories`); returns how many were copied (an event whose record
    /// is not among `rows` is left out). Unless the foreign keys are suspended (a bulk load), the records must
    /// have been written first.
    func copyNewEvents(
        _ events: [FeedEvent], source: String, rows: [FeedRow], ids: [Int64], categories: [String: String],
        store: TrackerImportStore, on connection: PostgresConnection
    ) async throws -> Int {
        var idOf: [String: Int64] = [:]
        idOf.reserveCapacity(rows.count)
        for (row, id) in zip(rows, ids) { idOf[row.key.sourceRecordId] = id }
        var copied = 0
        try await store.copyEvents(on: connection) { writer in
            var text = CopyTextRows(capacity: Self.copyMessageBytes + 4_096)
            for event in events {
                guard let recordId = idOf[event.key.sourceRecordId] else { continue }
                TrackerStagingText.appendStored(TrackerEventRow(
                    sourceRecordId: event.key.sourceRecordId, eventType: event.eventType, eventDate: event.eventDate.description,
                    leadProfessionalName: event.leadProfessionalName, leadProfessionalPhone: event.leadProfessionalPhone,
                    leadProfessionalEmail: event.leadProfessionalEmail),
                    recordId: recordId, sourceSystem: source, category: categories[event.eventType] ?? "unknown", to: &text)
                copied += 1
                if text.byteCount >= Self.copyMessageBytes {
                    try await writer.write(text.buffer)
                    text = CopyTextRows(capacity: Self.copyMessageBytes + 4_096)
                }
            }
            if text.byteCount > 0 { try await writer.write(text.buffer) }
        }
        return copied
    }
}
