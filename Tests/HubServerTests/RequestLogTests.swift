import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// What the log says about a request: one line with the method, the route template, the status and the duration,
/// carrying the request id; never the path as sent (it holds ids of people) nor the query (postcodes, purposes
/// naming people), through the API, the screens and a path no route matches.
@Suite("Requests in the log")
struct RequestLogTests {
    static let requestIdHeader = HTTPField.Name("X-Request-Id")!
    static let purpose = "Safeguarding enquiry about Ceri Peters"
    static let query = "area=CF37&purpose=Safeguarding%20enquiry%20about%20Ceri%20Peters"

    @Test func neitherTheQueryNorTheIdsInThePathAreLogged() async throws {
        let log = CapturedLog()
        try await TestHub.run(logger: log.logger()) { (hub: TestHub) async throws in
            let manager = try await hub.signIn("manager")
            let person = UUID().uuidString.lowercased()
            let requests: [(uri: String, token: String?, route: String)] = [
                ("/api/v1/tracker/high-frequency?\(Self.query)", manager, "/api/v1/tracker/high-frequency"),
                ("/api/v1/reports/area?\(Self.query)", manager, "/api/v1/reports/{name}"),
                ("/api/v1/tracker/persons/\(person)?\(Self.query)", manager, "/api/v1/tracker/persons/{id}"),
                ("/api/v1/share-requests?state=requested&\(Self.query)", manager, "/api/v1/share-requests"),
                ("/incidents?\(Self.query)", nil, "/incidents"),
                ("/api/v1/nowhere/\(person)?\(Self.query)", manager, "NotFound"),
            ]
            for (uri, token, route) in requests {
                let reply = try await hub.request(.get, uri, token: token)
                let requestId = try #require(reply.headers[Self.requestIdHeader])
                let lines = log.lines.filter { $0.metadata["hb.request.id"] == requestId && $0.message == "request" }
                #expect(lines.count == 1, "\(uri): \(lines)")
                #expect(lines.first?.metadata["hub.route"] == route, "\(uri)")
                #expect(lines.first?.metadata["hub.method"] == "GET", "\(uri)")
                #expect(lines.first?.metadata["hub.status"] == "\(reply.status.code)", "\(uri)")
                #expect(lines.first?.metadata["hub.ms"] != nil, "\(uri)")
            }
            let leaking = log.lines.map(\.description).filter { line in
                ["CF37", "cf37", "Ceri", "Peters", "Safeguarding enquiry", "Safeguarding%20enquiry", "purpose=", "area=", person]
                    .contains { line.contains($0) }
            }
            #expect(leaking.isEmpty, "log lines quoting the query or an id in the path: \(leaking)")
        }
    }
}
