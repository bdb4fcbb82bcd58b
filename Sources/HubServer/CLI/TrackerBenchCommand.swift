import ArgumentParser
import Foundation
import HubData
import HubTracker
import Logging
import PostgresNIO

/// `hub bench tracker`: imports and links a synthetic extract on a fresh database, then times searches by
/// each criterion. Generate the extract first:
/// `python3 seed/synthetic/generate.py --people 407000 --seed 1 --out .hub/linkage/1m/extract.csv`.
struct TrackerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracker", abstract: "Time import + linking of a synthetic extract (and peak memory), then search latency per criterion.")

    @OptionGroup var database: DatabaseOptions
    @Option(help: "The extract to import.") var extract = ".hub/linkage/1m/extract.csv"
    @Option(help: "The gazetteer (default: gazetteer.csv beside the extract).") var gazetteer: String?
    @Option(name: .customLong("extract-date"), help: "The extract date (YYYY-MM-DD).") var extractDate = "2026-11-01"
    @Option(help: "Searches per criterion.") var searches = 50
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
        let (layout, searches) = (opened.layout, self.searches)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let database = Database(client: client, logger: logger)
            try await MigrationRunner(migrations: try Migration.load(from: layout.migrations)).migrate(database)
            if reuse {
                try await searchLatency(database, samples: searches)
                return
            }
            if FileManager.default.fileExists(atPath: gazetteerURL.path) {
                let t0 = ContinuousClock.now
                let report = try await GazetteerImporter(database: database).importFile(at: gazetteerURL)
                say(String(format: "gazetteer: %d properties in %.1f s", report.loaded, Self.seconds(ContinuousClock.now - t0)))
            }
            let t0 = ContinuousClock.now
            let report = try await FeedImporter(database: database).importFile(
                at: extractURL, extractDate: date, actor: nil, operator: "bench", now: Date())
            let elapsed = Self.seconds(ContinuousClock.now - t0)
            say(String(format: "import + link: %d rows read, %d loaded, %d quarantined; %d records into %d persons (%d reviews) in %.1f s",
                       report.rowsRead, report.rowsLoaded, report.rowsQuarantined, report.linking.recordsLinked, report.linking.persons,
                       report.linking.reviews, elapsed))
            say("  phases: " + report.phaseSeconds.sorted { $0.key < $1.key }.map { String(format: "%@ %.1f s", $0.key, $0.value) }.joined(separator: ", "))
            say(String(format: "peak memory (hub process, max RSS): %.0f MiB", Self.peakResidentMiB()))
            try await searchLatency(database, samples: searches)
        }
    }

    func searchLatency(_ database: Database, samples: Int) async throws {
        let rows = try await database.query(
            """
            SELECT source_record_id, COALESCE(forename, ''), COALESCE(surname, ''), COALESCE(date_of_birth, ''),
                   COALESCE(address_line1, ''), COALESCE(postcode, ''), COALESCE(nhs_number, '')
            FROM tracker_records WHERE retired_at IS NULL ORDER BY md5(id::text) LIMIT \(samples)
            """).map { try $0.decode((String, String, String, String, String, String, String).self) }
        let criteria: [(String, ((String, String, String, String, String, String, String)) -> TrackerSearchCriteria?)] = [
            ("name (typo)", { r in r.2.count > 3 ? TrackerSearchCriteria(forename: r.1, surname: String(r.2.dropLast()) + "e") : nil }),
            ("name swapped", { r in TrackerSearchCriteria(forename: r.2, surname: r.1) }),
            ("surname + birth year", { r in r.3.count >= 4 ? TrackerSearchCriteria(surname: r.2, dateOfBirth: String(r.3.prefix(4))) : nil }),
            ("date of birth", { r in r.3.isEmpty ? nil : TrackerSearchCriteria(dateOfBirth: r.3) }),
            ("birth year-month", { r in r.3.count >= 7 ? TrackerSearchCriteria(dateOfBirth: String(r.3.prefix(7))) : nil }),
            ("address part", { r in r.4.isEmpty ? nil : TrackerSearchCriteria(address: r.4) }),
            ("postcode", { r in r.5.isEmpty ? nil : TrackerSearchCriteria(postcode: r.5) }),
            ("postcode sector", { r in r.5.count > 3 ? TrackerSearchCriteria(postcode: String(r.5.dropLast(2))) : nil }),
            ("reference id", { r in TrackerSearchCriteria(referenceId: r.0) }),
            ("NHS number", { r in r.6.isEmpty ? nil : TrackerSearchCriteria(nhsNumber: r.6) }),
        ]
        let store = TrackerSearchStore(database: database)
        for (label, make) in criteria {
            var times: [Double] = []
            for row in rows {
                guard let terms = try? make(row)?.terms() else { continue }
                let t0 = ContinuousClock.now
                _ = try await store.search(terms)
                times.append(Self.seconds(ContinuousClock.now - t0) * 1000)
            }
            guard !times.isEmpty else { continue }
            times.sort()
            say(String(format: "  search by %-22@ n=%3d  median %7.1f ms   p95 %7.1f ms", label as NSString, times.count,
                       times[times.count / 2], times[min(times.count - 1, Int(Double(times.count) * 0.95))]))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
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
