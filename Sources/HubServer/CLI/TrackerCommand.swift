import ArgumentParser
import Foundation
import HubData
import HubTracker
import HubWorkflow
import Logging

/// `hub tracker relink | export-links | purge`: the tracker's maintenance.
public struct TrackerCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "tracker", abstract: "Maintain the tracker's linked records.",
        subcommands: [Relink.self, ExportLinks.self, Purge.self])

    public init() {}

    /// A date given on the command line (YYYY-MM-DD), else a usage error.
    public static func day(_ text: String) throws -> CalendarDate {
        guard case .day(let day) = CalendarDate.parse(text) else { throw ValidationError("\(text) is not a date (YYYY-MM-DD)") }
        return day
    }

    struct Relink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild every link from scratch (re-estimates and saves the model; honours do-not-link pairs).")
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.hub()
            let outcome = try await database.withApplication(logger: logger) { application in
                let clock = application.environment.clock
                return try await application.stores.database.transaction { connection in
                    try await TrackerImportStore(logger: logger).lock(on: connection)
                    var linkage = LinkageConfiguration()
                    linkage.referenceYear = CalendarDate(utcDayOf: clock.now()).year  // ages for the family-safe rules
                    let outcome = try await TrackerLinking(logger: logger, configuration: linkage).relinkAll(at: clock.now(), on: connection)
                    try await application.stores.audit.record(AuditEvent(
                        occurredAt: clock.now(), requestId: nil, actor: nil, action: "tracker.relink", objectType: "tracker", objectId: nil,
                        detail: ["records": String(outcome.recordsLinked), "persons": String(outcome.persons)]), on: connection)
                    return outcome
                }
            }
            print("Relinked \(outcome.recordsLinked) records into \(outcome.persons) persons; \(outcome.reviews) pairs for review.")
        }
    }

    struct ExportLinks: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export-links",
            abstract: "Write source_system,source_record_id,person_id,household_id,household_basis for every record (--explain: and how it was linked).")
        @Option(name: .customLong("out"), help: "The CSV file to write.") var out: String
        @Flag(name: .customLong("explain"), help: "Add link_kind,linked_to,link_explanation: how each record joined its person.")
        var explain = false
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.hub()
            let url = URL(fileURLWithPath: out)
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            let clock: any WallClock = SystemClock()
            let count = try await database.withDatabase(logger: logger) { database, _ in
                let buffer = OutputBuffer(handle: handle)
                let store = TrackerMaintenanceStore(database: database)
                var explainer: (@Sendable ([TrackerMaintenanceStore.ExportedRecord]) async throws -> [Int64: [String]])?
                if explain {
                    let inputs = try await store.explanationInputs(householdsAtMost: HouseholdMoves.widestPerson)
                    if let (linker, confirmed) = try PersonLinkExplainer.forExport(
                        model: inputs.model, confirmed: inputs.confirmed, carriers: inputs.carriers, households: inputs.households,
                        referenceYear: CalendarDate(utcDayOf: clock.now()).year) {
                        explainer = { group in try linker.exportColumns(group, confirmed: confirmed) }
                    } else {
                        explainer = { _ in [:] }  // nothing linked yet
                    }
                }
                let count = try await store.exportLinks(explain: explainer) { try buffer.write($0) }
                try buffer.flush()
                try await AuditTrail(database: database).record(AuditEvent(
                    occurredAt: clock.now(), requestId: nil, actor: nil, action: "tracker.export_links", objectType: "tracker", objectId: nil,
                    detail: ["records": String(count), "explain": String(explain)]))
                return count
            }
            print("Wrote \(count) records to \(out).")
        }
    }

    struct Purge: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Delete interaction detail dated before a day, keeping each record's count of purged interactions.")
        @Option(name: .customLong("before"), help: "YYYY-MM-DD: events dated before this day are deleted.") var before: String
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let logger = Logger.hub()
            let day = try TrackerCommand.day(before)
            let deleted = try await database.withApplication(logger: logger) { application in
                try await TrackerMaintenanceStore(database: application.stores.database).purgeEvents(
                    before: day.description,
                    audit: AuditEvent(occurredAt: application.environment.clock.now(), requestId: nil, actor: nil, action: "tracker.purge", objectType: "tracker",
                                      objectId: nil, detail: ["before": day.description]))
            }
            print("Purged \(deleted) events dated before \(day).")
        }
    }
}

/// Buffers text written to a file, 1 MiB at a time.
final class OutputBuffer: @unchecked Sendable {
    private let handle: FileHandle
    private var pending = Data()

    init(handle: FileHandle) { self.handle = handle }

    func write(_ text: String) throws {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 20 { try flush() }
    }

    func flush() throws {
        try handle.write(contentsOf: pending)
        pending.removeAll(keepingCapacity: true)
    }
}
