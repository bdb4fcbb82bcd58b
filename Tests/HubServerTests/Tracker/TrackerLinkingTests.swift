import Foundation
import HubWorkflow
import HTTPTypes
import HubData
import HubTestSupport
import HubTracker
import PostgresNIO
import Testing

/// Records of a later extract linked to their person incrementally by the importer.
@Suite("Tracker linking through the importer")
struct TrackerLinkingTests {
    typealias F = TrackerFixtures

    @Test func newRecordsInALaterExtractJoinTheirPersonIncrementally() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            let first = try await F.importText(hub, F.example)
            #expect(first.linking.fullRun)
            let education = """
                \(F.header)
                PIP-EDU,EDU-55512,Shira,Peters,2010-01-08,1 Stoops Fold,Down Park,PIP Town,PP2 5GN,9992345675,,WAS_NOT_BROUGHT,2026-11-05,F,,Ms Ffion Hughes,01632 960777,ffion.hughes@piphire-schools.example

                """
            // The model from 7 records is trusted here, so that the incremental path is what is tested.
            var configuration = LinkageConfiguration()
            configuration.smallestIncrementalModelSample = 7
            let url = try F.file(education)
            defer { try? FileManager.default.removeItem(at: url) }
            let report = try await FeedImporter(database: hub.environment.database, configuration: configuration).importFile(
                at: url, extractDate: CalendarDate(year: 2026, month: 11, day: 10)!, actor: nil, operator: "test", now: hub.clock.now())
            #expect(!report.linking.fullRun)
            #expect(report.linking.recordsLinked == 1)
            #expect(try await F.person(hub, "PIP-EDU", "EDU-55512") == (try await F.person(hub, "PIP-CSC", "CSC0010670")))
        }
    }
}
