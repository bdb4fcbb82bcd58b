import ArgumentParser
import AsyncHTTPClient
import Foundation
import HubData
import HubServer
import HubWorkflow
import Hummingbird
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// `hub bench referrals | reports | tracker | screens`: the benchmarks.
public struct BenchCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks (run a release build: swift build -c release).", subcommands: [Referrals.self, Reports.self, TrackerBenchCommand.self, ScreensBenchCommand.self])

    public init() {}

    /// Referral creation through the HTTP API, audited, against a fresh database.
    struct Referrals: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "POST /api/v1/referrals with audit, concurrently; prints throughput and latency percentiles.")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Referrals to create.") var requests = 4000
        @Option(help: "Requests in flight.") var concurrency = 16
        @Option(help: "Port for the in-process server.") var port = 18080
        @Option(help: "Database to (re)create on the embedded cluster.") var benchDatabase = "hub_bench"
        @Option(help: "Seconds between referral alert scans in the server (0: no scan, to time creation alone).")
        var referralAlertSeconds = 5
        @Option(help: "The server's database connections (default: concurrency + 4).") var pool: Int?
        @Option(name: .customLong("serve-only"), help: ArgumentHelp(
            "Drive nothing: set up, sign in and warm up, write `token` and `referral.json` into this folder, touch `ready`, "
                + "then serve until SIGTERM or SIGINT (for an external load generator; see Benchmarks/workflow/run.sh).",
            valueName: "folder"))
        var serveOnlyFolder: String?

        func run() async throws {
            var logger = Logger.hub()
            logger.logLevel = .warning
            let opened = try await database.open(logger: logger)
            defer { opened.release(logger: logger) }
            var configuration = opened.configuration
            if let cluster = opened.cluster {
                try await cluster.dropDatabase(benchDatabase, logger: logger)
                try await cluster.createDatabaseIfMissing(benchDatabase, logger: logger)
                configuration = cluster.configuration(database: benchDatabase)
            }
            configuration.options.maximumConnections = pool ?? concurrency + 4
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let environment = AppEnvironment(
                database: Database(client: client, logger: logger), clock: SystemClock(), layout: opened.layout, logger: logger)
            var options = HubApplication.Options()
            options.port = port
            options.seedDemoData = true
            options.referralAlertInterval = .seconds(referralAlertSeconds)
            let app = HubApplication.build(environment: environment, client: client, options: options)
            let group = ServiceGroup(configuration: .init(
                services: [app], gracefulShutdownSignals: serveOnlyFolder == nil ? [] : [.sigterm, .sigint], logger: logger))
            // A client of its own, shut down at the end: the shared one's idle keep-alive connections would keep the
            // process alive after the results are printed.
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            do {
                try await withThrowingTaskGroup(of: Void.self) { tasks in
                    tasks.addTask { try await group.run() }
                    let base = "http://127.0.0.1:\(port)"
                    let api = BenchAPIClient(base: base, http: http)
                    try await api.waitUntilReady()
                    let token = try await api.signIn(username: "triage", password: "piphire-demo-2026")
                    let receivedAt = Date().addingTimeInterval(-600)
                    // Warm up.
                    for child in 0..<50 {
                        _ = try await post(base, token: token, body: try referralBody(receivedAt: receivedAt, child: 1_000_000 + child), http: http)
                    }
                    if let serveOnlyFolder {
                        try writeLoadGeneratorFiles(to: serveOnlyFolder, token: token, body: try referralBody(receivedAt: receivedAt, child: nil))
                        say("serving on \(base) until SIGTERM or SIGINT; token and body are in \(serveOnlyFolder)")
                        try await tasks.next()
                        return
                    }
                    try await drive(base, token: token, http: http, environment: environment) {
                        try referralBody(receivedAt: receivedAt, child: $0)
                    }
                    await group.triggerGracefulShutdown()
                    try await tasks.waitForAll()
                }
            } catch {
                try? await http.shutdown()
                throw error
            }
            try await http.shutdown()
        }

        /// Posts `requests` referrals from `concurrency` workers in this process and prints the figures.
        /// Each request is about a different child (`body(n)` for the n-th).
        func drive(_ base: String, token: String, http: HTTPClient, environment: AppEnvironment,
                   body: @escaping @Sendable (Int) throws -> ByteBuffer) async throws {
            let (requests, concurrency) = (self.requests, self.concurrency)
            let started = ContinuousClock.now
            let latencies = try await withThrowingTaskGroup(of: LatencySummary.self) { workers in
                for worker in 0..<concurrency {
                    workers.addTask {
                        var mine = LatencySummary()
                        var index = worker
                        while index < requests {
                            let t0 = ContinuousClock.now
                            let status = try await post(base, token: token, body: try body(index), http: http)
                            guard status == 201 else { throw ValidationError("a request answered \(status)") }
                            mine.record(ContinuousClock.now - t0)
                            index += concurrency
                        }
                        return mine
                    }
                }
                var all = LatencySummary()
                for try await part in workers { all.add(part) }
                return all
            }
            let seconds = (ContinuousClock.now - started).seconds
            let audits = try await environment.database.query("SELECT count(*) FROM audit_events WHERE action = 'referral.create'")
                .first!.decode(Int.self)
            say("referral creation through the API: \(requests) requests, concurrency \(concurrency)")
            say(String(format: "  throughput %.0f referrals/s over %.1f s", Double(requests) / seconds, seconds))
            say(String(format: "  latency median %.2f ms, p95 %.2f ms, p99 %.2f ms",
                       latencies.median, latencies.p95, latencies.percentile(0.99)))
            say("  audit events written for them: \(audits - 50)")
        }

        /// What an external load generator needs: the bearer token and the request body, then `ready`.
        func writeLoadGeneratorFiles(to folder: String, token: String, body: ByteBuffer) throws {
            let directory = URL(fileURLWithPath: folder, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(token.utf8).write(to: directory.appendingPathComponent("token"))
            try Data(body.readableBytesView).write(to: directory.appendingPathComponent("referral.json"))
            try Data().write(to: directory.appendingPathComponent("ready"))
        }

        func post(_ base: String, token: String, body: ByteBuffer, http: HTTPClient) async throws -> Int {
            try await BenchAPIClient(base: base, http: http).post("/api/v1/referrals", token: token, body: body).status
        }

        /// A C1 about the `child`-th child (its own valid NHS number and surname) and a parent. Without `child`, the
        /// child is `Peters-child` with NHS number 943 476 5919: the wrk script puts a random child in their place.
        /// (Referring one child thousands of times measures the repeat-referral bookkeeping and the alert rules over
        /// one person's ever-growing history instead of a MASH's day.)
        func referralBody(receivedAt: Date, child: Int?) throws -> ByteBuffer {
            let (surname, nhsNumber) = child.map(Self.child) ?? ("Peters-child", "943 476 5919")
            let address: [String: Any] = ["addressLines": ["1 Stoops Fold", "Down Park"], "town": "PIP Town", "postcode": "PP2 5GN"]
            let body: [String: Any] = [
                "form": "c1", "receivedAt": HubDateFormat.string(from: receivedAt), "channel": "phone", "localAuthority": "PIP Town Council",
                "referrer": ["name": "Morwen Ellis", "role": "Health visitor", "agency": "piphire_uhb", "phone": "01632 960123"],
                "subjects": [
                    ["role": "child", "forename": "Ceri", "surname": surname, "dateOfBirth": "2016-04-02", "gender": "female",
                     "nhsNumber": nhsNumber].merging(address) { a, _ in a },
                    ["role": "parent_carer", "forename": "Shira", "surname": "Peters", "dateOfBirth": "1990-07-21", "gender": "female"]
                        .merging(address) { a, _ in a },
                ],
                "concern": ["categories": ["neglect"], "summary": "Came to clinic hungry and unwashed.", "immediateRisk": false],
                "consent": ["status": "obtained"],
            ]
            return ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body))
        }

        /// The n-th child's surname and NHS number: nine digits from n, then the mod-11 check digit (an n whose
        /// check would be 10 borrows the next number).
        static func child(_ n: Int) -> (surname: String, nhsNumber: String) {
            var candidate = n
            while true {
                let digits = String(format: "%09d", 100_000_000 + candidate % 900_000_000).compactMap(\.wholeNumberValue)
                let sum = zip(digits, (2...10).reversed()).reduce(0) { $0 + $1.0 * $1.1 }
                let check = (11 - sum % 11) % 11
                if check != 10 {
                    let number = digits.map(String.init).joined() + String(check)
                    let letters = String(digits.map { Character(UnicodeScalar(UInt8(97 + $0))) })
                    return ("Peters-" + letters, number)
                }
                candidate += 1
            }
        }
    }

    /// Every board report over a year of synthetic activity, at Cwm Taf's volume times `scale`.
    struct Reports: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Time each board report over a synthetic year (medians of runs).")

        @OptionGroup var database: DatabaseOptions
        @Option(help: "Multiple of Cwm Taf's year one (33,455 contacts).") var scale = 1
        @Option(help: "Runs per report.") var runs = 7
        @Option(help: "Database to (re)create on the embedded cluster.") var benchDatabase = "hub_bench_reports"

        func run() async throws {
            var logger = Logger.hub()
            logger.logLevel = .warning
            let (opened, configuration) = try await database.recreatedDatabase(benchDatabase, logger: logger)
            defer { opened.release(logger: logger) }
            let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
            let (scale, runs, layout) = (self.scale, self.runs, opened.layout)
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { await client.run() }
                defer { group.cancelAll() }
                let database = Database(client: client, logger: logger)
                let environment = AppEnvironment(database: database, clock: SystemClock(), passwordHasher: PasswordHasher(cost: 4), layout: layout, logger: logger)
                try await environment.migrations.migrate(database)
                try await DemoSeed(environment: environment, stores: Stores(database: environment.database)).load()
                let start = try Date("2025-04-01T00:00:00Z", strategy: .iso8601)
                let end = try Date("2026-04-01T00:00:00Z", strategy: .iso8601)
                let generated = ContinuousClock.now
                try await SyntheticActivity(database: database).generate(contacts: 33_455 * scale, yearStarting: start)
                let counts = try await database.query("SELECT (SELECT count(*) FROM referrals)::int, (SELECT count(*) FROM incidents)::int")
                    .first!.decode((Int, Int).self)
                say("synthetic year x\(scale): \(counts.0) contacts, \(counts.1) incidents (generated in \(String(format: "%.1f", (ContinuousClock.now - generated).seconds)) s)")
                var parameters = ReportParameters(from: start, to: end, asOf: end)
                parameters.area = TrackerArea("PP2")  // the area report needs one (the tracker is empty here)
                for name in BoardReportCatalog.names {
                    let report = BoardReportCatalog.all[name]!
                    let first = ContinuousClock.now
                    _ = try await report.run(database, parameters)  // warm (volumes counts the past days here, once)
                    let firstTime = (ContinuousClock.now - first).milliseconds
                    var times: [Double] = []
                    for _ in 0..<runs {
                        let t0 = ContinuousClock.now
                        _ = try await report.run(database, parameters)
                        times.append((ContinuousClock.now - t0).milliseconds)
                    }
                    times.sort()
                    say(String(format: "  %-17@ median %7.1f ms   max %7.1f ms   (first run %.1f ms)", name as NSString, times[times.count / 2],
                               times.last!, firstTime))
                }
            }
        }
    }
}
