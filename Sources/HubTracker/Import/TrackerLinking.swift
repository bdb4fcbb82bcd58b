import Foundation
import HubData
import PostgresNIO

/// Links the tracker's records into persons, in the caller's transaction: all at once (a full
/// ``RecordLinker`` run that also saves the model) or only new and changed records against their
/// candidates (``IncrementalLinker`` with the saved model).
public struct TrackerLinking: Sendable {
    let store: TrackerLinkStore
    let configuration: LinkageConfiguration

    public init(logger: Logger, configuration: LinkageConfiguration = LinkageConfiguration()) {
        self.store = TrackerLinkStore(logger: logger)
        self.configuration = configuration
    }

    /// What linking did.
    public struct Outcome: Sendable, Hashable, Codable {
        public var recordsLinked = 0
        public var persons = 0
        public var reviews = 0
        public var merges = 0
        public var fullRun = false
    }

    /// Relinks every live record from scratch and saves the model; honours do-not-link pairs and keeps
    /// confirmed pairs together.
    /// `known` are cleansed forms the caller holds already (records it has just written), by record id: they
    /// are neither read back nor decoded again.
    public func relinkAll(at now: Date, known: [Int64: CleansedRecord] = [:], on connection: PostgresConnection) async throws -> Outcome {
        try await finishFullRelink(try await planFullRelink(pending: Array(known.keys), cleansed: { known[$0] }, on: connection),
                                   written: [], at: now, on: connection)
    }

    /// Whether linking the next import's records is a full relink (``linkNew(_:known:at:on:)`` would run
    /// ``relinkAll(at:known:on:)``): there is no saved model yet, or it came from too few records.
    public func needsFullRelink(on connection: PostgresConnection) async throws -> Bool {
        guard let saved = try await store.savedModel(on: connection) else { return true }
        return saved.records < configuration.smallestIncrementalModelSample
    }

    /// A full relink worked out and not yet written (``finishFullRelink(_:written:at:on:)`` writes it).
    public struct FullRelink: Sendable {
        /// The live records linked, in id order.
        let live: [TrackerLinkStore.LinkedRow]
        let result: LinkageResult
        /// Each live record's person, confirmed pairs kept together.
        public let personOf: [Int64: Int64]
        let merges: Int
    }

    /// Works out a full relink of every live record and of `pending`: records the caller is about to write (new
    /// ones under ids from ``TrackerImportStore/reserveRecordIds(_:on:)``, or changed ones under their own), or
    /// has just written, whose cleansed forms `cleansed` gives by id. Pending records are linked as the live
    /// records they will be, so the caller can write each with its person (``FullRelink/personOf``) instead of
    /// writing it and then setting its person, which leaves every record of a first load behind as a dead row
    /// version.
    public func planFullRelink(
        pending: [Int64], cleansed: (Int64) -> CleansedRecord?, on connection: PostgresConnection
    ) async throws -> FullRelink {
        var live: [TrackerLinkStore.LinkedRow]
        if pending.isEmpty {
            live = try await store.liveRecords(on: connection)
        } else {
            live = try await store.liveRecords(cleansedExcept: pending, on: connection)
            let inTable = Set(live.map(\.id))
            let unwritten = pending.filter { !inTable.contains($0) }
            if !unwritten.isEmpty {
                live += unwritten.map { TrackerLinkStore.LinkedRow(id: $0, cleansed: nil, personId: nil) }
                live.sort { $0.id < $1.id }
            }
        }
        let decoder = JSONDecoder()
        let records = try live.map { row in
            if let record = cleansed(row.id) { return record }
            return try Self.record(row, known: [:], decoder: decoder)
        }
        return try await plan(live: live, records: records, on: connection)
    }

