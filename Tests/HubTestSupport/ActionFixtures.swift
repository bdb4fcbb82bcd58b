import Foundation
import HTTPTypes

/// Actions agreed at a strategy discussion, made through the API as the MASH makes them: a C1 about Ceri Peters,
/// the threshold decision that opens an incident (asking police and health to share, with a strategy discussion),
/// and the discussion that agrees the actions.
public enum ActionFixtures {
    /// One action as the discussion's body names it.
    public struct Agreed: Sendable {
        public var owner: String
        public var description: String
        /// `YYYY-MM-DD`.
        public var due: String

        public init(_ owner: String, _ description: String, due: String) {
            self.owner = owner
            self.description = description
            self.due = due
        }

        var body: [String: Any] { ["ownerAgency": owner, "description": description, "dueDate": due] }
    }

    /// What the fixture made.
    public struct Made: Sendable {
        public let incidentId: String
        public let incidentReference: String
    }

    /// An incident whose strategy discussion, held at the clock's time, agreed `actions`.
    public static func incident(_ hub: TestHub, actions: [Agreed], nhsNumber: String = "943 476 5919") async throws -> Made {
        let triage = try await hub.signIn("triage")
        let created = try await hub.request(
            .post, "/api/v1/referrals", token: triage,
            json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-1800), nhsNumber: nhsNumber))
        guard created.status == .created, let referralId = created.json["id"] as? String, let etag = created.headers[.eTag] else {
            throw TestHubError("the referral was not created: \(created.text)")
        }
        let decided = try await hub.request(.post, "/api/v1/referrals/\(referralId)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information about the family.", "ragRating": "amber",
            "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
        ], headers: [.ifMatch: etag])
        guard let incident = decided.json["incident"] as? [String: Any], let incidentId = incident["id"] as? String else {
            throw TestHubError("no incident was opened: \(decided.text)")
        }
        let read = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage)
        guard let incidentETag = read.headers[.eTag], let reference = read.json["reference"] as? String else {
            throw TestHubError("the incident cannot be read: \(read.text)")
        }
        let recorded = try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: triage, json: [
            "kind": "strategy_discussion", "heldAt": WorkflowFixtures.instant(hub.clock.now()),
            "chair": ["name": "Morgan Ellis", "agency": "pip_childrens"],
            "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Nia Howells", "agency": "piphire_uhb"]],
            "informationConsidered": "Police calls to the address; a missed health appointment.",
            "decisions": "Section 47 enquiry; police and health to act as below.", "outcome": "child_protection_enquiry",
            "actions": actions.map(\.body),
        ], headers: [.ifMatch: incidentETag])
        guard recorded.status == .created else { throw TestHubError("the discussion was not recorded: \(recorded.text)") }
        return Made(incidentId: incidentId, incidentReference: reference)
    }

    /// The items of an `/api/v1/actions` list.
    public static func items(_ reply: TestHub.Reply) -> [[String: Any]] {
        reply.json["items"] as? [[String: Any]] ?? []
    }
}
