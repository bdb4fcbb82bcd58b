import Foundation
import HubData
import HubServer
import HubTestSupport
import HubWorkflow
import Hummingbird
import Logging
import PostgresNIO
import Testing

/// Keeps docs/openapi.yaml true: every route of the API (and the operational routes) the router serves is documented,
/// and nothing else is. The screens' routes are HTML, documented in docs/screens.md (``ScreensDocumentTests``).
@Suite("The OpenAPI document")
struct OpenAPIDocumentTests {
    /// `METHOD /path` pairs from the document's `paths` section (two-space path keys, four-space methods).
    static func documentedRoutes() throws -> Set<String> {
        let text = try String(contentsOf: ProjectLayout.locate().docs.appendingPathComponent("openapi.yaml"), encoding: .utf8)
        var routes: Set<String> = []
        var inPaths = false
        var currentPath: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line == "paths:" { inPaths = true; continue }
            if inPaths, let first = line.first, first != " " { break }
            guard inPaths else { continue }
            if line.hasPrefix("  /"), !line.hasPrefix("   ") {
                currentPath = String(line.dropFirst(2).dropLast())  // drop the trailing colon
            } else if line.hasPrefix("    "), !line.hasPrefix("     "), let currentPath {
                let key = line.trimmingCharacters(in: .whitespaces).dropLast()
                if ["get", "put", "post", "delete", "patch", "head", "options"].contains(String(key)) {
                    routes.insert("\(key.uppercased()) \(currentPath)")
                }
            }
        }
        return routes
    }

    /// Every API route the router can serve: with the acceptance test clock on (`HUB_TEST_CLOCK`), so that its
    /// routes, which exist only then, are counted too.
    static func servedRoutes() throws -> Set<String> {
        try servedRoutes(clock: TestClock(base: ManualClock()))
    }

    /// The API routes served with the test clock off, as in production.
    static func servedRoutesWithoutTestClock() throws -> Set<String> {
        try servedRoutes(clock: ManualClock())
    }

    static func servedRoutes(clock: any WallClock) throws -> Set<String> {
        let logger = Logger(label: "openapi-test")
        // The router is only inspected, never run: the client is not started.
        let client = PostgresClient(
            configuration: .init(unixSocketPath: "/nonexistent/.s.PGSQL.5432", username: "hub", password: nil, database: "hub"),
            backgroundLogger: logger)
        let environment = AppEnvironment(
            database: Database(client: client, logger: logger), clock: clock, layout: try ProjectLayout.locate(), logger: logger)
        let router = HubApplication.buildRouter(environment: environment)
        return Set(router.routes.map { "\($0.method.rawValue) \($0.path.description)" }.filter(isAPIRoute))
    }

    /// The API's routes and the operational ones; everything else is a screen.
    static func isAPIRoute(_ route: String) -> Bool {
        let path = route.split(separator: " ").last.map(String.init) ?? ""
        return path.hasPrefix("/api/") || ["/health", "/ready", "/metrics"].contains(path)
    }

    /// Every route the router serves, screens included.
    static func allServedRoutes() throws -> Set<String> {
        let logger = Logger(label: "openapi-test")
        let client = PostgresClient(
            configuration: .init(unixSocketPath: "/nonexistent/.s.PGSQL.5432", username: "hub", password: nil, database: "hub"),
            backgroundLogger: logger)
        let environment = AppEnvironment(
            database: Database(client: client, logger: logger), clock: ManualClock(), layout: try ProjectLayout.locate(), logger: logger)
        return Set(HubApplication.buildRouter(environment: environment).routes.map { "\($0.method.rawValue) \($0.path.description)" })
    }

    @Test func everyServedRouteIsDocumented() throws {
        let undocumented = try Self.servedRoutes().subtracting(Self.documentedRoutes())
        #expect(undocumented.isEmpty, "routes missing from docs/openapi.yaml: \(undocumented.sorted())")
    }

    @Test func everyDocumentedRouteIsServed() throws {
        let unserved = try Self.documentedRoutes().subtracting(Self.servedRoutes())
        #expect(unserved.isEmpty, "documented routes that do not exist: \(unserved.sorted())")
    }

    @Test func theDocumentIsServed() async throws {
        try await TestHub.run(seed: false) { (hub: TestHub) async throws in
            let reply = try await hub.request(.get, "/api/v1/openapi.yaml")
            #expect(reply.status == .ok)
            #expect(reply.text.hasPrefix("openapi: 3.1.0"))
        }
    }
}
