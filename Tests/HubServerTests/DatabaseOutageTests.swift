import Foundation
import HTTPTypes
import HubData
import HubServer
import HubTestSupport
import HubWorkflow
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO
import Synchronization
import Testing

/// The fault test of issue #16: PostgreSQL is killed (`kill -9` of the postmaster) while clients write referrals.
///
/// It shows that no acknowledged write is lost, that every answer during the outage is a quick 503 (problem+json with
/// `Retry-After`; never a 500, never a hang), that `/ready` says 503 within 2 s, that the embedded cluster's
/// supervisor brings the server back unaided within 10 s, that the audit sealer, the referral alert scan and outbox
/// delivery catch up within 30 s of the restart, and that the server then shuts down within its bound. It runs on a
/// private durable cluster (`synchronous_commit` and `fsync` on, as the embedded default), never the shared test
/// cluster, and prints the figures it measured.
@Suite("Database outage", .serialized)
struct DatabaseOutageTests {
    /// Off unless `HUB_FAULT_TEST=1`: `scripts/test.sh` (the README's test command) runs it on its own after the
    /// suite (`HUB_FAULT_TEST=1 swift test --filter DatabaseOutageTests`). Its bounds (503 within 5 s, ready again
    /// within 10 s) are the server's; in a process that also runs the other 650 tests on two cores, writers got no
    /// answer for 15 s before PostgreSQL was even killed.
    static let enabled = ProcessInfo.processInfo.environment["HUB_FAULT_TEST"] == "1"

    static let writers = 6

    @Test(.enabled(if: enabled)) func killingTheDatabaseUnderLoadLosesNothingAndEverythingCatchesUp() async throws {
        let log = CapturedLog()
        let logger = log.logger(level: .warning)
        let cluster = try EmbeddedCluster(
            root: URL(fileURLWithPath: "/tmp/hub-outage-\(getpid())-\(UInt32.random(in: 0 ... .max))"), durability: .durable,
            maxConnections: 40, memory: EmbeddedClusterMemory(sharedBuffersMB: 32, effectiveCacheSizeMB: 256, workMemMB: 4))
        try await DedicatedThread.run { try cluster.start() }
        defer {
            try? cluster.stop(immediate: true)
            try? FileManager.default.removeItem(at: cluster.root)
        }
        try await cluster.createDatabaseIfMissing(EmbeddedCluster.defaultDatabase, logger: logger)
        note("outage test: cluster started")

        let receiver = WebhookReceiver()
        try await receiver.application.test(.live) { receiverClient in
            let port = try #require(receiverClient.port)
            let (app, database) = try Self.application(
                cluster: cluster, logger: logger, webhook: WebhookTarget(url: "http://127.0.0.1:\(port)/hook", secret: nil))
            let bodyEnded = try await app.test(.ahc(.http)) { client in
                try await Self.outage(client: client, cluster: cluster, database: database, receiver: receiver, log: log)
                return ContinuousClock.now
            }
            let shutdown = ContinuousClock.now - bodyEnded
            note("outage test: graceful shutdown took \(shutdown)")
            #expect(shutdown < HubApplication.gracefulShutdownBound)
        }
    }

    static func application(cluster: EmbeddedCluster, logger: Logger, webhook: WebhookTarget) throws -> (some ApplicationProtocol, Database) {
        let limits = DatabaseLimits.serving
        var configuration = cluster.configuration()
        configuration.options.maximumConnections = 10
        limits.apply(to: &configuration)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let database = Database(client: client, logger: logger, limits: limits)
        let environment = AppEnvironment(
            database: database, clock: SystemClock(), passwordHasher: PasswordHasher(cost: 4), layout: try ProjectLayout.locate(),
            logger: logger)
        var options = HubApplication.Options()
        options.port = 0
        options.seedDemoData = true
        options.auditSealInterval = .milliseconds(200)
        options.referralAlertInterval = .milliseconds(500)
        options.slaSweepInterval = .seconds(1)
        options.outboxInterval = .milliseconds(300)
        options.webhook = webhook
        options.supervisedCluster = cluster
        options.workerLimits = WorkerLimits(passTimeout: .seconds(10), stuckAfter: .seconds(20), backOff: WorkerBackOff(first: .milliseconds(200), maximum: .seconds(2)))
        options.outboxLimits = options.workerLimits
        return (HubApplication.build(environment: environment, client: client, options: options), database)
    }

