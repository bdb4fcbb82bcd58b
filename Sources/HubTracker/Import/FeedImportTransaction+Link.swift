import HubData
import HubWorkflow
import PostgresNIO

/// A feed import's linking: a full relink (a first load) worked out before anything is written, so each record
/// is written once, with its person, and finished once written; otherwise the records written linked against
/// those held.
extension FeedImportTransaction {
    /// Retires the records the file no longer mentions, then works out a full relink of every live record and of
    /// the changed ones.
    mutating func retireAndPlanFullRelink(on connection: PostgresConnection) async throws {
        let linkStarted = ContinuousClock.now
        for index in changes.indices {
            let source = changes[index].source
            if sourceReports[source] != nil {  // only for a source with a report (every source has one)
                let retired = try await store.retire(changes[index].retiring, at: now, importId: importId, on: connection)
                sourceReports[source]?.recordsRetired = retired
            }
            changes[index].retiring = []
        }
        if cleansesIntoOne {
            // Only new records, under ids reserved in order: linking takes their cleansed forms as they are.
            fullRelink = try await linking.planFullRelink(new: changes.flatMap(\.ids), allNewCleansed, on: connection)
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
            }, on: connection)
        }
        report.phaseSeconds["link", default: 0] += (ContinuousClock.now - linkStarted).seconds
    }

    /// Links the records written: writes the full relink worked out before them, or links them against the
    /// records held.
    mutating func link(on connection: PostgresConnection) async throws {
        let linkStarted = ContinuousClock.now
        if let fullRelink {
            report.linking = try await linking.finishFullRelink(fullRelink, written: Set(toLink), at: now, on: connection)
        } else {
            report.linking = try await linking.linkNew(toLink.sorted(), known: written, at: now, on: connection)
        }
        written = [:]
        report.phaseSeconds["link", default: 0] += (ContinuousClock.now - linkStarted).seconds
    }
}
