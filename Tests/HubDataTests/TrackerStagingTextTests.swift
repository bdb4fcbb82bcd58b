import HubTestSupport
import Logging
import PostgresNIO
import Testing
@testable import HubData

@Suite("Tracker staging text")
struct TrackerStagingTextTests {
    static let lists = ["", "one", "Tom Peters", "DAI O'NEILL|DAVID NEIL", #"a|b"c|\d||Siân Ŵyn|"#, "|", #"\"|""#]

    @Test func arrayLiteralsAreWhatStringToArrayMakes() async throws {
        #expect(TrackerStagingText.arrayLiteral(#"a|b"c|\d||Siân"#) == #"{"a","b\"c","\\d","","Siân"}"#)
        #expect(TrackerStagingText.arrayLiteral("") == "{}")
        let (cluster, name) = try await TestCluster.shared.emptyDatabase()
        let logger = TestCluster.shared.logger
        let client = PostgresClient(configuration: cluster.configuration(database: name), backgroundLogger: logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            for list in Self.lists {
                let literal = TrackerStagingText.arrayLiteral(list)
                let same = try await client.query(
                    "SELECT \(literal)::text[] = (CASE WHEN \(list) = '' THEN '{}'::text[] ELSE string_to_array(\(list), '|') END)",
                    logger: logger).collect().first!.decode(Bool.self)
                #expect(same, "\(list) → \(literal)")
            }
        }
    }
}
