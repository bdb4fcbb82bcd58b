import HubTestSupport
import Testing
@testable import HubData

@Suite("Tracker staging text")
struct TrackerStagingTextTests {
    static let lists = ["", "one", "Tom Peters", "DAI O'NEILL|DAVID NEIL", #"a|b"c|\d||Siân Ŵyn|"#, "|", #"\"|""#]

    @Test func arrayLiteralsAreWhatStringToArrayMakes() async throws {
        #expect(TrackerStagingText.arrayLiteral(#"a|b"c|\d||Siân"#) == #"{"a","b\"c","\\d","","Siân"}"#)
        #expect(TrackerStagingText.arrayLiteral("") == "{}")
        try await TestCluster.shared.withEmptyDatabase { database in
            for list in Self.lists {
                let literal = TrackerStagingText.arrayLiteral(list)
                let same = try await database.query(
                    "SELECT \(literal)::text[] = (CASE WHEN \(list) = '' THEN '{}'::text[] ELSE string_to_array(\(list), '|') END)"
                ).first!.decode(Bool.self)
                #expect(same, "\(list) → \(literal)")
            }
        }
    }
}
