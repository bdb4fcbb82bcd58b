import Foundation
import HTTPTypes
import HubTestSupport
import Testing

/// Issue #16 item 7 on the screens: the agency asked keeps its own answer form; MASH staff get, on another agency's
/// request, the form to record the answer it gave another way (errors beside each field), never the answer form; and
/// an answer so recorded reads "Recorded by … on behalf of …, received … from … at …" in English and in Welsh, on the
/// request and on the incident.
@Suite("Answers recorded on behalf, on the screens")
struct ShareRequestOnBehalfScreenTests {
    typealias Form = IncidentClosingScreenTests

    @Test func mashStaffRecordOnBehalfWithErrorsBesideFieldsAndTheAnswerIsShownAsSuch() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let opened = try await ShareRequestOnBehalfTests.open(hub)
            let (police, health, childrens) = (try #require(opened.requests["piphire_police"]), try #require(opened.requests["piphire_uhb"]),
                                               try #require(opened.requests["pip_childrens"]))
            hub.clock.advance(by: 2 * 3600)  // 11:00 in London
            let (cookie, csrf) = try await ScreenSecurityTests.signIn(hub, "triage")
            let mash: HTTPFields = [ScreenSecurityTests.cookie: cookie]

            // The police's request: the on-behalf form, not the answer form; the MASH's own agency's: the answer form.
            let page = try await hub.request(.get, "/inbox/\(police)", headers: mash)
            #expect(page.status == .ok)
            #expect(page.text.contains("action=\"/inbox/\(police)/answer-on-behalf\""))
            #expect(!page.text.contains("action=\"/inbox/\(police)/answer\""))
            for name in ["channel", "contactName", "receivedAt.date", "receivedAt.time", "kind", "information", "reason"] {
                #expect(page.text.contains("name=\"\(name)\""), "no \(name) on the on-behalf form")
            }
            let own = try await hub.request(.get, "/inbox/\(childrens)", headers: mash)
            #expect(own.text.contains("action=\"/inbox/\(childrens)/answer\""))
            #expect(!own.text.contains("answer-on-behalf"))
            // The police keep their own answer form, and are offered no on-behalf form.
            let (policeCookie, policeCSRF) = try await ScreenSecurityTests.signIn(hub, "police")
            let policePage = try await hub.request(.get, "/inbox/\(police)", headers: [ScreenSecurityTests.cookie: policeCookie])
            #expect(policePage.text.contains("action=\"/inbox/\(police)/answer\""))
            #expect(!policePage.text.contains("answer-on-behalf"))

            // Nothing chosen: each message beside its field, nothing stored.
            let empty = try await hub.request(.post, "/inbox/\(police)/answer-on-behalf",
                                              rawBody: Form.form([("csrf", csrf), ("receivedAt.date", "18/11/2026"), ("receivedAt.time", "10:30")]),
                                              headers: mash)
            #expect(empty.status == .unprocessableContent)
            for id in ["f-channel-error", "f-contactName-error", "f-kind-error"] {
                #expect(empty.text.contains("id=\"\(id)\""), "no message beside \(id)")
            }
            #expect(!empty.text.contains("id=\"f-receivedAt-date-error\""))
            // A time in the future: the message beside the date.
            let future = try await hub.request(.post, "/inbox/\(police)/answer-on-behalf", rawBody: Form.form([
                ("csrf", csrf), ("channel", "phone"), ("contactName", "DS Rhys Evans"), ("receivedAt.date", "18/11/2026"),
                ("receivedAt.time", "11:30"), ("kind", "nothing_known"),
            ]), headers: mash)
            #expect(future.status == .unprocessableContent)
            #expect(future.text.contains("id=\"f-receivedAt-date-error\""))
            #expect(future.text.contains("the time received cannot be in the future"))
            #expect(try await ShareRequestOnBehalfTests.request(hub, try await hub.signIn("triage"), police)["state"] as? String == "requested")

            // Answering the police's request directly is refused on the screens too.
            let direct = try await hub.request(.post, "/inbox/\(police)/answer", rawBody: Form.form([("csrf", csrf), ("kind", "nothing_known")]),
                                               headers: mash)
            #expect(direct.status == .forbidden)
            // And the police may not record on behalf.
            let partner = try await hub.request(.post, "/inbox/\(police)/answer-on-behalf", rawBody: Form.form([
                ("csrf", policeCSRF), ("channel", "phone"), ("contactName", "x"), ("receivedAt.date", "18/11/2026"), ("receivedAt.time", "10:30"),
                ("kind", "nothing_known"),
            ]), headers: [ScreenSecurityTests.cookie: policeCookie])
            #expect(partner.status == .forbidden)

            let recorded = try await hub.request(.post, "/inbox/\(police)/answer-on-behalf", rawBody: Form.form([
                ("csrf", csrf), ("channel", "phone"), ("contactName", "DS Rhys Evans"), ("receivedAt.date", "18/11/2026"),
                ("receivedAt.time", "10:30"), ("kind", "information_shared"), ("information", "Two 101 calls in October."),
            ]), headers: mash)
            #expect(recorded.status == .seeOther, "\(recorded.status) \(recorded.text)")
            #expect(recorded.headers[.location] == "/inbox/\(police)")

            let english = "Recorded by Tamsin Rowe (MASH triage) on behalf of Piphire Police, received by phone from DS Rhys Evans at 18 November 2026, 10:30"
            let welsh = "Cofnodwyd gan Tamsin Rowe (MASH triage) ar ran Piphire Police, a dderbyniwyd dros y ffôn gan DS Rhys Evans am 18 Tachwedd 2026, 10:30"
            let after = try await hub.request(.get, "/inbox/\(police)", headers: mash)
            #expect(after.text.contains(english), "the request does not say it was recorded on behalf")
            #expect(!after.text.contains("answer-on-behalf"), "an answered request offers the on-behalf form")
            let afterWelsh = try await hub.request(.get, "/inbox/\(police)", headers: [ScreenSecurityTests.cookie: cookie + "; hub_lang=cy"])
            #expect(afterWelsh.text.contains(welsh), "the Welsh request does not say it was recorded on behalf")
            // The police see the same on their own request.
            let theirs = try await hub.request(.get, "/inbox/\(police)", headers: [ScreenSecurityTests.cookie: policeCookie])
            #expect(theirs.text.contains(english))

            // The incident: the answer shown as recorded on behalf; health's, still waiting, offers the way to record one.
            let incident = try await hub.request(.get, "/incidents/\(opened.incidentId)", headers: mash)
            #expect(incident.text.contains(english), "the incident does not say the answer was recorded on behalf")
            #expect(incident.text.contains("href=\"/inbox/\(health)#on-behalf\""))
            #expect(!incident.text.contains("href=\"/inbox/\(police)#on-behalf\""))
            #expect(!incident.text.contains("href=\"/inbox/\(childrens)#on-behalf\""))
        }
    }
}
