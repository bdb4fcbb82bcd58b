import Foundation
import HubWorkflow
import HubData
import HubTestSupport
import HubTracker
import Testing

/// The screens driven by a real headless Chromium: `Tests/Browser/walk.py` (Python selenium with axe-core, from the
/// virtual environment `scripts/test.sh` makes in `.build/browser-venv`) walks a referral from intake to strategy
/// discussion as triage, police, health and the board would, in English and in Welsh, against this application
/// served on a free port with the demo partnership and the feed format's example extract. Screenshots of each
/// step land in `.build/screenshots`.
@Suite("Screens in a real browser")
struct BrowserWalkTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// One walk per language, each against an application of its own, side by side: the suite's longest test, so
    /// the two halves run in parallel rather than one after the other.
    @Test(.timeLimit(.minutes(10)), arguments: ["en", "cy"]) func theWalkPasses(in language: String) async throws {
        let python = Self.root.appendingPathComponent(".build/browser-venv/bin/python")
        try #require(FileManager.default.isExecutableFile(atPath: python.path),
                     "no browser test environment: run `bash scripts/test.sh` (it installs Chromium, chromedriver and the Python client)")
        try await TestHub.run(clock: ManualClock(Date()), live: true) { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")  // waits for start-up (migrations, demo seed)
            let extract = FileManager.default.temporaryDirectory.appendingPathComponent("browser-walk-\(UUID().uuidString).csv")
            try Data(TrackerFixtures.example.utf8).write(to: extract)
            defer { try? FileManager.default.removeItem(at: extract) }
            _ = try await FeedImporter(database: hub.environment.database).importFile(
                at: extract, extractDate: CalendarDate(utcDayOf: hub.clock.now()), actor: nil, operator: "browser walk", now: hub.clock.now())
            let port = try #require(hub.port)
            let (status, output) = try await Self.run(python.path, [
                Self.root.appendingPathComponent("Tests/Browser/walk.py").path,
                "--base-url", "http://127.0.0.1:\(port)",
                "--screenshots", Self.root.appendingPathComponent(".build/screenshots").path,
                "--languages", language,
            ])
            #expect(status == 0, "the browser walk in \(language) failed:\n\(output)")
            // The walk's verdict (pages checked, axe runs) in the test log, where CI shows it.
            for line in output.split(separator: "\n") where line.contains("PASSED") || line.contains("note:") { print(line) }
            try await AuditTrailCheck.expectIntact(hub, atLeast: 25)
        }
    }

    /// Runs a program to its end; its status and what it printed (both streams). On a thread of its own
    /// (``ExternalCommand``, posix_spawn and waitpid): the walk takes a minute or more, and waiting for it on one of
    /// the two threads every test's tasks share stalled the rest of the suite; Foundation's `Process.waitUntilExit`
    /// was also seen never to return on such a thread.
    static func run(_ program: String, _ arguments: [String]) async throws -> (Int32, String) {
        try await ExternalCommand(executable: program, arguments: arguments).runOnItsOwnThread(allowFailure: true)
    }
}
