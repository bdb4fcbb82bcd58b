import Foundation
import HTTPTypes
import HubServer
import HubTestSupport
import Testing

/// Share requests' due times under each calendar policy the partnership may choose, through the API: an
/// administrator chooses the policy (`PUT /api/v1/sla-policies`), the manual clock is set to the moment of the
/// decision, a referral is created and decided to meet the threshold with `shareWith` (and a strategy discussion),
/// and the incident's share requests' `dueAt` and `clockPolicy` are read back (and one request's own view). Every due instant was worked out by hand.
///
/// The moments: Thursday 25 March 2027 15:30 GMT, the afternoon before Good Friday (26 March; Easter Monday is
/// 29 March, and the clocks go forward at 01:00 GMT on Sunday 28 March); Good Friday itself at 15:30 GMT; and
/// Friday 29 October 2027 15:30 BST, the Friday before the clocks go back (02:00 BST on Sunday 31 October).
/// Red is 2 hours, amber 24, green 72 and a strategy discussion 24, of counted time.
@Suite("SLA clock policies: due times through the API")
struct SLAPolicyDueDateTests {
    typealias F = WorkflowFixtures

    /// One decision moment and when its requests (red, amber, green) and its strategy discussion are due.
    struct Moment: Sendable {
        let decidedAt: String
        let red: String
        let amber: String
        let green: String
        let strategyDiscussion: String
    }

    /// A choice of policy per clock and the moments walked under it, in time order.
    struct Walk: Sendable, CustomTestStringConvertible {
        let name: String
        let choice: [String: String]
        let moments: [Moment]

        var testDescription: String { name }

        static func every(_ policy: String, _ moments: [Moment]) -> Walk {
            Walk(name: policy, choice: ["red": policy, "amber": policy, "green": policy, "strategyDiscussion": policy], moments: moments)
        }
    }

    static let thursdayBeforeGoodFriday = "2027-03-25T15:30:00+00:00"
    static let goodFriday = "2027-03-26T15:30:00+00:00"
    static let fridayBeforeClocksGoBack = "2027-10-29T15:30:00+01:00"

    static let walks: [Walk] = [
        // Real time, 24/7: the hours the clock changes take or give are real hours too.
        .every("continuous", [
            Moment(decidedAt: thursdayBeforeGoodFriday,
                   red: "2027-03-25T17:30:00+00:00", amber: "2027-03-26T15:30:00+00:00",
                   green: "2027-03-28T16:30:00+01:00",  // 72 real hours: Sunday 15:30 GMT is 16:30 BST
                   strategyDiscussion: "2027-03-26T15:30:00+00:00"),
            Moment(decidedAt: goodFriday,
                   red: "2027-03-26T17:30:00+00:00", amber: "2027-03-27T15:30:00+00:00",
                   green: "2027-03-29T16:30:00+01:00", strategyDiscussion: "2027-03-27T15:30:00+00:00"),
            Moment(decidedAt: fridayBeforeClocksGoBack,
                   red: "2027-10-29T17:30:00+01:00", amber: "2027-10-30T15:30:00+01:00",
                   green: "2027-11-01T14:30:00+00:00",  // 72 real hours: Monday 14:30 GMT, an hour earlier on the wall
                   strategyDiscussion: "2027-10-30T15:30:00+01:00"),
        ]),
        // Every hour of Monday to Friday, weekends and bank holidays skipped.
        .every("working-week", [
            // Thursday counts 8.5 h to midnight; Good Friday, the weekend and Easter Monday are skipped; Tuesday
            // 30 March starts at 00:00 BST.
            Moment(decidedAt: thursdayBeforeGoodFriday,
                   red: "2027-03-25T17:30:00+00:00",
                   amber: "2027-03-30T15:30:00+01:00",  // 8.5 + 15.5
                   green: "2027-04-01T15:30:00+01:00",  // 8.5 + 24 + 24 + 15.5
                   strategyDiscussion: "2027-03-30T15:30:00+01:00"),
            // Nothing counts until Tuesday 00:00 BST.
            Moment(decidedAt: goodFriday,
                   red: "2027-03-30T02:00:00+01:00", amber: "2027-03-31T00:00:00+01:00", green: "2027-04-02T00:00:00+01:00",
                   strategyDiscussion: "2027-03-31T00:00:00+01:00"),
            // Friday counts 8.5 h to midnight BST; Monday starts at 00:00 GMT.
            Moment(decidedAt: fridayBeforeClocksGoBack,
                   red: "2027-10-29T17:30:00+01:00",
                   amber: "2027-11-01T15:30:00+00:00",  // 8.5 + 15.5
                   green: "2027-11-03T15:30:00+00:00",  // 8.5 + 24 + 24 + 15.5
                   strategyDiscussion: "2027-11-01T15:30:00+00:00"),
        ]),
        // Monday to Friday 09:00–17:00 London time, bank holidays skipped.
        .every("working-hours", [
            // Thursday counts 1.5 h; then Tuesday 30 March from 09:00 BST, 8 h a day.
            Moment(decidedAt: thursdayBeforeGoodFriday,
                   red: "2027-03-30T09:30:00+01:00",  // 1.5 + 0.5
                   amber: "2027-04-01T15:30:00+01:00",  // 1.5 + 8 + 8 + 6.5
                   green: "2027-04-09T15:30:00+01:00",  // 1.5 + 8 days of 8 (Tue 30 Mar – Thu 8 Apr) + 6.5
                   strategyDiscussion: "2027-04-01T15:30:00+01:00"),
            Moment(decidedAt: goodFriday,
                   red: "2027-03-30T11:00:00+01:00",
                   amber: "2027-04-01T17:00:00+01:00",  // three whole days
                   green: "2027-04-09T17:00:00+01:00",  // nine whole days
                   strategyDiscussion: "2027-04-01T17:00:00+01:00"),
            // Friday counts 1.5 h to 17:00 BST; Monday opens at 09:00 GMT.
            Moment(decidedAt: fridayBeforeClocksGoBack,
                   red: "2027-11-01T09:30:00+00:00",
                   amber: "2027-11-03T15:30:00+00:00",  // 1.5 + 8 + 8 + 6.5
                   green: "2027-11-11T15:30:00+00:00",  // 1.5 + 8 days of 8 (Mon 1 – Wed 10 Nov) + 6.5
                   strategyDiscussion: "2027-11-03T15:30:00+00:00"),
        ]),
        // The Cwm Taf practice: the RAG clocks Monday to Friday only, the strategy discussion in real time.
        Walk(name: "Cwm Taf: RAG working-week, strategy discussion continuous",
             choice: ["red": "working-week", "amber": "working-week", "green": "working-week", "strategyDiscussion": "continuous"],
             moments: [
                Moment(decidedAt: thursdayBeforeGoodFriday,
                       red: "2027-03-25T17:30:00+00:00", amber: "2027-03-30T15:30:00+01:00", green: "2027-04-01T15:30:00+01:00",
                       strategyDiscussion: "2027-03-26T15:30:00+00:00"),
                Moment(decidedAt: goodFriday,
                       red: "2027-03-30T02:00:00+01:00", amber: "2027-03-31T00:00:00+01:00", green: "2027-04-02T00:00:00+01:00",
                       strategyDiscussion: "2027-03-27T15:30:00+00:00"),
                Moment(decidedAt: fridayBeforeClocksGoBack,
                       red: "2027-10-29T17:30:00+01:00", amber: "2027-11-01T15:30:00+00:00", green: "2027-11-03T15:30:00+00:00",
                       strategyDiscussion: "2027-10-30T15:30:00+01:00"),
             ]),
    ]

