import ArgumentParser
import AsyncHTTPClient
import Foundation
import HubData
import HubServer
import HubTracker
import HubWorkflow
import Logging
import NIOCore
import PostgresNIO
import ServiceLifecycle

/// `hub bench tracker`: imports and links a synthetic extract on a fresh database (or, with `--reuse`, takes the
/// one already there), then times searches by each criterion through the API (and the store alone). Generate the
/// extract first: `python3 seed/synthetic/generate.py --people 407000 --seed 1 --out .hub/linkage/1m/extract.csv`.
struct TrackerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracker", abstract: "Time import + linking of a synthetic extract (and peak memory), then search latency per criterion through the API.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The extract to import.") var extract = ".hub/linkage/1m/extract.csv"
    @Option(help: "The gazetteer (default: gazetteer.csv beside the extract).") var gazetteer: String?
    @Option(name: .customLong("extract-date"), help: "The extract date (YYYY-MM-DD).") var extractDate = "2026-11-01"
    @Option(help: "Searches per criterion.") var searches = 100
    @Option(help: "Port for the in-process server the searches go through.") var port = 18081
    @Flag(inversion: .prefixedNo, help: "Also time TrackerSearchStore.search called directly (no HTTP, auth, audit or JSON).")
    var storeLevel = true
    @Option(name: .customLong("results-out"), help: ArgumentHelp(
        "Write what each store-level search found (persons in order, with scores) to this file, to compare two builds.",
        valueName: "file"))
    var resultsOut: String?
    @Option(help: "Database to (re)create on the embedded cluster.") var benchDatabase = "hub_bench_tracker"
    @Flag(help: "Skip the import: migrate the existing bench database and time the searches on it.") var reuse = false

    func run() async throws {
        var logger = Logger.hub()
        logger.logLevel = .warning
        let (opened, configuration) = reuse
            ? try await database.existingDatabase(benchDatabase, logger: logger)
            : try await database.recreatedDatabase(benchDatabase, logger: logger)
        defer { opened.release(logger: logger) }
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let extractURL = URL(fileURLWithPath: extract)
        let gazetteerURL = gazetteer.map { URL(fileURLWithPath: $0) } ?? extractURL.deletingLastPathComponent().appendingPathComponent("gazetteer.csv")
        let date = try TrackerCommand.day(extractDate)
        let layout = opened.layout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let database = Database(client: client, logger: logger)
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
            if reuse { return }
            if FileManager.default.fileExists(atPath: gazetteerURL.path) {
                let t0 = ContinuousClock.now
                let report = try await GazetteerImporter(database: database).importFile(at: gazetteerURL)
                say(String(format: "gazetteer: %d properties in %.1f s", report.loaded, (ContinuousClock.now - t0).seconds))
            }
            let t0 = ContinuousClock.now
            let report = try await FeedImporter(database: database).importFile(
                at: extractURL, extractDate: date, actor: nil, operator: "bench", now: Date())
            let elapsed = (ContinuousClock.now - t0).seconds
            say(String(format: "import + link: %d rows read, %d loaded, %d quarantined; %d records into %d persons (%d reviews) in %.1f s",
                       report.rowsRead, report.rowsLoaded, report.rowsQuarantined, report.linking.recordsLinked, report.linking.persons,
                       report.linking.reviews, elapsed))
            say("  phases: " + report.phaseSeconds.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
            say(String(format: "peak memory (hub process, max RSS): %.0f MiB", Self.peakResidentMiB()))
        }
        try await searchLatency(configuration: configuration, layout: layout, logger: logger)
    }

    /// Times each criterion's searches one at a time: through the API of the real application started in this
    /// process (`POST /api/v1/tracker/search` with sign-in token, purpose, audit and JSON, as a client sees it),
    /// and then, unless `--no-store-level`, by calling `TrackerSearchStore.search` directly. Each criterion is
    /// searched once through the API untimed first, so both figures are of a warm cache.
    func searchLatency(configuration: PostgresClient.Configuration, layout: ProjectLayout, logger: Logger) async throws {
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let environment = AppEnvironment(database: Database(client: client, logger: logger), clock: SystemClock(), layout: layout, logger: logger)
        var options = HubApplication.Options()
        options.port = port
        options.seedDemoData = true  // the demo users, to sign in with (once: skipped when there are agencies)
        options.slaSweepInterval = .zero
        options.referralAlertInterval = .zero
        let app = HubApplication.build(environment: environment, client: client, options: options)
        let (searches, storeLevel) = (self.searches, self.storeLevel)
        let found = try await BenchServer.run(app, port: port, logger: logger) { api -> [String] in
            var found: [String] = []
            guard let login = try DemoSeed.logins(layout: environment.layout).first(where: { $0.role == .mashTriage }) else {
                throw ValidationError("the demo seed has no MASH triage user to search as")
            }
            let token = try await api.signIn(username: login.username, password: login.password)
            let store = TrackerSearchStore(database: environment.database)
            say("search latency, one search at a time (ms): through the API" + (storeLevel ? "; TrackerSearchStore.search alone" : ""))
            for criterion in try await TrackerSearchBenchCriterion.all(environment.database, count: searches) {
                guard !criterion.searches.isEmpty else { continue }
                let bodies = try criterion.searches.map { criteria in
                    ByteBuffer(bytes: try JSONEncoder().encode(TrackerSearchRequest(purpose: "benchmark", criteria: criteria)))
                }
                for body in bodies { _ = try await api.post("/api/v1/tracker/search", token: token, body: body) }
                var throughAPI = LatencySummary()
                for body in bodies {
                    let t0 = ContinuousClock.now
                    let (status, _) = try await api.post("/api/v1/tracker/search", token: token, body: body)
                    throughAPI.record(ContinuousClock.now - t0)
                    guard status == 200 else { throw ValidationError("a search by \(criterion.label) answered \(status)") }
                }
                var line = "  search by " + criterion.label.padding(toLength: 22, withPad: " ", startingAt: 0)
                    + String(format: " n=%3d  API median %7.1f  p95 %7.1f", throughAPI.count, throughAPI.median, throughAPI.p95)
                if storeLevel {
                    var alone = LatencySummary()
                    for criteria in criterion.searches {
                        let terms = try criteria.terms()
                        let t0 = ContinuousClock.now
                        let hits = try await store.search(terms)
                        alone.record(ContinuousClock.now - t0)
                        found.append("\(criterion.label)\t\(criteria.searchedFor)\t"
                                     + hits.map { String(format: "%lld:%.6f", $0.personId, $0.score) }.joined(separator: " "))
                    }
                    line += String(format: "   | store median %7.1f  p95 %7.1f", alone.median, alone.p95)
                }
                say(line)
            }
            return found
        }
        if let resultsOut { try (found.joined(separator: "\n") + "\n").write(toFile: resultsOut, atomically: true, encoding: .utf8) }
    }


    /// The process's peak resident set size.
    static func peakResidentMiB() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
        #else
        getrusage(RUSAGE_SELF, &usage)
        return Double(usage.ru_maxrss) / 1024 / 1024  // bytes on macOS
        #endif
    }
}
