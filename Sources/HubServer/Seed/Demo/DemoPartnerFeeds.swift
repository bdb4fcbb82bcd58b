import Foundation
import HubData
import HubTracker
import HubWorkflow
import Logging

/// The demo's partner feeds: a few thousand fictional people of Piphire in households, as the five partners'
/// overnight extracts would report them (aliases, typos, nicknames, missing values, a few bad rows), written by
/// `seed/synthetic/generate.py` for the 12 months to today, with its gazetteer, and imported like any extract.
struct DemoPartnerFeeds {
    let layout: ProjectLayout
    let database: Database
    let logger: Logger

    struct Files {
        let extract: URL
        let truth: URL
        let gazetteer: URL
    }

    /// Writes the extract of `people` people as of `day` into `folder`.
    func generate(people: Int, asOf day: CalendarDate, in folder: URL) async throws -> Files {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let extract = folder.appendingPathComponent("extract.csv")
        let script = layout.seed.appendingPathComponent("synthetic/generate.py")
        // Not Foundation's Process: its waitUntilExit was seen never to return on a concurrency thread (ExternalCommand);
        // and on a thread of its own, not one of the few every task shares, for the seconds it takes.
        let generator = ExternalCommand(executable: "/usr/bin/env", arguments: [
            "python3", script.path, "--people", String(people), "--seed", "11", "--as-of", day.description,
            "--dirty-rate", "0.004", "--out", extract.path])
        do {
            try await generator.runOnItsOwnThread()
        } catch let failure as ExternalCommand.Failure {
            throw DemoSeedError("the synthetic feed generator failed: \(failure.output)")
        }
        return Files(extract: extract, truth: folder.appendingPathComponent("extract.truth.csv"),
                     gazetteer: folder.appendingPathComponent("gazetteer.csv"))
    }

    /// Imports the gazetteer, then the extract, as of `day`.
    func load(_ files: Files, asOf day: CalendarDate, now: Date) async throws -> FeedImportReport {
        _ = try await GazetteerImporter(database: database).importFile(at: files.gazetteer)
        return try await FeedImporter(database: database).importFile(
            at: files.extract, fileName: "piphire-demo-extract.csv", extractDate: day, actor: nil, operator: "demo seed", now: now)
    }
}
