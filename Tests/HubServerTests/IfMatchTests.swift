import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// docs/architecture.md and docs/openapi.yaml: every change names the version it was made from (`If-Match`: 428
/// without it, 412 when it is stale, with the current version). Every route the document gives an `IfMatch`
/// parameter, in turn: without the header and with a stale one it is refused, writes nothing (no audit event,
/// the same version) and names the current version; with the current one it succeeds and moves the version on by
/// one.
@Suite("If-Match on every update route")
struct IfMatchTests {
    /// One update route, ready to be called on a resource in a state where the change succeeds.
    struct Guarded {
        let name: String
        let method: HTTPRequest.Method
        let uri: String
        let token: String
        let body: [String: Any]
        let success: HTTPResponse.Status
        /// The resource's current version, read back (its `ETag`).
        let version: () async throws -> Int
    }

    static func version(of reply: TestHub.Reply) throws -> Int {
        let etag = try #require(reply.headers[.eTag], "no ETag: \(reply.status) \(reply.text)")
        return try #require(Int(etag.trimmingCharacters(in: CharacterSet(charactersIn: "\""))))
    }

    /// The operations of docs/openapi.yaml that take `IfMatch`, as `METHOD /path`.
    static func documentedIfMatchOperations() throws -> Set<String> {
        Set(try OpenAPIOperations.load().filter(\.takesIfMatch).map(\.name))
    }

    @Test func everyUpdateRouteRefusesAMissingOrStaleIfMatchAndTakesTheCurrentOne() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let audit = AuditWatch(hub: hub)
            let (triage, manager, admin) = (try await hub.signIn("triage"), try await hub.signIn("manager"), try await hub.signIn("admin"))
            let now = hub.clock.now()
            let first = try #require(try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                           json: WorkflowFixtures.c1(receivedAt: now.addingTimeInterval(-1800))).json["id"] as? String)
            let second = try #require(try await hub.request(.post, "/api/v1/referrals", token: triage, json: WorkflowFixtures.c1(
                receivedAt: now.addingTimeInterval(-600), nhsNumber: "401 023 2137")).json["id"] as? String)
            let decided = try await hub.request(.post, "/api/v1/referrals/\(second)/decision", token: triage,
                                                json: ["kind": "no_further_action", "rationale": "Seen by the school nurse."], headers: [.ifMatch: "\"1\""])
            #expect(decided.status == .ok)

            let referral = { (id: String) in { try Self.version(of: try await hub.request(.get, "/api/v1/referrals/\(id)", token: triage)) } }
            var incidentId = ""
            let incident = { try Self.version(of: try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage)) }
            var actionId = ""
            let action = { try Self.version(of: try await hub.request(.get, "/api/v1/actions/\(actionId)", token: manager)) }

            var routes: [Guarded] = [
                Guarded(name: "POST /api/v1/referrals/{id}/decision", method: .post, uri: "/api/v1/referrals/\(first)/decision", token: triage, body: [
                    "kind": "meets_threshold", "rationale": "Repeated neglect indicators.", "ragRating": "amber",
                    "shareWith": ["piphire_police"], "holdStrategyDiscussion": true,
                ], success: .ok, version: referral(first)),
                Guarded(name: "POST /api/v1/referrals/{id}/ratification", method: .post, uri: "/api/v1/referrals/\(second)/ratification",
                        token: manager, body: ["verdict": "ratified", "note": "Agreed."], success: .ok, version: referral(second)),
                Guarded(name: "PUT /api/v1/sla-policies", method: .put, uri: "/api/v1/sla-policies", token: admin,
                        body: ["red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"],
                        success: .ok, version: { try Self.version(of: try await hub.request(.get, "/api/v1/sla-policies", token: admin)) }),
            ]
            var tested: [String] = []
            for route in routes { try await Self.check(route, hub: hub, audit: audit); tested.append(route.name) }

            // The incident the first decision opened: its routes, each on the version the one before left.
            let opened = try #require(try await hub.request(.get, "/api/v1/incidents", token: triage).json["items"] as? [[String: Any]])
            incidentId = try #require(opened.first?["id"] as? String)
            routes = [
                Guarded(name: "PATCH /api/v1/incidents/{id}", method: .patch, uri: "/api/v1/incidents/\(incidentId)", token: triage,
                        body: ["rag": "red", "rationale": "Disclosure of injury."], success: .ok, version: incident),
                Guarded(name: "POST /api/v1/incidents/{id}/share-requests", method: .post, uri: "/api/v1/incidents/\(incidentId)/share-requests",
                        token: triage, body: ["agencies": ["piphire_uhb"]], success: .created, version: incident),
                Guarded(name: "POST /api/v1/incidents/{id}/strategy-discussions", method: .post,
                        uri: "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, body: [
                            "kind": "strategy_discussion", "heldAt": WorkflowFixtures.instant(now),
                            "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
                            "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"]],
                            "informationConsidered": "Police calls.", "decisions": "Section 47 enquiry.", "outcome": "child_protection_enquiry",
                            "actions": [["ownerAgency": "pip_childrens", "description": "Home visit", "dueDate": "2026-12-01"]],
                        ], success: .created, version: incident),
            ]
            for route in routes { try await Self.check(route, hub: hub, audit: audit); tested.append(route.name) }

            let actions = try #require(try await hub.request(.get, "/api/v1/actions", token: manager).json["items"] as? [[String: Any]])
            actionId = try #require(actions.first?["id"] as? String)
            let completion = Guarded(name: "POST /api/v1/actions/{id}/completion", method: .post, uri: "/api/v1/actions/\(actionId)/completion",
                                     token: manager, body: ["note": "Home visit made."], success: .ok, version: action)
            try await Self.check(completion, hub: hub, audit: audit)
            tested.append(completion.name)

            // Every route the document says takes If-Match was tried here, and no other.
            #expect(Set(tested) == (try Self.documentedIfMatchOperations()))
            #expect(tested.count == 7)
        }
    }

    static func check(_ route: Guarded, hub: TestHub, audit: AuditWatch, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let current = try await route.version()
        let missing = try await audit.expect(.preconditionRequired, writes: [], sourceLocation: sourceLocation) {
            try await hub.request(route.method, route.uri, token: route.token, json: route.body)
        }
        #expect(missing.contentType == "application/problem+json", "\(route.name)")
        #expect(missing.json["type"] as? String == "https://hub.piphire.example/problems/precondition-required", "\(route.name)")
        #expect(try await route.version() == current, "\(route.name): changed without If-Match")

        let stale = try await audit.expect(.preconditionFailed, writes: [], sourceLocation: sourceLocation) {
            try await hub.request(route.method, route.uri, token: route.token, json: route.body, headers: [.ifMatch: "\"\(current - 1)\""])
        }
        #expect(stale.json["type"] as? String == "https://hub.piphire.example/problems/stale-version", "\(route.name)")
        #expect(stale.json["currentVersion"] as? String == "\(current)", "\(route.name): \(stale.text)")
        #expect(stale.headers[.eTag] == "\"\(current)\"", "\(route.name)")
        #expect(try await route.version() == current, "\(route.name): changed with a stale If-Match")

        let done = try await hub.request(route.method, route.uri, token: route.token, json: route.body, headers: [.ifMatch: "\"\(current)\""])
        #expect(done.status == route.success, "\(route.name): \(done.text)", sourceLocation: sourceLocation)
        #expect(try await route.version() == current + 1, "\(route.name)", sourceLocation: sourceLocation)
    }
}
