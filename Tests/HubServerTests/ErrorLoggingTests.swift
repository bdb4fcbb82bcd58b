import Foundation
import HTTPTypes
import HubData
@testable import HubServer
import HubTestSupport
import Logging
import PostgresNIO
import Testing

/// What the log says about a database error: its SQLSTATE, constraint and table, and the request id, never the
/// server's message, detail, hint or context, which quote the failing key or the whole failing row (a password hash,
/// a name, free text). Through the API, the screens and a background worker.
@Suite("Errors in the log")
struct ErrorLoggingTests {
    static let requestIdHeader = HTTPField.Name("X-Request-Id")!
    /// Text PostgreSQL puts in its message and detail, never in a log line.
    static let serverWords = ["already exists", "duplicate key", "Failing row", "violates"]

    /// The line that names `constraint`, and every line that quotes any of `values` or the server's words.
    static func lines(_ log: CapturedLog, naming constraint: String, quoting values: [String]) -> (named: CapturedLog.Line?, quoting: [String]) {
        let lines = log.lines
        let named = lines.first { $0.metadata["error.constraint"] == constraint }
        let quoting = lines.map(\.description).filter { line in (values + serverWords).contains { line.contains($0) } }
        return (named, quoting)
    }

    @Test func aUniqueViolationIsLoggedByItsConstraintAndNotItsKey() async throws {
        let log = CapturedLog()
        try await TestHub.run(logger: log.logger()) { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let body = WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600))
            let first = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body)
            #expect(first.json["reference"] as? String == "R-000001")
            // The next referral's reference collides with the first's: `Key (reference)=(R-000001) already exists`.
            try await hub.superuser { _ = try await $0.query("SELECT setval('referral_reference_seq', 1, false)", logger: hub.environment.logger).collect() }
            let second = try await hub.request(.post, "/api/v1/referrals", token: triage, json: body)

            #expect(second.status == .internalServerError)
            #expect(second.contentType == "application/problem+json")
            let requestId = try #require(second.headers[Self.requestIdHeader])
            #expect(second.json["requestId"] as? String == requestId)
            #expect(!second.text.contains("R-000001") && !second.text.contains("referrals_reference_key"))

            let (named, quoting) = Self.lines(log, naming: "referrals_reference_key", quoting: ["R-000001"])
            #expect(named?.metadata["error.sqlstate"] == "23505")
            #expect(named?.metadata["error.table"] == "referrals")
            #expect(named?.metadata["hb.request.id"] == requestId)
            #expect(quoting.isEmpty, "log lines quoting the failing key: \(quoting)")
        }
    }

    /// A CHECK the Swift validation does not know (added here, as a stand-in for any disagreement between the two):
    /// PostgreSQL's detail is the whole failing row, with the new user's bcrypt hash, username and display name.
    @Test func aFailingRowIsNeverLogged() async throws {
        let log = CapturedLog()
        try await TestHub.run(logger: log.logger()) { (hub: TestHub) async throws in
            try await hub.superuser {
                _ = try await $0.query(
                    "ALTER TABLE users ADD CONSTRAINT users_display_name_reviewed CHECK (display_name NOT LIKE '%(unreviewed)%')",
                    logger: hub.environment.logger
                ).collect()
            }
            let admin = try await hub.signIn("admin")
            let reply = try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": "ffion.pritchard", "displayName": "Ffion Pritchard (unreviewed)", "agency": "pip_childrens",
                "role": "mash_triage", "password": "correct horse battery staple",
            ])

            #expect(reply.status == .internalServerError)
            #expect(reply.contentType == "application/problem+json")
            let requestId = try #require(reply.headers[Self.requestIdHeader])
            let (named, quoting) = Self.lines(log, naming: "users_display_name_reviewed", quoting: ["Pritchard", "ffion.pritchard"])
            #expect(named?.metadata["error.sqlstate"] == "23514")
            #expect(named?.metadata["error.table"] == "users")
            #expect(named?.metadata["hb.request.id"] == requestId)
            #expect(quoting.isEmpty, "log lines quoting the failing row: \(quoting)")
            let hashes = log.lines.map(\.description).filter { $0.range(of: #"\$2[aby]\$[0-9]{2}\$"#, options: .regularExpression) != nil }
            #expect(hashes.isEmpty, "log lines with a bcrypt hash: \(hashes)")

            // Nor does the embedded PostgreSQL's own log (it would write the row as the error's DETAIL).
            let serverLog = try String(contentsOfFile: hub.cluster.logFile, encoding: .utf8)
            let quoted = serverLog.split(separator: "\n").filter { $0.contains("Pritchard") || $0.contains("Failing row") }
            #expect(quoted.isEmpty, "PostgreSQL's log quotes the failing row: \(quoted)")
        }
    }

    /// A screen's unexpected error: the 500 page with the request id, and the same safe line as the API's.
    @Test func aScreensFailingRowIsNeverLogged() async throws {
        let log = CapturedLog()
        try await TestHub.run(logger: log.logger()) { (hub: TestHub) async throws in
            try await hub.superuser {
                _ = try await $0.query(
                    "ALTER TABLE stated_purposes ADD CONSTRAINT stated_purposes_reviewed CHECK (purpose NOT LIKE '%(unreviewed)%')",
                    logger: hub.environment.logger
                ).collect()
            }
            let triage = try await hub.signIn("triage")
            let referral = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                 json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let id = try #require(referral.json["id"] as? String)
            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "triage")
            let page = try await hub.request(.post, "/referrals/\(id)/purpose", rawBody: "csrf=\(csrf)&purpose=Ceri+Peters+school+concern+(unreviewed)",
                                             headers: [ScreenSecurityTests.cookie: cookie])

            #expect(page.status == .internalServerError)
            let requestId = try #require(page.headers[Self.requestIdHeader])
            #expect(page.text.contains(requestId))
            let (named, quoting) = Self.lines(log, naming: "stated_purposes_reviewed", quoting: ["Ceri Peters", "school concern"])
            #expect(named?.metadata["error.sqlstate"] == "23514")
            #expect(named?.metadata["error.table"] == "stated_purposes")
            #expect(named?.metadata["hb.request.id"] == requestId)
            #expect(quoting.isEmpty, "log lines quoting the failing row: \(quoting)")
        }
    }

    /// A background worker's failing pass, inside a transaction (so wrapped in `PostgresTransactionError`).
    @Test func aWorkersFailureIsLoggedByItsConstraintAndNotItsKey() async throws {
        let log = CapturedLog()
        try await TestHub.run(logger: log.logger()) { (hub: TestHub) async throws in
            let database = hub.environment.database
            let admin = try #require(try await UserStore(database: database).id(of: "admin"))
            let insert: PostgresQuery = """
                INSERT INTO idempotency_keys (user_id, key, request_hash, created_at)
                VALUES (\(admin), 'worker-key-5eb1c9', '\\x00'::bytea, now())
                """
            try await database.query(insert)
            let gate = StartupGate()
            gate.open()
            let worker = PeriodicWorker(name: "test worker", interval: .milliseconds(20), gate: gate, logger: log.logger()) {
                _ = try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query(insert, logger: database.logger).collect()
                }
            }
            let running = Task { try await worker.run() }
            for _ in 0..<250 where !log.lines.contains(where: { $0.message.hasPrefix("test worker failed") }) {
                try await Task.sleep(for: .milliseconds(20))
            }
            running.cancel()
            _ = await running.result

            let (named, quoting) = Self.lines(log, naming: "idempotency_keys_pkey", quoting: ["worker-key-5eb1c9"])
            #expect(named?.message.hasPrefix("test worker failed") == true)
            #expect(named?.metadata["error.sqlstate"] == "23505")
            #expect(named?.metadata["error.table"] == "idempotency_keys")
            #expect(quoting.isEmpty, "log lines quoting the failing key: \(quoting)")
        }
    }
}
