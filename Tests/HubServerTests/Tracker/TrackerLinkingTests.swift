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

    /// `nhs_number_shared_by_different_people` on the incremental path: a child's children's social care record carries
    /// the mother's number (her adult social care and health records carry it too); the child's own health record,
    /// with the child's number, arrives in a later extract. The mother's person shares no blocking key with the new
    /// record, so the importer must fetch every carrier of its candidates' numbers to see that the mother's number is
    /// not the child's: the new record then joins the child, never the mother.
    @Test func aChildsRecordJoinsTheChildWhoseOtherRecordCarriesTheMothersNumberIncrementally() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await hub.signIn("admin")
            let mother = "9991112227", child = "9991113339"
            let first = try await F.importText(hub, F.example + """
                PIP-ASC,ASC-L1,Bethan,Lloyd,1984-05-05,4 Heol Las,,PIP Town,PP1 6AA,\(mother),,ASC_ASSESSMENT,2026-06-01,F,,,,
                PIP-UHB,M-L1,Bethan,Lloyd,1984-05-05,4 Heol Las,,PIP Town,PP1 6AA,\(mother),,AE_ATTENDANCE,2026-07-01,F,,,,
                PIP-CSC,CSC-L2,Cai,Lloyd,2015-02-02,4 Heol Las,,PIP Town,PP1 6AA,\(mother),,CHILD_IN_NEED,2026-08-01,M,,,,

                """)
            #expect(first.linking.fullRun)
            let motherPerson = try #require(try await F.person(hub, "PIP-ASC", "ASC-L1"))
            #expect(try await F.person(hub, "PIP-UHB", "M-L1") == motherPerson)
            let childPerson = try #require(try await F.person(hub, "PIP-CSC", "CSC-L2"))
            #expect(childPerson != motherPerson)

            var configuration = LinkageConfiguration()
            configuration.smallestIncrementalModelSample = 7  // the incremental path, as above
            let url = try F.file("""
                \(F.header)
                PIP-UHB,M-L2,Cai,Lloyd,2015-02-02,4 Heol Las,,PIP Town,PP1 6AA,\(child),,AE_ATTENDANCE,2026-11-05,M,,,,

                """)
            defer { try? FileManager.default.removeItem(at: url) }
            let report = try await FeedImporter(database: hub.environment.database, configuration: configuration).importFile(
                at: url, extractDate: CalendarDate(year: 2026, month: 11, day: 10)!, actor: nil, operator: "test", now: hub.clock.now())
            #expect(!report.linking.fullRun)
            #expect(report.linking.recordsLinked == 1)
            #expect(try await F.person(hub, "PIP-UHB", "M-L2") == childPerson)
            #expect(try await F.person(hub, "PIP-ASC", "ASC-L1") == motherPerson)
        }
    }
}
