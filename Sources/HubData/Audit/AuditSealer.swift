import Foundation
import Logging
import PostgresNIO

/// Seals new audit events into the hash chain, in the background, in batches.
///
/// Sealing inline on every insert would serialise every write behind one lock (measured 8× slower); instead
/// events are appended freely and sealed here a moment later. Several `hub serve` processes may run a sealer:
/// a transaction-scoped advisory lock lets one seal at a time, and the others skip their turn.
public struct AuditSealer: Sendable {
    let database: Database
    /// How long after insertion an event id is assumed settled (no transaction still holding a lower id open).
    /// Events are sealed at once; only the watermark below which nothing is looked for waits this long.
    let settleInterval: TimeInterval
    static let advisoryLock: Int64 = 0x4855_425F_4155_4454

    public init(database: Database, settleInterval: TimeInterval = 600) {
        self.database = database
        self.settleInterval = settleInterval
    }

    /// Seals up to `batchSize` unsealed events; returns how many it sealed. When another sealer holds the lock it
    /// returns 0 at once, or with `waitForLock` waits its turn.
    @discardableResult
    public func sealPending(batchSize: Int = 5_000, waitForLock: Bool = false) async throws -> Int {
        let logger = database.logger
        let settle = settleInterval
        return try await database.transaction { connection in
            if waitForLock {
                try await connection.query("SELECT pg_advisory_xact_lock(\(Self.advisoryLock))", logger: logger)
            } else {
                let locked = try await connection.query(
                    "SELECT pg_try_advisory_xact_lock(\(Self.advisoryLock))", logger: logger
                ).collect().first?.decode(Bool.self) ?? false
                guard locked else { return 0 }
            }

            let watermark = try await connection.query(
                "SELECT watermark FROM audit_seal_watermark", logger: logger
            ).collect().first?.decode(Int64.self) ?? 0
            var (seq, previous): (Int64, Data?) = (0, nil)
            if let last = try await connection.query(
                "SELECT seq, chain_hash FROM audit_seals ORDER BY seq DESC LIMIT 1", logger: logger
            ).collect().first {
                let (lastSeq, lastHash) = try last.decode((Int64, Data).self)
                (seq, previous) = (lastSeq, lastHash)
            }

            let pending = try await connection.query(
                """
                SELECT e.id, audit_canonical(e) FROM audit_events e
                WHERE e.id > \(watermark) AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)
                ORDER BY e.id LIMIT \(batchSize)
                """, logger: logger)
            var seqs: [Int64] = []
            var eventIds: [Int64] = []
            var hashes: [Data] = []
            for try await (id, canonical) in pending.decode((Int64, String).self) {
                seq += 1
                let link = AuditChain.link(previous: previous, canonical: canonical)
                seqs.append(seq); eventIds.append(id); hashes.append(link)
                previous = link
            }
            if !seqs.isEmpty {
                try await connection.query(
                    """
                    INSERT INTO audit_seals (seq, event_id, chain_hash, sealed_at)
                    SELECT * , now() FROM unnest(\(seqs)::bigint[], \(eventIds)::bigint[], \(hashes.map { ByteBuffer(bytes: $0) })::bytea[])
                    """, logger: logger)
            }
            // Move the watermark up to just below the lowest unsealed event, but never past events younger than
            // the settle interval: a transaction that took a lower id may still commit.
            try await connection.query(
                """
                UPDATE audit_seal_watermark SET watermark = greatest(watermark, least(
                    coalesce((SELECT min(e.id) - 1 FROM audit_events e WHERE e.id > \(watermark)
                              AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)),
                             (SELECT coalesce(max(event_id), 0) FROM audit_seals)),
                    coalesce((SELECT max(e.id) FROM audit_events e WHERE e.id > \(watermark)
                              AND e.recorded_at < now() - make_interval(secs => \(settle))), \(watermark))))
                """, logger: logger)
            return seqs.count
        }
    }

    /// Seals everything pending now, waiting for any other sealer (for `hub audit verify` and tests).
    public func sealAll() async throws {
        while try await sealPending(waitForLock: true) > 0 {}
    }
}
