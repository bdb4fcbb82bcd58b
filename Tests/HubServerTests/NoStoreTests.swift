import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// No response Hub gives may be kept by a browser, a proxy or a shared cache: every route the router serves (the
/// API's, the operational ones and the screens'), signed in and not, answers `Cache-Control: no-store`, whatever its
/// status; only the static files (the screens' assets, the API description) may be cached.
@Suite("Cache-Control: no-store")
struct NoStoreTests {
    static let staticRoutes: Set<String> = ["GET /assets/{file}", "GET /api/v1/openapi.yaml"]
    static let placeholderId = "00000000-0000-4000-8000-000000000000"

    /// `route`'s path with every `{parameter}` filled in.
    static func path(of route: String) -> String {
        let path = String(route.split(separator: " ")[1])
        return path.replacingOccurrences(of: #"\{[^}]+\}"#, with: placeholderId, options: .regularExpression)
    }

    @Test(.timeLimit(.minutes(5))) func everyRouteSaysNoStore() async throws {
        let routes = try OpenAPIDocumentTests.allServedRoutes().union(OpenAPIDocumentTests.servedRoutes())
        #expect(routes.count > 50)
        try await TestHub.run(testClock: true) { (hub: TestHub) async throws in
            var stored: [String] = []
            // The screens' session: a form cannot end it without its CSRF token, which is not sent.
            let (cookie, _) = try await ScreenSecurityTests.signIn(hub, "manager")
            for route in routes.sorted() where !Self.staticRoutes.contains(route) {
                let method = try #require(HTTPRequest.Method(String(route.split(separator: " ")[0])))
                // Each route twice: signed out, and signed in (a fresh bearer token, as a route may end the session,
                // and the screens' cookie).
                for token in [nil, try await hub.signIn("manager")] {
                    let reply = try await hub.request(method, Self.path(of: route), token: token,
                                                      headers: token == nil ? [:] : [ScreenSecurityTests.cookie: cookie])
                    if reply.headers[.cacheControl] != "no-store" {
                        stored.append("\(route) \(token == nil ? "signed out" : "signed in") → \(reply.status.code) "
                            + "Cache-Control: \(reply.headers[.cacheControl] ?? "none")")
                    }
                }
            }
            #expect(stored.isEmpty, "responses that may be stored:\n\(stored.joined(separator: "\n"))")
        }
    }

    /// The responses that carry a token or personal data, answered as they are meant to be (not refusals).
    @Test func aTokenAndPersonalDataAreNeverStored() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let signIn = try await hub.request(.post, "/api/v1/sessions", json: ["username": "triage", "password": TestHub.demoPassword])
            #expect(signIn.status == .created)
            #expect(signIn.headers[.cacheControl] == "no-store")
            let token = try #require(signIn.json["token"] as? String)
            let created = try await hub.request(.post, "/api/v1/referrals", token: token,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(created.status == .created)
            #expect(created.headers[.cacheControl] == "no-store")
            let id = try #require(created.json["id"] as? String)
            let read = try await hub.request(.get, "/api/v1/referrals/\(id)", token: token)
            #expect(read.status == .ok && read.text.contains("Peters"))
            #expect(read.headers[.cacheControl] == "no-store")
            let wrong = try await hub.request(.post, "/api/v1/sessions", json: ["username": "triage", "password": "wrong password"])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.headers[.cacheControl] == "no-store")
            let page = try await hub.request(.get, "/sign-in")
            #expect(page.headers[.cacheControl] == "no-store")

            let asset = try await hub.request(.get, "/assets/hub.css")
            #expect(asset.status == .ok)
            #expect(asset.headers[.cacheControl] == "public, max-age=3600")
            let document = try await hub.request(.get, "/api/v1/openapi.yaml")
            #expect(document.status == .ok)
            #expect(document.headers[.cacheControl] != "no-store")
        }
    }
}
