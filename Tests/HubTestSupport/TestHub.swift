import Foundation
import HTTPTypes
import HubData
import HubServer
import HubWorkflow
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import PostgresNIO

/// A Hub application on a fresh database with a hand-moved clock, driven through Hummingbird's test client. It
/// connects as the application's role (`hub_app`), as `hub serve` does.
public struct TestHub: Sendable {
    public let environment: AppEnvironment
    public let clock: ManualClock
    public let cluster: EmbeddedCluster
    public let databaseName: String
    public let client: any TestClientProtocol

    public static let demoPassword = "piphire-demo-2026"

    /// Runs `body` against a fresh application. The demo partnership is seeded unless `seed` is false. With
    /// `testClock` the application runs as `hub serve` does with `HUB_TEST_CLOCK` on: on a ``TestClock`` (over the
    /// manual clock) that administrators move through `/api/v1/test-clock`. `slaPolicyFile` is applied at start as
    /// `HUB_SLA_POLICIES` is. `logger`, when given, is the application's logger (and its database's and connection
    /// pool's), such as a ``CapturedLog``'s; else the test cluster's. `signInPolicy` and `passwordCost` (bcrypt's,
    /// low by default to keep tests fast) are the application's. `mailRelay` is the application's mail relay
    /// (`HUB_SMTP_RELAY`); the mail delivery does not run by itself: tests send by hand.
    public static func run<Value: Sendable>(
        seed: Bool = true, clock: ManualClock = ManualClock(), live: Bool = false, testClock: Bool = false,
        slaPolicyFile: SLAPolicyFile? = nil, logger: Logger? = nil, signInPolicy: SignInPolicy = SignInPolicy(), passwordCost: UInt8 = 4,
        mailRelay: MailRelay? = nil, _ body: @escaping @Sendable (TestHub) async throws -> Value
    ) async throws -> Value {
        let (cluster, name) = try await TestCluster.shared.freshDatabase()
        let logger = logger ?? TestCluster.shared.logger
        var configuration = cluster.configuration(database: name, as: .application)
        configuration.options.maximumConnections = 8
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let environment = AppEnvironment(
            database: Database(client: client, logger: logger), clock: testClock ? TestClock(base: clock) : clock, passwordHasher: PasswordHasher(cost: passwordCost),
            signInPolicy: signInPolicy, layout: try ProjectLayout.locate(), logger: logger, mailRelay: mailRelay)
        var options = HubApplication.Options()
        options.seedDemoData = seed
        options.auditSealInterval = .milliseconds(50)
        options.slaSweepInterval = .zero  // tests drive the sweep by hand with the manual clock
        options.referralAlertInterval = .zero  // and the referral alert scan
        options.mailInterval = .zero  // and the mail delivery
        options.slaPolicyFile = slaPolicyFile
        // The whole suite shares two cores with a browser and many databases: a query can wait longer than a load
        // balancer's 1.5 s probe, and `/ready` then answered 503 in the API walks (in one of the first two full runs of
        // 2026-12-08, and in earlier sessions).
        options.readinessProbeTimeout = .seconds(15)
        if live { options.port = 0 }
        let app = HubApplication.build(environment: environment, client: client, options: options)
        // The body's error comes back as a value, so that the application always shuts down gracefully, service by
        // service (the workers, then the pool they lease from). Thrown out of `app.test`, it would cancel every
        // service at once instead: the pool could stop while a worker waits to lease from it, and then the test
        // never ended (a failing import left the whole suite hanging rather than failing).
        //
        // The shutdown is waited for a bounded time once the body is done (BoundedTeardown): a pool that does not
        // finish stopping is left behind rather than holding the whole run.
        return try await BoundedTeardown.run(what: "the application on \(name)") { finished in
            let outcome = try await app.test(live ? .live : .router) { testClient -> Result<Value, any Error> in
                let result: Result<Value, any Error>
                do {
                    result = .success(try await body(TestHub(
                        environment: environment, clock: clock, cluster: cluster, databaseName: name, client: testClient)))
                } catch {
                    result = .failure(error)
                }
                finished(result)
                return result
            }
            finished(outcome)
        }
    }

    /// The port a live application (``run(seed:clock:live:logger:_:)`` with `live`) listens on, on 127.0.0.1.
    public var port: Int? { client.port }

    // MARK: requests

    public struct Reply: Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let body: Data

        public var json: [String: Any] {
            (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:]
        }
        public var text: String { String(decoding: body, as: UTF8.self) }
        public var contentType: String? { headers[.contentType] }
    }

    @discardableResult
    public func request(
        _ method: HTTPRequest.Method, _ uri: String, token: String? = nil, json: Any? = nil, rawBody: String? = nil,
        headers extra: HTTPFields = [:]
    ) async throws -> Reply {
        var headers = extra
        if let token { headers[.authorization] = "Bearer \(token)" }
        var body: ByteBuffer?
        if let json {
            body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
            headers[.contentType] = "application/json"
        } else if let rawBody {
            body = ByteBuffer(string: rawBody)
            headers[.contentType] = "application/json"
        }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        return Reply(status: response.status, headers: response.headers, body: Data(response.body.readableBytesView))
    }

    /// Signs in a demo user and returns the bearer token.
    public func signIn(_ username: String, password: String = TestHub.demoPassword) async throws -> String {
        let reply = try await request(.post, "/api/v1/sessions", json: ["username": username, "password": password])
        guard reply.status == .created, let token = reply.json["token"] as? String else {
            throw TestHubError("sign-in of \(username) failed: \(reply.status) \(reply.text)")
        }
        return token
    }

    // MARK: database access for assertions

    /// Runs SQL as the cluster's superuser on this test's database (used to tamper with the audit trail).
    public func superuser<Value: Sendable>(_ body: (PostgresConnection) async throws -> Value) async throws -> Value {
        try await connection(as: .superuser, body)
    }

    /// Runs SQL on this test's database, connected as `login`.
    public func connection<Value: Sendable>(as login: EmbeddedCluster.Login, _ body: (PostgresConnection) async throws -> Value)
        async throws -> Value
    {
        let logger = TestCluster.shared.logger
        let connection = try await cluster.connect(database: databaseName, as: login, logger: logger)
        do {
            let value = try await body(connection)
            try await connection.close()
            return value
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

public struct TestHubError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
