import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Closing on the incident screen where sharing was enough (#15 items 6, 12, 13): the form asks for the closure
/// outcome and reason (and for an adult the risk), a refusal shows each message beside its field, and the partner's
/// inbox then lists the request it had not answered as withdrawn.
@Suite("Closing on the screens")
struct IncidentClosingScreenTests {
    typealias F = WorkflowFixtures

    static func form(_ fields: [(String, String)]) -> String {
        fields.map { name, value in
            let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._"))
            return "\(name.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    @Test func theFormNamesEachMissingFieldThenClosesAndThePartnerSeesTheRequestWithdrawn() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await IncidentClosingTests.open(hub, triage, body: F.a1(receivedAt: hub.clock.now().addingTimeInterval(-600)),
                                                             agencies: ["piphire_police"])
            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "triage")
            let page = try await hub.request(.get, "/incidents/\(opened.id)", headers: [ScreenSecurityTests.cookie: cookie])
            #expect(page.text.contains("name=\"closure.outcome\""))
            #expect(page.text.contains("name=\"closure.adultRisk\""))  // an adult's case
            let version = try #require(try await IncidentClosingTests.incident(hub, triage, opened.id).json["version"] as? Int)

            let refused = try await hub.request(.post, "/incidents/\(opened.id)/close",
                                                rawBody: Self.form([("csrf", csrf), ("version", "\(version)"), ("closure.reason", " ")]),
                                                headers: [ScreenSecurityTests.cookie: cookie])
            #expect(refused.status == .unprocessableContent)
            for id in ["f-closure-outcome-error", "f-closure-reason-error", "f-closure-adultRisk-error"] {
                #expect(refused.text.contains("id=\"\(id)\""), "no message beside \(id)")
            }
            #expect(try await IncidentClosingTests.incident(hub, triage, opened.id).json["state"] as? String == "sharing")

            let closed = try await hub.request(.post, "/incidents/\(opened.id)/close", rawBody: Self.form([
                ("csrf", csrf), ("version", "\(version)"), ("closure.outcome", "single_agency_action"),
                ("closure.reason", "Adult services follow up with Mrs Price alone."), ("closure.adultRisk", "reduced"),
            ]), headers: [ScreenSecurityTests.cookie: cookie])
            #expect(closed.status == .seeOther, "\(closed.status)")
            let incident = try await IncidentClosingTests.incident(hub, triage, opened.id)
            #expect(incident.json["state"] as? String == "closed")
            #expect((incident.json["closure"] as? [String: Any])?["adultRisk"] as? String == "reduced")

            let (policeCookie, _) = try await ScreenSecurityTests.signIn(hub, "police")
            let inbox = try await hub.request(.get, "/inbox", headers: [ScreenSecurityTests.cookie: policeCookie])
            let reference = try #require(incident.json["reference"] as? String)
            let withdrawnSection = try #require(inbox.text.range(of: "The MASH closed these incidents"))
            #expect(inbox.text[withdrawnSection.upperBound...].contains(reference), "the withdrawn request is not listed as withdrawn")
            #expect(inbox.text.contains("Withdrawn: the incident closed before an answer"))

            // The request's own page says it was withdrawn, and offers no answer form.
            let requestId = try #require(inbox.text.range(of: #"href="/inbox/([0-9a-f-]{36})""#, options: .regularExpression)
                .map { String(inbox.text[$0].dropFirst(13).dropLast()) })
            let requestPage = try await hub.request(.get, "/inbox/\(requestId)", headers: [ScreenSecurityTests.cookie: policeCookie])
            #expect(requestPage.status == .ok)
            #expect(requestPage.text.contains("Withdrawn: the incident closed before an answer"), "the withdrawn request's page does not say so")
            #expect(!requestPage.text.contains("/answer\""), "a withdrawn request offers the answer form")
        }
    }
}
