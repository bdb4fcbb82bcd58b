import HubData
import HubWorkflow
import PostgresNIO

/// What a feed import changes, worked out before anything is written: each source's rows compared with the
/// records held (``FeedImportTransaction/compare(on:)``), the changed records cleansed, and ids reserved for the
/// new ones.
extension FeedImportTransaction {
    /// What changes, source by source: each row's record added, reinstated, updated or unchanged against the
    /// records held, and the held live records the file no longer mentions, which retire.
    mutating func compare(on connection: PostgresConnection) async throws {
        let compareStarted = ContinuousClock.now
        sourceReports = snapshot.reports
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
        changedCount = changes.reduce(0) { $0 + $1.rows.count }
    }

    /// Cleanses every source's changed records: for a first load of new sources into one array in id order
    /// (``cleansesIntoOne``), otherwise each source's into its own.
    mutating func cleanse() async {
        cleansesIntoOne = relinksAll && changes.allSatisfy(\.new)
        let (cleanser, changedCount) = (self.cleanser, self.changedCount)
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
    }

    /// New records get their ids now, in file order, source by source.
    mutating func reserveRecordIds(on connection: PostgresConnection) async throws {
        var reserved = try await store.reserveRecordIds(changes.reduce(0) { $0 + $1.newCount }, on: connection)[...]
        for index in changes.indices {
            for row in changes[index].ids.indices where changes[index].ids[row] == 0 {
                changes[index].ids[row] = reserved.removeFirst()
            }
        }
    }
}
