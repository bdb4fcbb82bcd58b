import HubData
import HubWorkflow
import PostgresNIO

/// A feed import's writes, source by source: a new source's records and events copied straight into their
/// tables (``BulkLoadPolicy/copiesNewSourcesDirectly``), any other's records upserted through the staging table,
/// the records the file no longer mentions retired, and its events replaced.
extension FeedImportTransaction {
    /// Whether the change at `index` is a new source's, copied straight into the tables.
    func copiesDirectly(_ index: Int) -> Bool { changes[index].new && importer.bulkLoadPolicy.copiesNewSourcesDirectly }

    /// Writes the change at `index`: its records (counted under `upsert`) and its source's events (`events`).
    mutating func write(_ index: Int, on connection: PostgresConnection) async throws {
        let source = changes[index].source
        var sourceReport = sourceReports[source] ?? ExtractSnapshot.SourceReport()
        let (changed, ids) = (changes[index].rows, changes[index].ids)
        let cleansed = cleansesIntoOne ? allNewCleansed[newCleansed[index]] : changes[index].cleansed[...]
        let direct = copiesDirectly(index)
        changes[index].release()
        if direct {
            // Nothing held to update or replace: records and events go straight into their tables.
            let upsertStarted = ContinuousClock.now
            try await copyRecords(changed, cleansed: cleansed, ids: ids, on: connection)
            report.phaseSeconds["upsert", default: 0] += (ContinuousClock.now - upsertStarted).seconds
            sourceReports[source] = sourceReport
            if !eventsCopied.contains(source) { try await copyEventsOfNewSource(source, rows: changed, ids: ids, on: connection) }
            return
        }
        let upsertStarted = ContinuousClock.now
        try await upsertRecords(changed, cleansed: cleansed, ids: ids, retiring: changes[index].retiring,
                                into: &sourceReport, on: connection)
        let untouched = snapshot.quarantinedOnly.filter { $0.sourceSystem == source }.map(\.sourceRecordId)
        report.phaseSeconds["upsert", default: 0] += (ContinuousClock.now - upsertStarted).seconds
        try await replaceEvents(of: source, untouched: untouched, into: &sourceReport, on: connection)
        sourceReports[source] = sourceReport
    }

    /// Copies a new source's records straight into their table, each under its id (and with its person after a
    /// full relink), to be linked.
    mutating func copyRecords(_ rows: [FeedRow], cleansed: ArraySlice<CleansedRecord>, ids: [Int64],
                              on connection: PostgresConnection) async throws {
        try await importer.copyNewRecords(rows, cleansed: cleansed, ids: ids, persons: fullRelink?.personOf ?? [:],
                                          importId: importId, store: store, on: connection)
        toLink += ids
        if fullRelink == nil {
            for (id, record) in zip(ids, cleansed) { written[id] = record }
        }
    }

    /// Upserts a source's changed records through the staging table, to be linked, and (unless a full relink
    /// retired them already) retires the held records the file no longer mentions (`retiring`).
    mutating func upsertRecords(
        _ rows: [FeedRow], cleansed: ArraySlice<CleansedRecord>, ids: [Int64], retiring: [Int64],
        into sourceReport: inout ExtractSnapshot.SourceReport, on connection: PostgresConnection
    ) async throws {
        try await store.prepareStaging(on: connection)
        let persons = fullRelink?.personOf ?? [:]
        try await store.stageRecords(on: connection) { writer in
            try await TrackerRecordColumns.write(rows, cleansed: cleansed, ids: ids, persons: persons,
                                                 window: FeedImporter.stagingWindow, to: writer)
        }
        let stored = try await store.upsertStagedRecords(importId: importId, on: connection)
        toLink += stored.values
        if fullRelink == nil {
            for (row, record) in zip(rows, cleansed) {
                if let id = stored[row.key.sourceRecordId] { written[id] = record }
            }
            sourceReport.recordsRetired = try await store.retire(retiring, at: now, importId: importId, on: connection)
        }
    }

    /// Replaces a source's events with the file's through the staging table, except those of records named only
    /// by quarantined rows (`untouched`), and counts the events removed, added and unchanged.
    mutating func replaceEvents(
        of source: String, untouched: [String], into sourceReport: inout ExtractSnapshot.SourceReport,
        on connection: PostgresConnection
    ) async throws {
        let eventsStarted = ContinuousClock.now
        let before = try await store.eventCount(source: source, on: connection)
        let events = rowsBySource[source]?.events ?? []
        rowsBySource[source] = nil
        try await store.stageEvents(on: connection) { writer in
            var text = CopyTextRows(capacity: FeedImporter.copyMessageBytes + 4_096)
            for event in events {
                TrackerStagingText.append(CollectionOfOne(TrackerEventRow(
                    sourceRecordId: event.key.sourceRecordId, eventType: event.eventType, eventDate: event.eventDate.description,
                    leadProfessionalName: event.leadProfessionalName, leadProfessionalPhone: event.leadProfessionalPhone,
                    leadProfessionalEmail: event.leadProfessionalEmail)), to: &text)
                if text.byteCount >= FeedImporter.copyMessageBytes {
                    try await writer.write(text.buffer)
                    text = CopyTextRows(capacity: FeedImporter.copyMessageBytes + 4_096)
                }
            }
            if text.byteCount > 0 { try await writer.write(text.buffer) }
        }
        sourceReport.eventsRemoved = try await store.replaceEventsFromStaging(source: source, untouched: untouched, on: connection)
        let after = try await store.eventCount(source: source, on: connection)
        sourceReport.eventsAdded = after - (before - sourceReport.eventsRemoved)
        sourceReport.eventsUnchanged = events.count - sourceReport.eventsAdded
        report.phaseSeconds["events", default: 0] += (ContinuousClock.now - eventsStarted).seconds
    }

    /// In a first bulk load (its foreign keys wait until the end), copies every new source's events before their
    /// records are cleansed, linked and written, and hands the memory they held back: held through cleansing and
    /// linking, they were the peak of a million-record load (Benchmarks/linkage/README.md).
    mutating func copyEventsOfNewSources(on connection: PostgresConnection) async throws {
        for index in changes.indices where copiesDirectly(index) {
            try await copyEventsOfNewSource(changes[index].source, rows: changes[index].rows, ids: changes[index].ids, on: connection)
        }
        if size >= FeedImporter.returnsFreedPagesFromBytes { HeapMemory.returnFreedPages() }
    }

    /// Copies a new source's events straight into their table (nothing held to replace), each with its record (one
    /// of `rows`, under its id in `ids`).
    mutating func copyEventsOfNewSource(_ source: String, rows: [FeedRow], ids: [Int64],
                                        on connection: PostgresConnection) async throws {
        let eventsStarted = ContinuousClock.now
        let events = rowsBySource[source]?.events ?? []
        rowsBySource[source] = nil
        let copied = try await importer.copyNewEvents(events, source: source, rows: rows, ids: ids, categories: categories,
                                                      store: store, on: connection)
        sourceReports[source, default: ExtractSnapshot.SourceReport()].eventsAdded = copied
        sourceReports[source, default: ExtractSnapshot.SourceReport()].eventsUnchanged = events.count - copied
        eventsCopied.insert(source)
        report.phaseSeconds["events", default: 0] += (ContinuousClock.now - eventsStarted).seconds
    }
}
