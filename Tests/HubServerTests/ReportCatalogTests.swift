import Foundation
import HubData
import HubTestSupport
import Testing

/// `GET /api/v1/reports`: the board reports available, exactly those `GET /api/v1/reports/{name}` serves and the
/// document lists (docs/openapi.yaml's `name` enum, docs/reports.md), for those who may read reports.
@Suite("The report catalogue")
struct ReportCatalogTests {
    /// The `name` enum of `/api/v1/reports/{name}` in docs/openapi.yaml.
    static func documentedNames() throws -> [String] {
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("{name: name, in: path") })
        let list = try #require(line.range(of: "enum: [").map { line[$0.upperBound...] }?.split(separator: "]").first)
        return list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Test func theCatalogueListsEveryServedReportInNameOrder() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let documented = try Self.documentedNames()
            #expect(documented.count == 13)
            for username in ["board", "manager", "triage", "admin"] {
                let token = try await hub.signIn(username)
                let reply = try await hub.request(.get, "/api/v1/reports", token: token)
                #expect(reply.status == .ok, "\(username)")
                #expect(reply.contentType == "application/json; charset=utf-8")
                #expect(Array(reply.json.keys) == ["reports"])
                #expect(reply.json["reports"] as? [String] == documented.sorted(), "\(username): \(reply.text)")
            }
            // Each one listed is served (area needs its area).
            let board = try await hub.signIn("board")
            for name in documented {
                let query = name == "area" ? "?area=PP2" : ""
                let report = try await hub.request(.get, "/api/v1/reports/\(name)\(query)", token: board)
                #expect(report.status == .ok, "\(name): \(report.text)")
                #expect(report.json["report"] as? String == name)
            }
            // A partner reads no reports; without a token, 401.
            let police = try await hub.request(.get, "/api/v1/reports", token: try await hub.signIn("police"))
            #expect(police.status == .forbidden)
            #expect(police.contentType == "application/problem+json")
            #expect(try await hub.request(.get, "/api/v1/reports").status == .unauthorized)
        }
    }
}
