import Foundation
import HubData
import HubTestSupport
import Testing

/// The audit trail's store on a migrated database with no application in front of it: rows it appends cannot be
/// changed or removed, and sealers running at once build one chain.
@Suite("The audit trail's store", .timeLimit(.minutes(2)))
struct AuditTrailTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test func theDatabaseRefusesUpdatesAndDeletesOfAuditRows() async throws {
        try await TestCluster.shared.withFreshDatabase(as: .superuser) { database in
            // A row for the row-level refusals to act on (the connection is the cluster's superuser, as before).
            try await AuditTrail(database: database).record(AuditEvent(
                occurredAt: Self.now, requestId: nil, actor: nil, action: "test.event", objectType: "test", objectId: "1"))
            await #expect(throws: (any Error).self) { try await database.query("UPDATE audit_events SET action = 'x'") }
            await #expect(throws: (any Error).self) { try await database.query("DELETE FROM audit_events") }
            await #expect(throws: (any Error).self) { try await database.query("TRUNCATE audit_events") }
            let rows = try await database.query("SELECT action FROM audit_events").map { try $0.decode(String.self) }
            #expect(rows == ["test.event"])
        }
    }

    @Test func concurrentSealersBuildOneChain() async throws {
        try await TestCluster.shared.withFreshDatabase { database in
            let trail = AuditTrail(database: database)
            for index in 0..<300 {
                try await trail.record(AuditEvent(occurredAt: Self.now, requestId: nil, actor: nil, action: "test.event",
                                                  objectType: "test", objectId: "\(index)"))
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { for _ in 0..<20 { try await AuditSealer(database: database).sealPending(batchSize: 10) } }
                }
                try await group.waitForAll()
            }
            try await AuditSealer(database: database).sealAll()
            let report = try await AuditVerifier(database: database).verify()
            #expect(report.intact)
            #expect(report.checked == 300)
        }
    }
}