    static func outage(client: some TestClientProtocol, cluster: EmbeddedCluster, database: Database, receiver: WebhookReceiver, log: CapturedLog)
        async throws
    {
        note("outage test: application serving")
        let token = try await signIn(client)
        let load = Load()
        defer { load.stop() }
        let writers = Task {
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<Self.writers {
                    group.addTask { await load.write(client: client, token: token, writer: writer) }
                }
            }
        }
        // Load before the crash.
        for _ in 0..<600 where load.acknowledged.count < 30 { try await Task.sleep(for: .milliseconds(50)) }
        let beforeKill = load.acknowledged.count
        note("outage test: \(beforeKill) referrals acknowledged; killing the postmaster")
        let pid = try #require(cluster.postmasterPID)
        let killedAt = ContinuousClock.now
        load.markKill(at: killedAt)
        #expect(kill(pid, SIGKILL) == 0)

        // When the supervisor has started a new postmaster, watched apart from the requests.
        let restartWatch = Task { () -> ContinuousClock.Instant? in
            while ContinuousClock.now - killedAt < .seconds(20) {
                if let newPID = cluster.postmasterPID, newPID != pid, cluster.postmasterIsAlive() { return .now }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return nil
        }
        // During the outage: /ready every 100 ms until PostgreSQL has been restarted and /ready is 200.
        var readiness: [(status: Int, took: Duration, at: Duration)] = []
        var readyAgainAt: ContinuousClock.Instant?
        while ContinuousClock.now - killedAt < .seconds(20) {
            let began = ContinuousClock.now
            let reply = try? await client.execute(uri: "/ready", method: .get)
            readiness.append((Int(reply?.status.code ?? 0), ContinuousClock.now - began, began - killedAt))
            if cluster.postmasterPID != pid && cluster.postmasterIsAlive() && reply?.status == .ok {
                readyAgainAt = .now
                break
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        let restarted = try #require(await restartWatch.value, "the supervisor did not restart PostgreSQL within 20 s of the crash")
        let servingAgain = try #require(readyAgainAt, "the server was not ready again within 20 s of the crash")
        note("outage test: PostgreSQL restarted \(restarted - killedAt) after kill -9, ready again after \(servingAgain - killedAt)")
        try await Task.sleep(for: .seconds(1))  // some load after the restart too
        load.stop()
        await writers.value
        note("outage test: writers stopped")

        // Catching up: every audit event sealed, every referral evaluated, the outbox delivered.
        var backlog: WorkBacklog?
        while ContinuousClock.now - restarted < .seconds(30) {
            backlog = try? await WorkBacklogStore(database: database).read(now: Date())
            if let backlog, backlog.unsealedAuditEvents + backlog.referralsAwaitingAlertScan + backlog.outboxPending == 0,
               receiver.deliveries.count == (try? await deliveredCount(database)) { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        let caughtUp = ContinuousClock.now - restarted
        note("outage test: catch-up loop ended after \(caughtUp)")
        let warnings = Set(log.lines.filter { $0.level >= .warning }.map {
            "\($0.message) \($0.metadata["error.type"] ?? "") \($0.metadata["error.message"] ?? "") \($0.metadata["error.sqlstate"] ?? "")"
        })
        note("outage test: distinct warnings:\n  " + warnings.sorted().joined(separator: "\n  "))
        note("outage test: the supervisor:\n  " + log.lines.filter { $0.message.contains("embedded PostgreSQL") }.map(\.description)
            .joined(separator: "\n  "))
        note("outage test: /ready after the kill (s: status, took): " + readiness.map {
            String(format: "%.1f: %d %.2f", $0.at.seconds, $0.status, $0.took.seconds)
        }.joined(separator: ", "))
        let finalBacklog = try #require(backlog, "the backlog could not be read within 30 s of the restart")

        let superuser = try await cluster.connect(database: EmbeddedCluster.defaultDatabase, logger: TestCluster.shared.logger)
        let acknowledged = load.acknowledged.compactMap(UUID.init(uuidString:))
        let found = try await superuser.query(
            "SELECT count(*)::int FROM referrals WHERE id = ANY(\(acknowledged))", logger: TestCluster.shared.logger
        ).collect().first?.decode(Int.self)
        let (events, seals) = try await superuser.query(
            "SELECT (SELECT count(*)::int FROM audit_events), (SELECT count(*)::int FROM audit_seals)", logger: TestCluster.shared.logger
        ).collect().first?.decode((Int, Int).self) ?? (-1, -2)
        let outboxKeys = Set(try await superuser.query(
            "SELECT dedupe_key FROM outbox WHERE delivered_at IS NOT NULL", logger: TestCluster.shared.logger
        ).collect().map { try $0.decode(String.self) })
        try? await superuser.close()

        let answers = load.answers
        let during = answers.filter { $0.sentAt >= killedAt && $0.sentAt < servingAgain }
        let unavailable = answers.filter { $0.status == 503 }
        note("""
            outage test: \(answers.count) referral requests by \(Self.writers) writers, \(load.acknowledged.count) acknowledged \
            (\(beforeKill) before the kill), \(found ?? -1) of them in the database after the restart
            outage test: PostgreSQL restarted \(restarted - killedAt) and Hub ready again \(servingAgain - killedAt) after kill -9; /ready answered \(readiness.count) times, \
            \(readiness.filter { $0.status == 503 }.count) × 503, slowest \(readiness.map(\.took).max() ?? .zero)
            outage test: \(during.count) API answers during the outage: \(Dictionary(grouping: during, by: \.status).mapValues(\.count)); \
            \(unavailable.count) × 503 in all, slowest answer \(answers.map(\.took).max() ?? .zero), slowest 503 \(unavailable.map(\.took).max() ?? .zero)
            outage test: caught up \(caughtUp) after the restart: \(events) audit events, \(seals) sealed; \
            \(finalBacklog.referralsAwaitingAlertScan) referrals awaiting the alert scan; \(outboxKeys.count) outbox messages delivered, \
            \(receiver.deliveries.count) distinct received, \(finalBacklog.outboxPending) pending
            """)

        #expect(found == acknowledged.count, "acknowledged referrals lost")
        #expect(acknowledged.count == load.acknowledged.count)
        #expect(servingAgain - killedAt < .seconds(10))
        // /ready is asked every 100 ms and six writers keep writing: an outage longer than 2 s must have been seen (the
        // supervisor now has the server back within a second, often before any request found it down).
        if servingAgain - killedAt > .seconds(2) { #expect(readiness.contains { $0.status == 503 }) }
        #expect(readiness.allSatisfy { $0.status == 503 || $0.status == 200 })
        #expect(readiness.allSatisfy { $0.took < .seconds(2) }, "a /ready answer took 2 s or more")
        #expect(answers.allSatisfy { $0.status == 201 || $0.status == 503 }, "statuses: \(Set(answers.map(\.status)))")
        if servingAgain - killedAt > .seconds(2) { #expect(!unavailable.isEmpty) }
        #expect(unavailable.allSatisfy { $0.problem && $0.retryAfter == "5" })
        #expect(answers.allSatisfy { $0.took < .seconds(5) }, "an answer took 5 s or more")
        #expect(caughtUp < .seconds(30))
        #expect(finalBacklog == WorkBacklog(
            oldestUnsealedAuditSeconds: finalBacklog.oldestUnsealedAuditSeconds,
            oldestAwaitingAlertScanSeconds: finalBacklog.oldestAwaitingAlertScanSeconds,
            oldestOutboxPendingSeconds: finalBacklog.oldestOutboxPendingSeconds))
        #expect(seals == events)
        #expect(!outboxKeys.isEmpty)
        #expect(receiver.deliveries == outboxKeys)
        #expect(log.lines.contains { $0.message == "restarted the embedded PostgreSQL server" && $0.level == .warning })
    }

    static func deliveredCount(_ database: Database) async throws -> Int {
        try await database.query("SELECT count(*)::int FROM outbox WHERE delivered_at IS NOT NULL").first?.decode(Int.self) ?? -1
    }

    static func signIn(_ client: some TestClientProtocol) async throws -> String {
        let body = try JSONSerialization.data(withJSONObject: ["username": "triage", "password": TestHub.demoPassword])
        let reply = try await client.execute(
            uri: "/api/v1/sessions", method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(bytes: body))
        let json = try JSONSerialization.jsonObject(with: Data(reply.body.readableBytesView)) as? [String: Any]
        return try #require(json?["token"] as? String, "sign-in failed: \(reply.status)")
    }
}

/// Progress and figures on standard error (standard output is buffered until the process ends).
func note(_ text: String) {
    FileHandle.standardError.write(Data(("\(Date()) " + text + "\n").utf8))
}

/// The writers: each creates referrals one after another (two about each child, so the repeat-referral rule raises an
/// alert for the outbox), recording every answer and the id of every acknowledged one.
final class Load: Sendable {
    struct Answer: Sendable {
        let sentAt: ContinuousClock.Instant
        let took: Duration
        let status: Int
        let problem: Bool
        let retryAfter: String?
    }

    private struct State {
        var acknowledged: [String] = []
        var answers: [Answer] = []
        var stopped = false
    }

    private let state = Mutex(State())
    private let killedAt = Mutex<ContinuousClock.Instant?>(nil)

    var acknowledged: [String] { state.withLock { $0.acknowledged } }
    var answers: [Answer] { state.withLock { $0.answers } }
    func stop() { state.withLock { $0.stopped = true } }
    func markKill(at instant: ContinuousClock.Instant) { killedAt.withLock { $0 = instant } }

    func write(client: some TestClientProtocol, token: String, writer: Int) async {
        var sequence = 0
        while !state.withLock({ $0.stopped }) {
            let child = writer * 10_000 + sequence / 2
            sequence += 1
            let body = ReferralFixture.c1(receivedAt: Date().addingTimeInterval(-60), nhsNumber: Self.nhsNumber(child)).body
            let began = ContinuousClock.now
            do {
                let reply = try await client.execute(
                    uri: "/api/v1/referrals", method: .post,
                    headers: [.contentType: "application/json", .authorization: "Bearer \(token)"],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
                let answer = Answer(
                    sentAt: began, took: ContinuousClock.now - began, status: Int(reply.status.code),
                    problem: reply.headers[.contentType] == "application/problem+json", retryAfter: reply.headers[.retryAfter])
                let id = reply.status == .created
                    ? (try? JSONSerialization.jsonObject(with: Data(reply.body.readableBytesView)) as? [String: Any])?["id"] as? String : nil
                state.withLock { state in
                    state.answers.append(answer)
                    if let id { state.acknowledged.append(id) }
                }
                if reply.status == .serviceUnavailable { try? await Task.sleep(for: .milliseconds(100)) }
            } catch {
                // No answer at all (the client's 15 s timeout, or no connection): recorded as status 0, which fails the test.
                state.withLock { $0.answers.append(Answer(sentAt: began, took: ContinuousClock.now - began, status: 0, problem: false, retryAfter: nil)) }
                note("outage test: writer \(writer) got no answer: \(String(reflecting: type(of: error))) \(error)")
                if Task.isCancelled || "\(error)".contains("alreadyShutdown") { return }
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// A valid NHS number (modulus 11 check digit) for child `n`, as `999 999 9999`.
    static func nhsNumber(_ n: Int) -> String {
        var base = 400_000_000 + n * 7
        while true {
            let digits = String(base).compactMap(\.wholeNumberValue)
            let sum = digits.enumerated().reduce(0) { $0 + $1.element * (10 - $1.offset) }
            let check = (11 - sum % 11) % 11
            if check != 10 {
                let text = String(base) + String(check)
                return "\(text.prefix(3)) \(text.dropFirst(3).prefix(3)) \(text.suffix(4))"
            }
            base += 1
        }
    }
}

/// A webhook that records the `X-Hub-Delivery` of each message it is sent.
final class WebhookReceiver: Sendable {
    private let received = Mutex<Set<String>>([])
    var deliveries: Set<String> { received.withLock { $0 } }

    var application: some ApplicationProtocol {
        let router = Router()
        router.post("hook") { [self] request, _ -> HTTPResponse.Status in
            if let key = request.headers[HTTPField.Name("X-Hub-Delivery")!] { received.withLock { _ = $0.insert(key) } }
            return .ok
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }
}
