import Foundation
import Logging
import PostgresNIO

/// Walks the audit hash chain and names the first event that no longer matches what was sealed.
public struct AuditVerifier: Sendable {
    let database: Database

    public init(database: Database) { self.database = database }

    public enum Finding: Sendable, Equatable, CustomStringConvertible {
        /// The event's content differs from what was sealed: it was edited (or its seal was).
        case edited(eventId: Int64, seq: Int64)
        /// A seal names an event that is no longer there.
        case removed(eventId: Int64, seq: Int64)
        /// The chain skips a position: a seal was removed, or rows were reordered.
        case sealMissing(seq: Int64)
        /// An event below the watermark was never sealed: inserted after the fact, or its seal was removed.
        case unsealed(eventId: Int64)

        public var description: String {
            switch self {
            case let .edited(eventId, seq): return "audit event \(eventId) (chain position \(seq)) was edited after it was sealed"
            case let .removed(eventId, seq): return "audit event \(eventId) (chain position \(seq)) was removed"
            case let .sealMissing(seq): return "the chain has no position \(seq): a seal was removed or the chain reordered"
            case let .unsealed(eventId): return "audit event \(eventId) is below the sealed watermark but has no seal: inserted afterwards or its seal removed"
            }
        }
    }

    public struct Report: Sendable, Equatable {
        /// How many sealed events were checked.
        public let checked: Int64
        /// The first problem found, if any.
        public let firstProblem: Finding?
        /// The hash at the head of the chain: record it elsewhere to detect a rewritten chain.
        public let headHash: String?
        public var intact: Bool { firstProblem == nil }
    }

    public func verify() async throws -> Report {
        let logger = database.logger
        return try await database.withConnection { connection in
            let rows = try await connection.query(
                """
                SELECT s.seq, s.event_id, s.chain_hash, CASE WHEN e.id IS NULL THEN NULL ELSE audit_canonical(e) END
                FROM audit_seals s LEFT JOIN audit_events e ON e.id = s.event_id
                ORDER BY s.seq
                """, logger: logger)
            var expectedSeq: Int64 = 1
            var previous: Data?
            var checked: Int64 = 0
            var problem: Finding?
            for try await (seq, eventId, hash, canonical) in rows.decode((Int64, Int64, Data, String?).self) {
                guard problem == nil else { continue }  // drain the stream
                if seq != expectedSeq {
                    problem = .sealMissing(seq: expectedSeq)
                    continue
                }
                guard let canonical else {
                    problem = .removed(eventId: eventId, seq: seq)
                    continue
                }
                if AuditChain.link(previous: previous, canonical: canonical) != hash {
                    problem = .edited(eventId: eventId, seq: seq)
                    continue
                }
                previous = hash
                expectedSeq += 1
                checked += 1
            }
            if problem == nil {
                let unsealed = try await connection.query(
                    """
                    SELECT e.id FROM audit_events e, audit_seal_watermark w
                    WHERE e.id <= w.watermark AND NOT EXISTS (SELECT 1 FROM audit_seals s WHERE s.event_id = e.id)
                    ORDER BY e.id LIMIT 1
                    """, logger: logger
                ).collect()
                if let row = unsealed.first { problem = .unsealed(eventId: try row.decode(Int64.self)) }
            }
            return Report(
                checked: checked, firstProblem: problem,
                headHash: previous.map { $0.map { String(format: "%02x", $0) }.joined() })
        }
    }
}
