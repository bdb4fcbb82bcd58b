import ArgumentParser
import Foundation
import HubData
import HubServer
import HubTestSupport
import PostgresNIO
import Testing

@Suite("The audit trail")
struct AuditTests {
    @Test func aChangeAndAReadOfPersonalDataAreAudited() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let created = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "sam", "displayName": "Sam Jones", "agency": "pip_adults", "role": "mash_triage", "password": "long-enough-password",
            ])
            let userId = try #require(created.json["id"] as? String)
            let change = try await hub.environment.audit.events(objectType: "user", objectId: userId)
            #expect(change.map(\.action) == ["user.create"])
            #expect(change.first { $0.action == "user.create" }?.username == "admin")
            #expect(change.first { $0.action == "user.create" }?.agencyCode == "piphire_mash")
            #expect(change.first { $0.action == "user.create" }?.requestId == created.headers[.init("X-Request-Id")!])

            try await hub.request(.get, "/api/v1/users", token: admin)
            let reads = try await hub.environment.audit.recent().filter { $0.action == "user.list" }
            #expect(reads.count == 1)
            #expect(reads.first?.role == "admin")
        }
    }

    @Test func verifyPassesOnAnIntactTrailAndNamesAnEditedEvent() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            for user in ["triage", "manager", "police", "health"] { _ = try await hub.signIn(user) }
            let sealer = AuditSealer(database: hub.environment.database)
            try await sealer.sealAll()
            let verifier = AuditVerifier(database: hub.environment.database)
            let intact = try await verifier.verify()
            #expect(intact.intact)
            // Every event there is was checked (the seed's and the four sign-ins'; the verifier itself writes none).
            let events = try await hub.superuser { connection in
                try await connection.query("SELECT count(*) FROM audit_events", logger: hub.environment.logger).collect().first!.decode(Int64.self)
            }
            #expect(intact.checked == events)
            #expect(intact.checked == 11)  // 7 seeded users + 4 sign-ins

            let target = try await hub.superuser { connection in
                try await connection.query("SELECT id FROM audit_events WHERE action = 'session.create' ORDER BY id LIMIT 1 OFFSET 1", logger: hub.environment.logger)
                    .collect().first!.decode(Int64.self)
            }
            try await hub.superuser { connection in
                try await connection.query("SET session_replication_role = replica", logger: hub.environment.logger)
                try await connection.query("UPDATE audit_events SET username = 'someone-else' WHERE id = \(target)", logger: hub.environment.logger)
            }
            let report = try await verifier.verify()
            #expect(!report.intact)
            guard case let .edited(eventId, _) = report.firstProblem else {
                Issue.record("expected an edited event, got \(String(describing: report.firstProblem))"); return
            }
            #expect(eventId == target)
        }
    }

    @Test func verifyNamesADeletedEventAndTheCommandExitsNonZero() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            for user in ["triage", "manager", "police"] { _ = try await hub.signIn(user) }
            try await AuditSealer(database: hub.environment.database).sealAll()
            let url = "postgres://hub@localhost/\(hub.databaseName)?host=\(hub.cluster.socketDirectory)"

            var intact = try #require(try ServerCommandLine.parseAsRoot(["audit", "verify", "--database-url", url]) as? any AsyncParsableCommand)
            try await intact.run()

            let target = try await hub.superuser { connection in
                try await connection.query("SELECT max(id) - 2 FROM audit_events", logger: hub.environment.logger)
                    .collect().first!.decode(Int64.self)
            }
            try await hub.superuser { connection in
                try await connection.query("SET session_replication_role = replica", logger: hub.environment.logger)
                try await connection.query("DELETE FROM audit_events WHERE id = \(target)", logger: hub.environment.logger)
            }
            let report = try await AuditVerifier(database: hub.environment.database).verify()
            guard case let .removed(eventId, _) = report.firstProblem else {
                Issue.record("expected a removed event, got \(String(describing: report.firstProblem))"); return
            }
            #expect(eventId == target)

            var broken = try #require(try ServerCommandLine.parseAsRoot(["audit", "verify", "--database-url", url]) as? any AsyncParsableCommand)
            await #expect(throws: ExitCode(1)) { try await broken.run() }
        }
    }
}
