import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// The roles that see no personal data (an administrator, a board viewer) see none on any route, even where a
/// share request is addressed to the agency they belong to (the demo's administrator and board analyst belong to
/// the MASH's own agency): not in the API, not on the screens.
@Suite("Roles that see no personal data")
struct PersonalDataAccessTests {
    /// A C1 that meets the threshold, with share requests to the MASH's own agency and to the police; the id of the
    /// request to the MASH's agency.
    static func shareRequestToTheMASHAgency(_ hub: TestHub) async throws -> String {
        let triage = try await hub.signIn("triage")
        let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                            json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-1800)))
        let referralId = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Repeated neglect indicators; partners hold information.", "ragRating": "amber",
            "shareWith": ["piphire_mash", "piphire_police"], "holdStrategyDiscussion": false,
        ], headers: [.ifMatch: try #require(created.headers[.eTag])])
        #expect(decided.status == .ok, "\(decided.text)")
        let all = try await hub.request(.get, "/api/v1/share-requests", token: triage)
        let items = try #require(all.json["items"] as? [[String: Any]])
        #expect(items.count == 2)
        return try #require(items.first { $0["agency"] as? String == "piphire_mash" }?["id"] as? String)
    }

    static let personalData = ["Peters", "Ceri", "Shira", "943 476 5919", "9434765919", "2016-04-02", "Stoops Fold", "PP2 5GN"]

    @Test(arguments: ["admin", "board"])
    func noShareRequestThroughTheAPIEvenOfItsOwnAgency(username: String) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let requestId = try await Self.shareRequestToTheMASHAgency(hub)
            let token = try await hub.signIn(username)
            let replies = [
                try await hub.request(.get, "/api/v1/share-requests", token: token),
                try await hub.request(.get, "/api/v1/share-requests?state=requested", token: token),
                try await hub.request(.get, "/api/v1/share-requests/\(requestId)", token: token),
                try await hub.request(.post, "/api/v1/share-requests/\(requestId)/response", token: token, json: ["kind": "nothing_known"]),
            ]
            for reply in replies {
                #expect(reply.status == .forbidden, "\(reply.status) \(reply.text)")
                #expect(reply.contentType == "application/problem+json")
                let quoted = Self.personalData.filter { reply.text.contains($0) }
                #expect(quoted.isEmpty, "\(username) was shown \(quoted)")
            }
            // The refusals are audited; the request was never read.
            let events = try await hub.environment.audit.recent()
            #expect(events.filter { $0.username == username && $0.action == "access.denied" }.count == replies.count)
            #expect(!events.contains { $0.username == username && $0.action.hasPrefix("share_request.") })
        }
    }

    @Test(arguments: ["admin", "board"])
    func noShareRequestOnTheScreensEvenOfItsOwnAgency(username: String) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let requestId = try await Self.shareRequestToTheMASHAgency(hub)
            let (cookie, _) = try await ScreenSecurityTests.signIn(hub, username)
            for path in ["/inbox", "/inbox/\(requestId)"] {
                let page = try await hub.request(.get, path, headers: [ScreenSecurityTests.cookie: cookie])
                #expect(page.status == .forbidden, "\(path): \(page.status)")
                let quoted = Self.personalData.filter { page.text.contains($0) }
                #expect(quoted.isEmpty, "\(username) was shown \(quoted) on \(path)")
            }
        }
    }

    /// The MASH still reads every agency's requests and a partner its own agency's, through the same rule.
    @Test func theMASHAndTheAskedAgencyStillReadTheirs() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let requestId = try await Self.shareRequestToTheMASHAgency(hub)
            let manager = try await hub.signIn("manager")
            let read = try await hub.request(.get, "/api/v1/share-requests/\(requestId)", token: manager)
            #expect(read.status == .ok && read.text.contains("Peters"))
            let police = try await hub.signIn("police")
            let inbox = try #require(try await hub.request(.get, "/api/v1/share-requests", token: police).json["items"] as? [[String: Any]])
            #expect(inbox.map { $0["agency"] as? String } == ["piphire_police"])
            #expect(try await hub.request(.get, "/api/v1/share-requests/\(requestId)", token: police).status == .forbidden)
        }
    }

    /// Reports are aggregates, but a count of one to four can single a person out: an administrator sees them
    /// suppressed, as the board does; the MASH sees them as they are.
    @Test func anAdministratorSeesSmallNumbersSuppressed() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            _ = try await Self.shareRequestToTheMASHAgency(hub)
            for (username, suppressed) in [("admin", true), ("board", true), ("manager", false)] {
                let token = try await hub.signIn(username)
                let report = try await hub.request(.get, "/api/v1/reports/volumes", token: token)
                #expect(report.status == .ok)
                #expect(report.json["suppressed"] as? Bool == suppressed, "\(username)")
                let total = (report.json["rows"] as? [[String: Any]])?.first { $0["dimension"] as? String == "total" }
                #expect((total?["count"] as? String == "<5") == suppressed, "\(username): \(String(describing: total))")
            }
        }
    }
}
