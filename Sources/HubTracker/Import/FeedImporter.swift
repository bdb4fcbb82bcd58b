import Foundation
import HubData
import HubWorkflow
import PostgresNIO

/// Imports a partner extract (docs/feed-format.md): validates every row (a bad row is quarantined, never
/// stops the rest), then in one transaction replaces each source's snapshot (adds and updates records,
/// replaces events, retires records the extract no longer mentions), gives new records UPRNs from the
/// gazetteer and links them, raises the priority alerts the new data sets off, and writes the audit event.
/// A file imported before changes nothing.
public struct FeedImporter: Sendable {
    let database: Database
    let configuration: LinkageConfiguration
    let bulkLoadPolicy: BulkLoadPolicy

    public init(database: Database, configuration: LinkageConfiguration = LinkageConfiguration(),
                bulkLoadPolicy: BulkLoadPolicy = BulkLoadPolicy()) {
        self.database = database
        self.configuration = configuration
        self.bulkLoadPolicy = bulkLoadPolicy
    }

    /// Records staged (cleansed, encoded and copied) at a time: bounds the text held at once.
    static let stagingWindow = 20_000
    /// About how much `COPY` text goes in one message.
    static let copyMessageBytes = 1 << 20

    /// Called now and then while reading: bytes read so far and the file's size.
    public typealias Progress = @Sendable (_ bytesRead: Int64, _ size: Int64) -> Void

