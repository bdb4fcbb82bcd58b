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

    public init(database: Database, configuration: LinkageConfiguration = LinkageConfiguration()) {
        self.database = database
        self.configuration = configuration
    }

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

        // Read and validate every row.
        var snapshot = ExtractSnapshot(extractDate: extractDate)
        var quarantined: [QuarantinedRowEntry] = []
        let handle = try FileHandle(forReadingFrom: url)
        defer { try? handle.close() }
        var reader = CSVReader(file: handle)
        do {
            guard let header = try reader.next() else { throw FeedRejection("the file is empty: a header row is required") }
            let columns: FeedColumns
            do { columns = try FeedColumns(header: header.fields) } catch let failure as FeedColumns.Failure {
                throw FeedRejection(failure.description)
            }
            report.unknownColumns = columns.unknown
            let validator = FeedRowValidator(extractDate: extractDate)
            var rows = 0
            while let record = try reader.next() {
                rows += 1
                switch validator.validate(record.fields, line: record.line, columns: columns) {
                case .success(let (row, notes)):
                    snapshot.add(row, notes: notes, knownEventTypes: knownEventTypes)
                case .failure(let failure):
                    snapshot.add(failure)
                    quarantined.append(QuarantinedRowEntry(line: failure.line, reason: failure.reason.rawValue,
                                                           sourceSystem: failure.sourceSystem, sourceRecordId: failure.sourceRecordId))
                }
                if rows % 20_000 == 0 { progress?(Int64(reader.bytesRead), size) }
            }
            guard rows > 0 else { throw FeedRejection("the file has no data rows (an empty snapshot would retire every record of its sources)") }
        } catch let failure as CSVReader.Failure {
            throw FeedRejection(failure.description)
        }
        progress?(size, size)
        snapshot.finish()
        report.phaseSeconds["read"] = (ContinuousClock.now - started).seconds

        let gazetteer = try await GazetteerStore(database: database).keyedProperties()
        let cleanser = RecordCleanser(gazetteer: gazetteer.isEmpty ? nil : GazetteerIndex(entries: gazetteer.map {
            GazetteerEntry(uprn: $0.uprn, addressKey: $0.addressKey, postcode: $0.postcode)
        }))
        let linking = TrackerLinking(logger: logger, configuration: configuration)
        let encoder = JSONEncoder()
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
            var toLink: [Int64] = []
            var sourceReports = snapshot.reports
            for source in snapshot.sources {
                var sourceReport = sourceReports[source] ?? ExtractSnapshot.SourceReport()
                let held = try await store.heldRecords(source: source, on: connection)
                let records = snapshot.records.values.filter { $0.key.sourceSystem == source }
                var changed: [FeedRow] = []
                for row in records {
                    let hash = TrackerDigest.fields(row.details)
                    if let existing = held[row.key.sourceRecordId] {
                        if existing.retired { sourceReport.recordsReinstated += 1; changed.append(row) }
                        else if existing.detailsHash != hash { sourceReport.recordsUpdated += 1; changed.append(row) }
                        else { sourceReport.recordsUnchanged += 1 }
                    } else {
                        sourceReport.recordsAdded += 1
                        changed.append(row)
                    }
                }
                let cleanseStarted = ContinuousClock.now
                let sourceRecords = changed.map(\.sourceRecord)
                let cleansed = await LinkageThread.run { cleanser.cleanse(sourceRecords) }
                report.phaseSeconds["cleanse", default: 0] += (ContinuousClock.now - cleanseStarted).seconds
                let rows = try zip(changed, cleansed).map { try TrackerRecordColumns.row(for: $0, cleansed: $1, encoder: encoder) }
                let ids = try await store.upsert(rows, importId: importId, on: connection)
                toLink += ids.values
                let untouched = snapshot.quarantinedOnly.filter { $0.sourceSystem == source }.map(\.sourceRecordId)
                sourceReport.recordsRetired = try await store.retire(
                    source: source, keeping: records.map(\.key.sourceRecordId) + untouched, at: now, importId: importId, on: connection)
                let before = try await store.eventCount(source: source, on: connection)
                let events = snapshot.events.values.filter { $0.key.sourceSystem == source }.map {
                    TrackerEventRow(sourceRecordId: $0.key.sourceRecordId, eventType: $0.eventType, eventDate: $0.eventDate.description,
                                    leadProfessionalName: $0.leadProfessionalName, leadProfessionalPhone: $0.leadProfessionalPhone,
                                    leadProfessionalEmail: $0.leadProfessionalEmail)
                }
                let recordIds = try await store.liveRecordIds(source: source, on: connection)
                sourceReport.eventsRemoved = try await store.replaceEvents(
                    source: source, with: events, recordIds: recordIds, untouched: untouched, on: connection)
                let after = try await store.eventCount(source: source, on: connection)
                sourceReport.eventsAdded = after - (before - sourceReport.eventsRemoved)
                sourceReport.eventsUnchanged = events.count - sourceReport.eventsAdded
                sourceReports[source] = sourceReport
            }
            report.sources = sourceReports
            report.rowsRead = sourceReports.values.reduce(0) { $0 + $1.rowsRead }
            report.rowsLoaded = sourceReports.values.reduce(0) { $0 + $1.rowsLoaded }
            report.outsideWindow = sourceReports.values.reduce(0) { $0 + $1.outsideWindow }
            report.rowsQuarantined = quarantined.count
            for entry in quarantined { report.quarantined[entry.reason, default: 0] += 1 }
            let linkStarted = ContinuousClock.now
            report.linking = try await linking.linkNew(toLink.sorted(), at: now, on: connection)
            report.phaseSeconds["link"] = (ContinuousClock.now - linkStarted).seconds
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

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
