import ArgumentParser
import Foundation
import HubData
import HubTracker
import HubWorkflow
import Logging

/// `hub feed import FILE`: loads a partner extract into the tracker.
struct FeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "feed", abstract: "Partner data extracts for the tracker.", subcommands: [Import.self])

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import an extract (docs/feed-format.md): quarantine bad rows, replace each source's snapshot, link new records.")

        @Argument(help: "The extract (CSV).") var file: String
        @Option(name: .customLong("extract-date"), help: "The day the partner took the snapshot, YYYY-MM-DD (default: today).")
        var extractDate: String?
        @Option(name: .customLong("operator"), help: "Who is importing (default: $USER).") var operatorName: String?
        @OptionGroup var database: DatabaseOptions

        func run() async throws {
            let configuration = HubConfiguration.fromProcess()
            let url = URL(fileURLWithPath: file)
            let name = operatorName ?? configuration.operatorName ?? "cli"
            let extractDate = try self.extractDate.map(TrackerCommand.day)
            let bar = ProgressBar()
            let report: FeedImportReport
            do {
                report = try await database.withApplication(logger: Logger.hub(configuration: configuration), configuration: configuration) {
                    try await $0.useCases.importFeed.asOperator(
                        file: url, fileName: nil, extractDate: extractDate, operator: name, progress: { read, size in bar.show(read, of: size) })
                }
            } catch let rejection as FeedRejection {
                bar.finish()
                print(rejection.description)
                throw ExitCode(2)
            }
            bar.finish()
            print(FeedImportSummary.text(report))
        }
    }
}

/// The import report as the command line prints it.
enum FeedImportSummary {
    static func text(_ report: FeedImportReport) -> String {
        if report.alreadyImported {
            return "\(report.fileName) (sha256 \(report.sha256.prefix(12))…) was already imported (import \(report.importId ?? 0)): nothing changed."
        }
        var lines = [
            "Imported \(report.fileName) (sha256 \(report.sha256.prefix(12))…, extract date \(report.extractDate)) in \(String(format: "%.1f", report.seconds)) s",
            "  rows read        \(report.rowsRead)",
            "  rows loaded      \(report.rowsLoaded)",
            "  outside window   \(report.outsideWindow)",
            "  quarantined      \(report.rowsQuarantined)",
        ]
        for (reason, count) in report.quarantined.sorted(by: { $0.key < $1.key }) { lines.append("    \(reason)  \(count)") }
        lines.append("  values set aside \(report.setAside.values.reduce(0, +))")
        for (reason, count) in report.setAside.sorted(by: { $0.key < $1.key }) { lines.append("    \(reason)  \(count)") }
        let added = report.sources.values.reduce(0) { $0 + $1.recordsAdded }
        let updated = report.sources.values.reduce(0) { $0 + $1.recordsUpdated }
        let retired = report.sources.values.reduce(0) { $0 + $1.recordsRetired }
        lines.append("  records          \(added) added, \(updated) updated, \(retired) retired")
        lines.append("  linked           \(report.linking.recordsLinked) records into \(report.linking.persons) persons"
                     + "\(report.linking.fullRun ? " (full run)" : ""), \(report.linking.reviews) pairs for review")
        let unknown = report.unknownEventCodes
        lines.append("  unknown event codes \(unknown.values.reduce(0, +))")
        for (code, count) in unknown.sorted(by: { $0.key < $1.key }) { lines.append("    \(code)  \(count)") }
        if !report.unknownColumns.isEmpty { lines.append("  unknown columns  \(report.unknownColumns.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}

/// A one-line progress bar on standard error, drawn only when it is a terminal.
final class ProgressBar: @unchecked Sendable {
    private let enabled = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    private var drawn = false

    func show(_ done: Int64, of total: Int64) {
        guard enabled, total > 0 else { return }
        lock.lock()
        defer { lock.unlock() }
        let fraction = min(1, Double(done) / Double(total))
        let width = 40
        let filled = Int(fraction * Double(width))
        let line = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] "
            + String(format: "%3.0f%%", fraction * 100)
        FileHandle.standardError.write(Data(line.utf8))
        drawn = true
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if drawn { FileHandle.standardError.write(Data("\n".utf8)) }
        drawn = false
    }
}