    /// Imports the file at `url`; `operator` names who imported it in the report and the audit event.
    public func importFile(
        at url: URL, fileName: String? = nil, extractDate: CalendarDay, actor: Identity?, operator operatorName: String,
        now: Date, requestId: String? = nil, progress: Progress? = nil
    ) async throws -> FeedImportReport {
        let started = ContinuousClock.now
        let logger = database.logger
        let store = TrackerImportStore(logger: logger)
        let (sha256, size) = try TrackerDigest.file(at: url)
        var report = FeedImportReport(fileName: fileName ?? url.lastPathComponent, sha256: sha256,
                                      extractDate: extractDate.description, importedBy: operatorName)
        func audit(_ detail: [String: String], objectId: String?) -> AuditEvent {
            var detail = detail
            detail["file_sha256"] = sha256
            detail["operator"] = operatorName
            return AuditEvent(occurredAt: now, requestId: requestId, actor: actor, action: "tracker.feed_import",
                              objectType: "feed_import", objectId: objectId, detail: detail)
        }
        if let earlier = try await database.withConnection({ try await store.importId(sha256: sha256, on: $0) }) {
            report.importId = earlier
            report.alreadyImported = true
            try await AuditTrail(database: database).record(audit(["outcome": "already_imported"], objectId: String(earlier)))
            return report
        }
        let knownEventTypes = try await database.withConnection { try await store.knownEventTypes(on: $0) }

        // The gazetteer's index, built while the file is read.
        let gazetteerIndex = Task { [database] () async throws -> GazetteerIndex? in
            let gazetteer = try await GazetteerStore(database: database).keyedProperties()
            guard !gazetteer.isEmpty else { return nil }
            return await LinkageThread.run {
                GazetteerIndex(entries: gazetteer.map { GazetteerEntry(uprn: $0.uprn, addressKey: $0.addressKey, postcode: $0.postcode) })
            }
        }
        defer { gazetteerIndex.cancel() }
        // Read and validate every row.
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        let extract = try await ExtractReader(extractDate: extractDate, knownEventTypes: knownEventTypes)
            .read(handle, size: size, progress: progress)
        var snapshot = extract.snapshot
        let quarantined = extract.quarantined
        report.unknownColumns = extract.unknownColumns
        report.phaseSeconds["read"] = (ContinuousClock.now - started).seconds

        let gazetteerStarted = ContinuousClock.now
        let cleanser = RecordCleanser(gazetteer: try await gazetteerIndex.value)
        report.phaseSeconds["gazetteer"] = (ContinuousClock.now - gazetteerStarted).seconds
        let linking = TrackerLinking(logger: logger, configuration: configuration)
        // One copy of the rows from here on, source by source; each source's go once written.
        var rowsBySource = snapshot.takeRows()
        let finalReport: FeedImportReport = try await database.transaction { connection in
            var report = report
            try await store.lock(on: connection)
            let eventWatermark = try await WatchlistStore(database: database).eventWatermark(on: connection)
            let latest = try await store.latestExtractDates(on: connection)
            for source in snapshot.sources {
                if let date = latest[source], date > extractDate.description {
                    throw FeedRejection("the extract is dated \(extractDate), before the \(date) extract already imported for \(source)")
                }
            }
            let importId = try await store.beginImport(
                fileName: report.fileName, sha256: sha256, size: size, extractDate: extractDate.description, receivedAt: now,
                operator: operatorName, on: connection)
            report.importId = importId
            try await store.quarantine(quarantined, importId: importId, on: connection)
            // What changes, source by source, before anything is written: a load large against what is held
            // drops the search indexes and builds them again once linking is done.
            let compareStarted = ContinuousClock.now
            var sourceReports = snapshot.reports
            var changes: [SourceChanges] = []
            for source in snapshot.sources {
                var sourceReport = sourceReports[source] ?? ExtractSnapshot.SourceReport()
                let held = try await store.heldRecords(source: source, on: connection)
                var change = SourceChanges(source: source, new: held.isEmpty)
                // The source's live records the file no longer mentions (not even in a quarantined row) retire.
                var kept = Set(snapshot.quarantinedOnly.lazy.filter { $0.sourceSystem == source }.map(\.sourceRecordId))
                for row in rowsBySource[source]?.records ?? [] {
                    kept.insert(row.key.sourceRecordId)
                    guard let existing = held[row.key.sourceRecordId] else {
                        sourceReport.recordsAdded += 1
                        change.add(row, id: 0)
                        continue
                    }
                    if existing.retired { sourceReport.recordsReinstated += 1; change.add(row, id: existing.id) }
                    else if existing.detailsHash != TrackerDigest.fields(row.details) { sourceReport.recordsUpdated += 1; change.add(row, id: existing.id) }
                    else { sourceReport.recordsUnchanged += 1 }
                }
                rowsBySource[source]?.records = []
                sourceReports[source] = sourceReport
                change.retiring = held.compactMap { recordId, record in !record.retired && !kept.contains(recordId) ? record.id : nil }
                changes.append(change)
            }
            report.phaseSeconds["compare"] = (ContinuousClock.now - compareStarted).seconds
            let changedCount = changes.reduce(0) { $0 + $1.rows.count }
            let bulkLoad = bulkLoadPolicy.applies(changed: changedCount, held: try await store.recordCount(on: connection))
            if bulkLoad {
                let indexesStarted = ContinuousClock.now
                // Only new sources, copied straight in: no upsert needs the unique constraints until they are back.
                let onlyCopies = bulkLoadPolicy.copiesNewSourcesDirectly && changes.allSatisfy(\.new)
                _ = try await store.suspendIndexes(uniqueConstraints: onlyCopies, on: connection)
                report.phaseSeconds["indexes", default: 0] += (ContinuousClock.now - indexesStarted).seconds
            }
            // With no model to link against yet (a first load), every live record is linked afresh.
            let relinksAll = try await linking.needsFullRelink(on: connection)
            // A first load of new sources links and writes from one array of cleansed forms in id order: the array,
            // and where each change's forms are in it.
            let cleansesIntoOne = relinksAll && changes.allSatisfy(\.new)
            var allNewCleansed: [CleansedRecord] = []
            var newCleansed: [Range<Int>] = []
            // Cleansing, every source's changed records.
            let cleanseStarted = ContinuousClock.now
            if cleansesIntoOne {
                for change in changes {
                    let start = newCleansed.last?.upperBound ?? 0
                    newCleansed.append(start..<(start + change.rows.count))
                }
                let (rows, ranges) = (changes.map(\.rows), newCleansed)
                allNewCleansed = await LinkageThread.run {
                    cleanser.cleanse(count: changedCount) { index in
                        let change = ranges.firstIndex { $0.contains(index) }!
                        return rows[change][index - ranges[change].lowerBound].sourceRecord
                    }
                }
            } else {
                for index in changes.indices {
                    let sourceRecords = changes[index].rows.map(\.sourceRecord)
                    changes[index].cleansed = await LinkageThread.run { cleanser.cleanse(sourceRecords) }
                }
            }
            report.phaseSeconds["cleanse", default: 0] += (ContinuousClock.now - cleanseStarted).seconds
            // New records get their ids now, in file order, source by source.
            var reserved = try await store.reserveRecordIds(changes.reduce(0) { $0 + $1.newCount }, on: connection)[...]
            for index in changes.indices {
                for row in changes[index].ids.indices where changes[index].ids[row] == 0 {
                    changes[index].ids[row] = reserved.removeFirst()
                }
            }
            let categories = changes.contains(where: \.new) ? try await store.eventCategories(on: connection) : [:]
            // A new source's events, copied straight into their table (nothing held to replace). In a bulk load,
            // whose foreign keys wait until the end, they go before their records: while a full relink is worked out.
            var eventsCopied: Set<String> = []
            func copyEventsOfNewSource(_ source: String, rows: [FeedRow], ids: [Int64]) async throws {
                let eventsStarted = ContinuousClock.now
                let events = rowsBySource[source]?.events ?? []
                rowsBySource[source] = nil
                let copied = try await copyNewEvents(events, source: source, rows: rows, ids: ids, categories: categories,
                                                     store: store, on: connection)
                sourceReports[source, default: ExtractSnapshot.SourceReport()].eventsAdded = copied
                sourceReports[source, default: ExtractSnapshot.SourceReport()].eventsUnchanged = events.count - copied
                eventsCopied.insert(source)
                report.phaseSeconds["events", default: 0] += (ContinuousClock.now - eventsStarted).seconds
            }
            let copiesDirectly = { (index: Int) in changes[index].new && bulkLoadPolicy.copiesNewSourcesDirectly }
            // A full relink is worked out before anything is written, so each record is written once, with its person.
            var fullRelink: TrackerLinking.FullRelink?
            if relinksAll {
                let linkStarted = ContinuousClock.now
                for index in changes.indices {
                    let source = changes[index].source
                    sourceReports[source]?.recordsRetired = try await store.retire(changes[index].retiring, at: now, importId: importId, on: connection)
                    changes[index].retiring = []
                }
                var eventsSeconds = 0.0
                let copyEventsMeanwhile = {
                    guard bulkLoad else { return }
                    let before = report.phaseSeconds["events", default: 0]
                    for change in changes.indices.filter(copiesDirectly).map({ changes[$0] }) {
                        try await copyEventsOfNewSource(change.source, rows: change.rows, ids: change.ids)
                    }
                    eventsSeconds = report.phaseSeconds["events", default: 0] - before
                }
                if cleansesIntoOne {
                    // Only new records, under ids reserved in order: linking takes their cleansed forms as they are.
                    fullRelink = try await linking.planFullRelink(new: changes.flatMap(\.ids), allNewCleansed,
                                                                  meanwhile: copyEventsMeanwhile, on: connection)
                } else {
                    // Where each pending record's cleansed form is (not a copy of them all: they are large).
                    var place: [Int64: (change: Int, row: Int)] = [:]
                    place.reserveCapacity(changedCount)
                    for (change, changed) in changes.enumerated() {
                        for (row, id) in changed.ids.enumerated() { place[id] = (change, row) }
                    }
                    let pending = changes
                    fullRelink = try await linking.planFullRelink(pending: Array(place.keys), cleansed: { id in
                        place[id].map { pending[$0.change].cleansed[$0.row] }
                    }, meanwhile: copyEventsMeanwhile, on: connection)
                }
                // The events' time is counted under their own phase, not linking's as well.
                report.phaseSeconds["link", default: 0] += (ContinuousClock.now - linkStarted).seconds - eventsSeconds
            }
            var toLink: [Int64] = []
            var written: [Int64: CleansedRecord] = [:]  // for linking: not read back and decoded again
            if fullRelink == nil { written.reserveCapacity(changedCount) }
            for index in changes.indices {
                let source = changes[index].source
                var sourceReport = sourceReports[source] ?? ExtractSnapshot.SourceReport()
                let (changed, ids) = (changes[index].rows, changes[index].ids)
                let cleansed = cleansesIntoOne ? allNewCleansed[newCleansed[index]] : changes[index].cleansed[...]
                let direct = copiesDirectly(index)
                changes[index].release()
                if direct {
                    // Nothing held to update or replace: records and events go straight into their tables.
                    let upsertStarted = ContinuousClock.now
                    try await copyNewRecords(changed, cleansed: cleansed, ids: ids, persons: fullRelink?.personOf ?? [:],
                                             importId: importId, store: store, on: connection)
                    toLink += ids
                    if fullRelink == nil {
                        for (id, record) in zip(ids, cleansed) { written[id] = record }
                    }
                    report.phaseSeconds["upsert", default: 0] += (ContinuousClock.now - upsertStarted).seconds
                    sourceReports[source] = sourceReport
                    if !eventsCopied.contains(source) { try await copyEventsOfNewSource(source, rows: changed, ids: ids) }
                    continue
                }
                let upsertStarted = ContinuousClock.now
                try await store.prepareStaging(on: connection)
                try await store.stageRecords(on: connection) { writer in
                    try await TrackerRecordColumns.write(changed, cleansed: cleansed, ids: ids, persons: fullRelink?.personOf ?? [:],
                                                         window: Self.stagingWindow, to: writer)
                }
                let stored = try await store.upsertStagedRecords(importId: importId, on: connection)
                toLink += stored.values
                if fullRelink == nil {
                    for (row, record) in zip(changed, cleansed) {
                        if let id = stored[row.key.sourceRecordId] { written[id] = record }
                    }
                    sourceReport.recordsRetired = try await store.retire(changes[index].retiring, at: now, importId: importId, on: connection)
                }
                let untouched = snapshot.quarantinedOnly.filter { $0.sourceSystem == source }.map(\.sourceRecordId)
                report.phaseSeconds["upsert", default: 0] += (ContinuousClock.now - upsertStarted).seconds
                let eventsStarted = ContinuousClock.now
                let before = try await store.eventCount(source: source, on: connection)
                let events = rowsBySource[source]?.events ?? []
                rowsBySource[source] = nil
                try await store.stageEvents(on: connection) { writer in
                    var text = CopyTextRows(capacity: Self.copyMessageBytes + 4_096)
                    for event in events {
                        TrackerStagingText.append(CollectionOfOne(TrackerEventRow(
                            sourceRecordId: event.key.sourceRecordId, eventType: event.eventType, eventDate: event.eventDate.description,
                            leadProfessionalName: event.leadProfessionalName, leadProfessionalPhone: event.leadProfessionalPhone,
                            leadProfessionalEmail: event.leadProfessionalEmail)), to: &text)
                        if text.byteCount >= Self.copyMessageBytes {
                            try await writer.write(text.buffer)
                            text = CopyTextRows(capacity: Self.copyMessageBytes + 4_096)
                        }
                    }
                    if text.byteCount > 0 { try await writer.write(text.buffer) }
                }
                sourceReport.eventsRemoved = try await store.replaceEventsFromStaging(source: source, untouched: untouched, on: connection)
                let after = try await store.eventCount(source: source, on: connection)
                sourceReport.eventsAdded = after - (before - sourceReport.eventsRemoved)
                sourceReport.eventsUnchanged = events.count - sourceReport.eventsAdded
                report.phaseSeconds["events", default: 0] += (ContinuousClock.now - eventsStarted).seconds
                sourceReports[source] = sourceReport
            }
            allNewCleansed = []
            // Statistics for the rows just written, or linking's queries are planned for the table as it was (a
            // full relink was worked out before writing, and a bulk load gathers them again once its indexes are back).
            if bulkLoad ? fullRelink == nil : changedCount >= 10_000 {
                let analyzeStarted = ContinuousClock.now
                try await store.analyze(on: connection)
                report.phaseSeconds["analyze", default: 0] += (ContinuousClock.now - analyzeStarted).seconds
            }
            report.sources = sourceReports
            report.rowsRead = sourceReports.values.reduce(0) { $0 + $1.rowsRead }
            report.rowsLoaded = sourceReports.values.reduce(0) { $0 + $1.rowsLoaded }
            report.outsideWindow = sourceReports.values.reduce(0) { $0 + $1.outsideWindow }
            report.rowsQuarantined = quarantined.count
            for entry in quarantined { report.quarantined[entry.reason, default: 0] += 1 }
            let linkStarted = ContinuousClock.now
            if let fullRelink {
                report.linking = try await linking.finishFullRelink(fullRelink, written: Set(toLink), at: now, on: connection)
            } else {
                report.linking = try await linking.linkNew(toLink.sorted(), known: written, at: now, on: connection)
            }
            written = [:]
            report.phaseSeconds["link", default: 0] += (ContinuousClock.now - linkStarted).seconds
            if bulkLoad {
                // Before the alerts, whose queries want the indexes, and always before the transaction commits.
                let indexesStarted = ContinuousClock.now
                _ = try await store.restoreIndexes(on: connection)
                try await store.analyze(on: connection)
                report.phaseSeconds["indexes", default: 0] += (ContinuousClock.now - indexesStarted).seconds
            }
            let alertsStarted = ContinuousClock.now
            report.alertsRaised = try await ImportAlerts(database: database).evaluate(
                importId: importId, extractDate: extractDate, eventWatermark: eventWatermark, at: now, on: connection)
            report.phaseSeconds["alerts"] = (ContinuousClock.now - alertsStarted).seconds
            try await store.recordSources(snapshot.sources, extractDate: extractDate.description, importId: importId, on: connection)
            report.seconds = (ContinuousClock.now - started).seconds
            report.phaseSeconds["store"] = report.seconds - report.phaseSeconds.values.reduce(0, +)
            let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
            try await store.finishImport(id: importId, rowsRead: report.rowsRead, rowsLoaded: report.rowsLoaded,
                                         rowsQuarantined: report.rowsQuarantined, report: json, on: connection)
            try await AuditTrail(database: database).record(audit([
                "rows_read": String(report.rowsRead), "rows_loaded": String(report.rowsLoaded),
                "rows_quarantined": String(report.rowsQuarantined),
            ], objectId: String(importId)), on: connection)
            return report
        }
        return finalReport
    }
}

