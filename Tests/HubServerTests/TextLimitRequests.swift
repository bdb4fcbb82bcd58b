import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import HubWorkflow
import Testing

/// Puts a text into one limited field of one route (``LimitedField``), each time on a fresh referral or incident where
/// the route changes one, so that the text at the limit and the text over it meet the same state.
struct TextLimitRequests {
    typealias F = WorkflowFixtures

    let hub: TestHub
    let triage: String
    let manager: String
    let police: String
    let admin: String
    /// For acknowledgements: an alert addressed to triage's agency.
    let alert: String?
    /// For the watchlist: a tracker person.
    let person: Int64?
    /// For the stated purpose: a referral, and triage signed in on the screens.
    let screen: (referral: String, cookie: String, csrf: String)?

    init(hub: TestHub, route: LimitedField.Route) async throws {
        self.hub = hub
        triage = try await hub.signIn("triage")
        manager = try await hub.signIn("manager")
        police = try await hub.signIn("police")
        admin = try await hub.signIn("admin")
        if route == .referral || route == .strategyDiscussion {
            try await AgencyStore(database: hub.environment.database).upsert(
                code: LimitedField.agencyCode(TextLimits.code), name: "Agency with the longest code", kind: .other,
                localAuthority: nil, now: hub.clock.now())
        }
        if route == .acknowledgement || route == .watchlist {
            try await TrackerFixtures.importText(hub, AlertTests.extract)
        }
        if route == .acknowledgement {
            let alerts = try await hub.request(.get, "/api/v1/alerts", token: triage).json["items"] as? [[String: Any]]
            alert = try #require(alerts?.first?["id"] as? String)
        } else {
            alert = nil
        }
        person = route == .watchlist ? try await TrackerFixtures.person(hub, "PIP-UHB", "UHB1") : nil
        if route == .statedPurpose {
            let referral = try await Self.referral(hub, triage).id
            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "triage")
            screen = (referral, cookie, csrf)
        } else {
            screen = nil
        }
    }

    /// Sends `text` in `field` on the field's route.
    func send(_ text: String, in field: LimitedField) async throws -> TestHub.Reply {
        switch field.route {
        case .referral:
            return try await hub.request(.post, "/api/v1/referrals", token: triage, json: JSONPath.setting(text, at: field.field, in: referralBody))
        case .idempotencyKey:
            return try await hub.request(.post, "/api/v1/referrals", token: triage, json: referralBody,
                                         headers: [HTTPField.Name("Idempotency-Key")!: text])
        case .decision:
            let referral = try await Self.referral(hub, triage)
            return try await hub.request(.post, "/api/v1/referrals/\(referral.id)/decision", token: triage,
                                         json: ["kind": "meets_threshold", "rationale": text, "ragRating": "amber"],
                                         headers: [.ifMatch: referral.etag])
        case .ratification:
            let referral = try await Self.referral(hub, triage)
            let decided = try await hub.request(.post, "/api/v1/referrals/\(referral.id)/decision", token: triage,
                                                json: ["kind": "no_further_action", "rationale": "Family support in place."],
                                                headers: [.ifMatch: referral.etag])
            return try await hub.request(.post, "/api/v1/referrals/\(referral.id)/ratification", token: manager,
                                         json: ["verdict": "ratified", "note": text], headers: [.ifMatch: try #require(decided.headers[.eTag])])
        case .reRating:
            let incident = try await incident()
            return try await hub.request(.patch, "/api/v1/incidents/\(incident.id)", token: triage, json: ["rag": "red", "rationale": text],
                                         headers: [.ifMatch: incident.etag])
        case .strategyDiscussion:
            let incident = try await incident()
            return try await hub.request(.post, "/api/v1/incidents/\(incident.id)/strategy-discussions", token: triage,
                                         json: JSONPath.setting(text, at: field.field, in: discussionBody), headers: [.ifMatch: incident.etag])
        case .shareResponse:
            let incident = try await incident(shareWith: ["piphire_police"])
            let read = try await hub.request(.get, "/api/v1/incidents/\(incident.id)", token: triage)
            let request = try #require((read.json["shareRequests"] as? [[String: Any]])?.first?["id"] as? String)
            let body: [String: Any] = field.field == "information"
                ? ["kind": "information_shared", "information": text] : ["kind": "declined", "reason": text]
            return try await hub.request(.post, "/api/v1/share-requests/\(request)/response", token: police, json: body)
        case .answerOnBehalf:
            let incident = try await incident(shareWith: ["piphire_police"])
            let read = try await hub.request(.get, "/api/v1/incidents/\(incident.id)", token: triage)
            let request = try #require((read.json["shareRequests"] as? [[String: Any]])?.first?["id"] as? String)
            var body: [String: Any] = ["kind": "nothing_known", "channel": "phone", "contactName": "DS Rhys Evans", "receivedAt": F.instant(hub.clock.now())]
            switch field.field {
            case "information": body.merge(["kind": "information_shared", "information": text]) { $1 }
            case "reason": body.merge(["kind": "declined", "reason": text]) { $1 }
            default: body[field.field] = text
            }
            return try await hub.request(.post, "/api/v1/share-requests/\(request)/response-on-behalf", token: triage, json: body)
        case .acknowledgement:
            return try await hub.request(.post, "/api/v1/alerts/\(try #require(alert))/acknowledgement", token: triage, json: ["note": text])
        case .watchlist:
            let reply = try await hub.request(.post, "/api/v1/watchlist", token: triage, json: ["personId": try #require(person), "reason": text])
            if let entry = reply.json["id"] as? String {  // followed: stop, so the person can be followed again
                let unfollowed = try await hub.request(.delete, "/api/v1/watchlist/\(entry)", token: triage)
                #expect(unfollowed.status == .noContent)
            }
            return reply
        case .user:
            let username = "limit-" + UUID().uuidString.prefix(8).lowercased()
            return try await hub.request(.post, "/api/v1/users", token: admin, json: [
                "username": username, "displayName": text, "agency": "pip_childrens", "role": "mash_triage",
                "password": "a long enough password",
            ])
        case .statedPurpose:
            let screen = try #require(screen)
            return try await hub.request(.post, "/referrals/\(screen.referral)/purpose",
                                         rawBody: "csrf=\(screen.csrf)&purpose=\(Self.formEncoded(text))",
                                         headers: [ScreenSecurityTests.cookie: screen.cookie])
        }
    }

    /// Whether `reply` names `field`: in the problem's `errors`, or (a screen) in the page's error summary, which links
    /// to the field's input (`f-purpose`).
    func names(_ field: LimitedField, in reply: TestHub.Reply) -> Bool {
        if field.route == .statedPurpose { return reply.text.contains("href=\"#f-\(field.field)\"") }
        let errors = reply.json["errors"] as? [[String: Any]] ?? []
        return errors.contains { $0["field"] as? String == field.field }
    }

    // MARK: fresh state

    var referralBody: [String: Any] { F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)) }

    var discussionBody: [String: Any] {
        let dueDate = String(F.instant(hub.clock.now().addingTimeInterval(7 * 86_400)).prefix(10))
        return [
            "kind": "strategy_discussion", "heldAt": F.instant(hub.clock.now()),
            "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
            "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"]],
            "informationConsidered": "Police calls to the address.", "decisions": "Section 47 enquiry to start today.",
            "actions": [["ownerAgency": "pip_childrens", "description": "Home visit", "dueDate": dueDate]],
        ]
    }

    static func referral(_ hub: TestHub, _ token: String) async throws -> (id: String, etag: String) {
        let reply = try await hub.request(.post, "/api/v1/referrals", token: token, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
        #expect(reply.status == .created, "\(reply.text)")
        return (try #require(reply.json["id"] as? String), try #require(reply.headers[.eTag]))
    }

    /// A fresh amber incident, optionally asking `shareWith` agencies; its id and ETag.
    func incident(shareWith agencies: [String] = []) async throws -> (id: String, etag: String) {
        let referral = try await Self.referral(hub, triage)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referral.id)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": "amber", "shareWith": agencies,
        ], headers: [.ifMatch: referral.etag])
        let id = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String, "\(decided.text)")
        let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(id)", token: triage).headers[.eTag])
        return (id, etag)
    }

    static func formEncoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")) ?? text
    }
}
