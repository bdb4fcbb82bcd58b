import Foundation
import HubData
import HubTestSupport
import HubWorkflow
import Testing

/// `ReferralStore`'s steps of a change: locking a referral for it, and moving it to a new status.
@Suite("Referral store: lock and status", .timeLimit(.minutes(5)))
struct ReferralStoreTests {
    typealias F = WorkflowStoreFixture

    @Test func lockForChangeReadsTheStatusVersionAndReferral() async throws {
        try await F.run { f in
            let referral = try F.c1()
            let id = try await f.referral(referral)
            let store = ReferralStore(database: f.database)
            let locked = try await f.database.transaction { connection in try await store.lockForChange(id: id, on: connection) }
            let found = try #require(locked)
            #expect(found.status == .received)
            #expect(found.version == 1)
            #expect(found.referral == referral)
            let missing = try await f.database.transaction { connection in try await store.lockForChange(id: UUID(), on: connection) }
            #expect(missing == nil)
        }
    }

    @Test func lockForChangeHoldsTheRowUntilTheTransactionEnds() async throws {
        try await F.run { f in
            let id = try await f.referral(try F.c1())
            let store = ReferralStore(database: f.database)
            #expect(try await f.canLock("referrals", id: id))
            let whileLocked = try await f.database.transaction { connection in
                _ = try await store.lockForChange(id: id, on: connection)
                return try await f.canLock("referrals", id: id)
            }
            #expect(whileLocked == false)
            #expect(try await f.canLock("referrals", id: id))
        }
    }

    @Test func setStatusMovesTheStatusAndBumpsTheVersion() async throws {
        try await F.run { f in
            let id = try await f.referral(try F.c1())
            let other = try await f.referral(try F.c1(receivedAt: F.now.addingTimeInterval(-300)))
            let store = ReferralStore(database: f.database)
            let later = F.now.addingTimeInterval(60)
            try await f.database.transaction { connection in
                try await store.setStatus(.awaitingRatification, of: id, at: later, on: connection)
            }
            let first = try #require(try await f.database.transaction { connection in try await store.lockForChange(id: id, on: connection) })
            #expect(first.status == .awaitingRatification)
            #expect(first.version == 2)
            try await f.database.transaction { connection in
                try await store.setStatus(.ratified, of: id, at: later.addingTimeInterval(60), on: connection)
            }
            let stored = try #require(try await store.find(id: id))
            #expect(stored.status == .ratified)
            #expect(stored.version == 3)
            let updatedAt = try await f.database.query("SELECT updated_at FROM referrals WHERE id = \(id)").first?.decode(Date.self)
            #expect(updatedAt == later.addingTimeInterval(60))
            // The other referral is as it was.
            let untouched = try #require(try await store.find(id: other))
            #expect(untouched.status == .received)
            #expect(untouched.version == 1)
        }
    }
}
