import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// The actions screens: a partner sees its own agency's actions and marks one done with a note (a blank note is
/// shown beside the field, in the page's language); the MASH sees overdue actions across agencies, and on the
/// incident.
@Suite("Screens: actions")
struct ActionScreenTests {
    static let cookie = ScreenSecurityTests.cookie

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" }.joined(separator: "&")
    }

    @Test func aPartnerMarksItsActionDoneWithANote() async throws {
        let clock = ManualClock(try Date("2026-06-17T09:00:00Z", strategy: .iso8601))
        try await TestHub.run(clock: clock) { (hub: TestHub) async throws in
            let made = try await ActionFixtures.incident(hub, actions: [
                .init("piphire_police", "Joint home visit", due: "2026-06-18"),
                .init("piphire_uhb", "Health review of Ceri", due: "2026-06-18"),
            ])
            let api = try await hub.signIn("police")
            let actionId = try #require(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions", token: api)).first?["id"] as? String)
            let healthId = try #require(ActionFixtures.items(try await hub.request(.get, "/api/v1/actions", token: try await hub.signIn("health")))
                .first?["id"] as? String)

            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "police")
            let list = try await hub.request(.get, "/actions", headers: [Self.cookie: cookie])
            #expect(list.status == .ok)
            #expect(list.text.contains("Joint home visit"))
            #expect(list.text.contains(made.incidentReference))
            #expect(!list.text.contains("Health review"), "police see health's action")
            #expect(list.text.contains("href=\"/actions\""), "no navigation to the actions")
            #expect(try await hub.request(.get, "/actions/\(healthId)", headers: [Self.cookie: cookie]).status == .forbidden)

            let page = try await hub.request(.get, "/actions/\(actionId)", headers: [Self.cookie: cookie])
            #expect(page.status == .ok)
            #expect(page.text.contains("action=\"/actions/\(actionId)/completion\""))

            // A blank note: the page again, the message beside the field and in the summary.
            let blank = try await hub.request(.post, "/actions/\(actionId)/completion",
                                              rawBody: Self.form([("csrf", csrf), ("version", "1"), ("note", "  ")]), headers: [Self.cookie: cookie])
            #expect(blank.status == .unprocessableContent)
            #expect(blank.text.contains("id=\"f-note-error\""))
            #expect(blank.text.contains("href=\"#f-note\""))

            let done = try await hub.request(.post, "/actions/\(actionId)/completion",
                                             rawBody: Self.form([("csrf", csrf), ("version", "1"), ("note", "Visited; Ceri seen.")]),
                                             headers: [Self.cookie: cookie])
            #expect(done.status == .seeOther)
            #expect(done.headers[.location] == "/actions?done")
            let after = try await hub.request(.get, "/actions?done", headers: [Self.cookie: cookie])
            #expect(after.text.contains("notice--success"))
            #expect(after.text.contains("Visited; Ceri seen."))

            // Once done, the action is shown without the form.
            let again = try await hub.request(.get, "/actions/\(actionId)", headers: [Self.cookie: cookie])
            #expect(!again.text.contains("action=\"/actions/\(actionId)/completion\""), "a done action still offers the form")

            // A second completion (the form posted again from a page drawn before): 409, the page says the action is
            // already done, in the page's words, in its summary.
            let twice = try await hub.request(.post, "/actions/\(actionId)/completion",
                                              rawBody: Self.form([("csrf", csrf), ("version", "2"), ("note", "Again.")]),
                                              headers: [Self.cookie: cookie])
            #expect(twice.status == .conflict)
            #expect(twice.text.contains("href=\"#main\""))
            #expect(twice.text.contains("This cannot be done now: it is Done."))
        }
    }

    @Test func theMASHSeesOverdueActionsAcrossAgenciesAndOnTheIncident() async throws {
        let clock = ManualClock(try Date("2026-06-17T09:00:00Z", strategy: .iso8601))
        try await TestHub.run(clock: clock) { (hub: TestHub) async throws in
            let made = try await ActionFixtures.incident(hub, actions: [
                .init("piphire_police", "Joint home visit", due: "2026-06-18"),
                .init("piphire_uhb", "Health review of Ceri", due: "2026-06-18"),
                .init("piphire_uhb", "Growth check", due: "2026-06-30"),
            ])
            clock.set(try Date("2026-06-19T09:00:00Z", strategy: .iso8601))
            let (cookie, _) = try await ScreenSecurityTests.signIn(hub, "triage")
            let list = try await hub.request(.get, "/actions", headers: [Self.cookie: cookie])
            #expect(list.status == .ok)
            let overdue = try #require(list.text.range(of: "id=\"overdue\"").map { String(list.text[$0.lowerBound...]) })
            let section = overdue.components(separatedBy: "</section>").first ?? ""
            #expect(section.contains("Piphire Police") && section.contains("Piphire University Health Board"))
            #expect(section.contains("Health review of Ceri") && !section.contains("Growth check"))

            let incident = try await hub.request(.get, "/incidents/\(made.incidentId)", headers: [Self.cookie: cookie])
            let actions = try #require(incident.text.range(of: "aria-labelledby=\"h-actions\"").map { String(incident.text[$0.lowerBound...]) })
            let incidentSection = actions.components(separatedBy: "</section>").first ?? ""
            #expect(incidentSection.contains("Growth check"))
            #expect(incidentSection.components(separatedBy: "tag--overdue").count - 1 == 2)
        }
    }
}
