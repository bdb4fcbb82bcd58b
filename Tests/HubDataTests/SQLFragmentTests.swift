import HubData
import HubTestSupport
import Testing

@Suite("SQL fragments")
struct SQLFragmentTests {
    @Test func joinedFragmentsNumberTheirPlaceholdersInOrderAndBindEveryValue() async throws {
        let name = "O'Neill; DROP TABLE x"  // a value stays a value
        let parts: [SQLFragment] = ["SELECT \(name)::text AS a", "\(Int64(42))::bigint AS b", "\(["x", "y"])::text[] AS c, \(unescaped: "'raw'") AS d"]
        let query = SQLFragment.joined(parts, separator: ", ").query
        #expect(query.sql == "SELECT $1::text AS a, $2::bigint AS b, $3::text[] AS c, 'raw' AS d")
        #expect(query.binds.count == 3)
        try await TestCluster.shared.withEmptyDatabase { database in
            let row = try await database.query(query).first!
            let (a, b, c, d) = try row.decode((String, Int64, [String], String).self)
            #expect(a == name && b == 42 && c == ["x", "y"] && d == "raw")
        }
    }
}
