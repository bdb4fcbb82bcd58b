import ArgumentParser
import AsyncHTTPClient
import Foundation
import HubData
import HubServer
import HubWorkflow
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// `hub bench screens`: the screens' speed on the tracker benchmark's database (1M records: run `hub bench tracker`
/// first). Brings the open incidents up to `--incidents` (default 500), each from a C1 or A1 referral about a person
/// the tracker holds (a live record's name, date of birth, address and NHS number), decided to meet the threshold and
/// shared with the police and health; then times pages one at a time through the real application, signed in with a
/// session cookie as a browser is: the referral screen with its tracker panel (the purpose stated once per referral,
/// untimed), the incident board, and the police's partner inbox. Each page is fetched once untimed first.
struct ScreensBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "screens",
        abstract: "Time the referral screen with its tracker panel, the incident board and the partner inbox (medians and p95).")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The database holding the tracker (from `hub bench tracker`).") var benchDatabase = "hub_bench_tracker"
    @Option(help: "Open incidents on the board.") var incidents = 500
    @Option(help: "Timed requests per page.") var requests = 200
    @Option(help: "Port for the in-process server.") var port = 18082

    func run() async throws {
        var logger = Logger.hub()
        logger.logLevel = .warning
        let (opened, configuration) = try await database.existingDatabase(benchDatabase, logger: logger)
        defer { opened.release(logger: logger) }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let environment = AppEnvironment(database: Database(client: client, logger: logger), clock: SystemClock(), layout: opened.layout,
                                         logger: logger)
        var options = HubApplication.Options()
        options.port = port
        options.seedDemoData = true  // the demo users (once: skipped when there are agencies)
        options.slaSweepInterval = .zero
        options.referralAlertInterval = .zero
        let app = HubApplication.build(environment: environment, client: client, options: options)
        let (target, requests) = (self.incidents, self.requests)
        try await BenchServer.run(app, port: port, logger: logger) { api in
            let logins = try DemoSeed.logins(layout: environment.layout)
            func token(_ username: String) async throws -> String {
                guard let login = logins.first(where: { $0.username == username }) else {
                    throw ValidationError("the demo seed has no user \(username)")
                }
                return try await api.signIn(username: login.username, password: login.password)
            }
            let triage = try await token("triage")
            let referrals = try await ScreensBenchIncidents(database: environment.database, api: api, token: triage).bringOpenIncidents(to: target)
            say("open incidents: \(try await ScreensBenchIncidents.openIncidents(environment.database)); "
                + "referrals timed: \(min(requests, referrals.count)) of the bench's \(referrals.count)")
            let session = [("Cookie", "hub_session=\(triage)")]
            let sample = Array(referrals.prefix(requests))
            for id in sample {
                let (_, page) = try await api.get("/referrals/\(id)", headers: session)
                guard let csrf = Self.csrf(in: String(buffer: page)) else { throw ValidationError("the referral screen has no CSRF token") }
                let stated = try await api.postForm("/referrals/\(id)/purpose", fields: [("csrf", csrf), ("purpose", "benchmark: triage")],
                                                    headers: session)
                // 303 to the referral's panel (200 when the client followed it there).
                guard stated == 303 || stated == 200 else { throw ValidationError("stating a purpose answered \(stated)") }
            }
            say("screen latency, one page at a time (ms):")
            try await Self.time("referral screen + tracker panel", api: api, paths: sample.map { "/referrals/\($0)" }, headers: session,
                                mustContain: "panel-subject", alsoCount: ("with a strong match shown", "candidate--strong"))
            try await Self.time("incident board", api: api, paths: Array(repeating: "/incidents", count: requests), headers: session,
                                mustContain: "/incidents/")
            let police = try await token("police")
            try await Self.time("partner inbox (police)", api: api, paths: Array(repeating: "/inbox", count: requests),
                                headers: [("Cookie", "hub_session=\(police)")], mustContain: "/inbox/")
        }
    }

    /// Gets each path once untimed, then each again timed; every answer must be 200 and hold `mustContain`.
    static func time(
        _ label: String, api: BenchAPIClient, paths: [String], headers: [(String, String)], mustContain: String,
        alsoCount: (label: String, marker: String)? = nil
    ) async throws {
        for path in Set(paths) { _ = try await api.get(path, headers: headers) }
        var latency = LatencySummary()
        var bytes = 0
        var counted = 0
        for path in paths {
            let t0 = ContinuousClock.now
            let (status, body) = try await api.get(path, headers: headers)
            latency.record(ContinuousClock.now - t0)
            guard status == 200, String(buffer: body).contains(mustContain) else {
                throw ValidationError("\(label): \(path) answered \(status) without \(mustContain)")
            }
            bytes += body.readableBytes
            if let alsoCount, String(buffer: body).contains(alsoCount.marker) { counted += 1 }
        }
        say("  " + label.padding(toLength: 34, withPad: " ", startingAt: 0)
            + String(format: " n=%3d  median %7.1f  p95 %7.1f   (%.0f KiB a page)", latency.count, latency.median, latency.p95,
                     Double(bytes) / Double(max(1, paths.count)) / 1024)
            + (alsoCount.map { ", \(counted) \($0.label)" } ?? ""))
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"csrf\" value=\"") else { return nil }
        let rest = html[range.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}