    static func instant(_ text: String) throws -> Date {
        try Date.ISO8601FormatStyle().parse(text)
    }

    static func date(_ value: Any?) throws -> Date {
        try #require((value as? String).flatMap(HubDateFormat.date(from:)), "not an instant: \(String(describing: value))")
    }

    @Test("share requests and strategy discussions fall due as worked out by hand", arguments: walks)
    func dueTimes(walk: Walk) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let admin = try await hub.signIn("admin")
            let chosen = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: walk.choice, headers: [.ifMatch: "\"1\""])
            #expect(chosen.status == .ok, "\(chosen.text)")
            for moment in walk.moments {
                hub.clock.set(try Self.instant(moment.decidedAt))
                let triage = try await hub.signIn("triage")
                for (rating, due) in [("red", moment.red), ("amber", moment.amber), ("green", moment.green)] {
                    let incident = try await Self.decide(hub, triage, rag: rating)
                    let requests = try #require(incident["shareRequests"] as? [[String: Any]])
                    #expect(requests.count == 2)
                    for request in requests {
                        let dueAt = try Self.date((request["request"] as? [String: Any])?["dueAt"])
                        #expect(dueAt == (try Self.instant(due)), "\(rating) decided at \(moment.decidedAt)")
                        #expect(request["clockPolicy"] as? String == walk.choice[rating])
                    }
                    let strategyDue = try Self.date(incident["strategyDiscussionDueAt"])
                    #expect(strategyDue == (try Self.instant(moment.strategyDiscussion)), "strategy discussion decided at \(moment.decidedAt)")
                    #expect(incident["strategyDiscussionClockPolicy"] as? String == walk.choice["strategyDiscussion"])

                    // The partner's view of its request says the same.
                    let requestId = try #require(requests.first?["id"] as? String)
                    let shared = try await hub.request(.get, "/api/v1/share-requests/\(requestId)", token: triage,
                                                       headers: [HTTPField.Name("X-Hub-Purpose")!: "SLA check"])
                    #expect(try Self.date((shared.json["request"] as? [String: Any])?["dueAt"]) == (try Self.instant(due)))
                    #expect(shared.json["clockPolicy"] as? String == walk.choice[rating])
                }
            }
        }
    }

    /// Creates a C1 referral received ten minutes ago and decides it meets the threshold at `rag`, asking police
    /// and health to share and deciding to hold a strategy discussion; returns the incident as the API shows it.
    static func decide(_ hub: TestHub, _ token: String, rag: String) async throws -> [String: Any] {
        let created = try await hub.request(.post, "/api/v1/referrals", token: token, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: token, json: [
            "kind": "meets_threshold", "rationale": "Partners hold information.", "ragRating": rag,
            "shareWith": ["piphire_police", "piphire_uhb"], "holdStrategyDiscussion": true,
        ], headers: [.ifMatch: try #require(created.headers[.eTag])])
        #expect(decided.status == .ok, "\(decided.text)")
        let incidentId = try #require((decided.json["incident"] as? [String: Any])?["id"] as? String)
        let incident = try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: token)
        #expect(incident.status == .ok, "\(incident.text)")
        return incident.json
    }
}