    /// ``planFullRelink(pending:cleansed:on:)`` for new records the caller is about to write (`ids`,
    /// ascending, from ``TrackerImportStore/reserveRecordIds(_:on:)`` and so after every id held) with their cleansed
    /// forms in the same order. The forms are linked as given, not copied, so a first load of a million records holds
    /// them once.
    public func planFullRelink(
        new ids: [Int64], _ newRecords: [CleansedRecord], on connection: PostgresConnection
    ) async throws -> FullRelink {
        precondition(ids.count == newRecords.count && zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        let held = try await store.liveRecords(on: connection)
        precondition(held.last.map { $0.id < (ids.first ?? .max) } ?? true, "new ids come after every id held")
        let decoder = JSONDecoder()
        var records = try held.map { try Self.record($0, known: [:], decoder: decoder) }
        let live = held.map { TrackerLinkStore.LinkedRow(id: $0.id, cleansed: nil, personId: $0.personId) }
            + ids.map { TrackerLinkStore.LinkedRow(id: $0, cleansed: nil, personId: nil) }
        records = records.isEmpty ? newRecords : records + newRecords
        return try await plan(live: live, records: records, on: connection)
    }

    /// Links `records` (the cleansed forms of `live`, in the same order), on threads of its own.
    private func plan(
        live: [TrackerLinkStore.LinkedRow], records: [CleansedRecord], on connection: PostgresConnection
    ) async throws -> FullRelink {
        let doNotLink = try await doNotLinkPairs(on: connection)
        let linker = RecordLinker(configuration: configuration)
        let result = await LinkageThread.run { linker.link(records, doNotLink: doNotLink) }
        var personOf: [Int64: Int64] = [:]
        personOf.reserveCapacity(live.count)
        for (index, row) in live.enumerated() { personOf[row.id] = result.personIDs[index].rawValue }
        // A confirmed review keeps its two records in one person.
        var merges = 0
        for (a, b) in try await store.confirmedLinks(on: connection) {
            guard let pa = personOf[a], let pb = personOf[b], pa != pb else { continue }
            let (into, absorbed) = (min(pa, pb), max(pa, pb))
            for (record, person) in personOf where person == absorbed { personOf[record] = into }
            merges += 1
        }
        return FullRelink(live: live, result: result, personOf: personOf, merges: merges)
    }

    /// Writes a full relink: the person of every live record except those `written` already with theirs, the
    /// reviews (replacing the pending ones) and the model. Every pending record must have been written by now.
    public func finishFullRelink(_ plan: FullRelink, written: Set<Int64>, at now: Date, on connection: PostgresConnection) async throws -> Outcome {
        try await store.assignPersons(plan.personOf.compactMap { written.contains($0.key) ? nil : (record: $0.key, person: $0.value) },
                                      on: connection)
        try await store.clearPendingReviews(on: connection)
        let (live, result) = (plan.live, plan.result)
        let encoder = JSONEncoder()
        try await store.addReviews(try result.reviews.map { pair in
            TrackerLinkStore.ReviewCandidate(
                recordA: live[pair.recordA].id, recordB: live[pair.recordB].id, weight: pair.matchWeight,
                probability: pair.matchProbability,
                explanation: String(decoding: try encoder.encode(result.explanation(for: pair)), as: UTF8.self))
        }, at: now, on: connection)
        try await store.saveModel(String(decoding: try encoder.encode(result.model), as: UTF8.self), records: live.count, at: now, on: connection)
        var outcome = Outcome()
        outcome.recordsLinked = live.count
        outcome.persons = Set(plan.personOf.values).count
        outcome.reviews = result.reviews.count
        outcome.merges = plan.merges
        outcome.fullRun = true
        return outcome
    }

    /// Links records just added or changed (by id) against the persons they may belong to, with the saved
    /// model; a full run when there is no model yet or it came from too few records
    /// (``LinkageConfiguration/smallestIncrementalModelSample``). `known` as for ``relinkAll(at:known:on:)``.
    public func linkNew(_ ids: [Int64], known: [Int64: CleansedRecord] = [:], at now: Date, on connection: PostgresConnection) async throws -> Outcome {
        guard !ids.isEmpty else { return Outcome() }
        guard let saved = try await store.savedModel(on: connection), saved.records >= configuration.smallestIncrementalModelSample else {
            return try await relinkAll(at: now, known: known, on: connection)
        }
        let decoder = JSONDecoder()
        let model = try decoder.decode(LinkageModel.self, from: Data(saved.model.utf8))
        let unknown = ids.filter { known[$0] == nil }
        var fresh: [TrackerLinkStore.LinkedRow] = []
        if !unknown.isEmpty { fresh = try await store.recordsById(unknown, on: connection) }
        if unknown.count < ids.count {
            fresh += Set(ids).subtracting(unknown).map { TrackerLinkStore.LinkedRow(id: $0, cleansed: nil, personId: nil) }
            fresh.sort { $0.id < $1.id }
        }
        let existing = try await store.candidates(for: ids, on: connection)
        let newRecords = try fresh.map { try Self.record($0, known: known, decoder: decoder) }
        let linked = try existing.map {
            LinkedRecord(record: try Self.record($0, known: known, decoder: decoder), personID: PersonID($0.personId ?? 0))
        }
        let linker = IncrementalLinker(configuration: configuration, model: model)
        let doNotLink = try await doNotLinkPairs(on: connection)
        let nextPersonID = PersonID(try await store.nextPersonId(on: connection))
        let result = await LinkageThread.run { linker.link(new: newRecords, existing: linked, doNotLink: doNotLink, nextPersonID: nextPersonID) }
        for merge in result.merges {
            try await store.merge(person: merge.absorbed.rawValue, into: merge.into.rawValue, on: connection)
        }
        try await store.assignPersons(fresh.enumerated().map { (record: $0.element.id, person: result.personIDs[$0.offset].rawValue) }, on: connection)
        let all = existing + fresh
        let encoder = JSONEncoder()
        try await store.addReviews(try result.reviews.map { pair in
            TrackerLinkStore.ReviewCandidate(
                recordA: all[pair.recordA].id, recordB: all[pair.recordB].id, weight: pair.matchWeight,
                probability: pair.matchProbability,
                explanation: String(decoding: try encoder.encode(result.explanation(for: pair)), as: UTF8.self))
        }, at: now, on: connection)
        var outcome = Outcome()
        outcome.recordsLinked = fresh.count
        outcome.persons = Set(result.personIDs).count
        outcome.reviews = result.reviews.count
        outcome.merges = result.merges.count
        return outcome
    }

    /// A row's cleansed form: the one the caller holds, else the row's own, decoded.
    static func record(_ row: TrackerLinkStore.LinkedRow, known: [Int64: CleansedRecord], decoder: JSONDecoder) throws -> CleansedRecord {
        if let record = known[row.id] { return record }
        guard let text = row.cleansed else { throw MissingCleansedForm(recordId: row.id) }
        return try CleansedRecordJSON.decode(text, with: decoder)
    }

    /// A record read without its cleansed form that the caller did not hold either (a programming error).
    struct MissingCleansedForm: Error, CustomStringConvertible {
        let recordId: Int64
        var description: String { "record \(recordId) was read without its cleansed form" }
    }

    func doNotLinkPairs(on connection: PostgresConnection) async throws -> DoNotLinkPairs {
        DoNotLinkPairs(try await store.doNotLinkPairs(on: connection).map {
            (RecordKey(sourceSystem: $0.0.0, sourceRecordId: $0.0.1), RecordKey(sourceSystem: $0.1.0, sourceRecordId: $0.1.1))
        })
    }
}
