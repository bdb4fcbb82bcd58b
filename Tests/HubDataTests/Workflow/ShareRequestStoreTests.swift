import Foundation
import HubData
import HubTestSupport
import HubWorkflow
import Testing

/// `ShareRequestStore`'s steps of answering and chasing: locking a request, recording an answer, and a chaser.
@Suite("Share request store: lock, answer and chase", .timeLimit(.minutes(5)))
struct ShareRequestStoreTests {
    typealias F = WorkflowStoreFixture

    /// A referral, its incident and a request to the police about it.
    func request(_ f: F) async throws -> (request: UUID, incident: (id: UUID, reference: String), referral: UUID) {
        let referral = try await f.referral(try F.c1())
        let incident = try await f.incident(for: referral)
        return (try await f.askPolice(incidentId: incident.id), incident, referral)
    }

    func lock(_ id: UUID, _ f: F) async throws -> ShareRequestStore.Locked? {
        try await f.database.transaction { connection in try await ShareRequestStore(database: f.database).lockForChange(id: id, on: connection) }
    }

    @Test func lockForChangeReadsTheRequestWithItsIncidentAndAgency() async throws {
        try await F.run { f in
            let (id, incident, referral) = try await request(f)
            let locked = try #require(try await lock(id, f))
            #expect(locked.incidentId == incident.id)
            #expect(locked.referralId == referral)
            #expect(incident.reference == "I-000001")
            #expect(locked.incidentReference == "I-000001")
            #expect(locked.agencyId == f.police.agencyId)
            #expect(locked.request == ShareRequest(agency: "piphire_police", requestedAt: F.now, dueAt: F.now.addingTimeInterval(7200)))
            #expect(try await lock(UUID(), f) == nil)
        }
    }

    @Test func lockForChangeHoldsTheRowUntilTheTransactionEnds() async throws {
        try await F.run { f in
            let (id, _, _) = try await request(f)
            #expect(try await f.canLock("share_requests", id: id))
            let whileLocked = try await f.database.transaction { connection in
                _ = try await ShareRequestStore(database: f.database).lockForChange(id: id, on: connection)
                return try await f.canLock("share_requests", id: id)
            }
            #expect(whileLocked == false)
            #expect(try await f.canLock("share_requests", id: id))
        }
    }

    @Test func recordAnswerKeepsTheAnswerWhoGaveItWhenAndWhetherOnTime() async throws {
        try await F.run { f in
            let (id, _, _) = try await request(f)
            let store = ShareRequestStore(database: f.database)
            let answeredAt = F.now.addingTimeInterval(3600)
            let response = ShareResponse(kind: .informationShared, information: "Two 101 calls from the address in October.",
                                         reason: "Shared under the duty to share.")
            try await f.database.transaction { connection in
                try await store.recordAnswer(response, to: id, actor: f.police, at: answeredAt, onTime: true, on: connection)
            }
            let found = try #require(try await store.find(id: id))
            #expect(found.request.state == .answered)
            #expect(found.request.response == response)
            #expect(found.request.answeredAt == answeredAt)
            let row = try #require(try await f.database.query(
                "SELECT answered_by, answered_on_time FROM share_requests WHERE id = \(id)"
            ).first).decode((UUID?, Bool?).self)
            #expect(row.0 == f.police.userId)
            #expect(row.1 == true)
        }
    }

    @Test func recordAnswerKeepsALateDecline() async throws {
        try await F.run { f in
            let (id, _, _) = try await request(f)
            let store = ShareRequestStore(database: f.database)
            let answeredAt = F.now.addingTimeInterval(3 * 3600)
            let response = ShareResponse(kind: .declined, reason: "No lawful basis without consent.")
            try await f.database.transaction { connection in
                try await store.recordAnswer(response, to: id, actor: f.police, at: answeredAt, onTime: false, on: connection)
            }
            let found = try #require(try await store.find(id: id))
            #expect(found.request.response == response)
            #expect(found.request.answeredAt == answeredAt)
            let onTime = try #require(try await f.database.query("SELECT answered_on_time FROM share_requests WHERE id = \(id)").first)
                .decode(Bool?.self)
            #expect(onTime == false)
        }
    }

    @Test func recordChaseKeepsTheCountAndWhenTheLastWas() async throws {
        try await F.run { f in
            let (id, _, _) = try await request(f)
            let store = ShareRequestStore(database: f.database)
            let first = F.now.addingTimeInterval(1800)
            try await f.database.transaction { connection in try await store.recordChase(of: id, count: 1, at: first, on: connection) }
            let once = try #require(try await lock(id, f))
            #expect(once.request.chaseCount == 1)
            #expect(once.request.lastChasedAt == first)
            let second = F.now.addingTimeInterval(5400)
            try await f.database.transaction { connection in try await store.recordChase(of: id, count: 2, at: second, on: connection) }
            let twice = try #require(try await lock(id, f))
            #expect(twice.request.chaseCount == 2)
            #expect(twice.request.lastChasedAt == second)
            #expect(twice.request.state == .requested)
        }
    }
}
