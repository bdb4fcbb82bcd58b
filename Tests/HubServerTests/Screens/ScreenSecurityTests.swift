import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing

/// What every screen promises about security: the headers, the session cookie, CSRF, the session-ended page, the
/// board refused personal data, the language switch that stays on the site.
@Suite("Screens: security")
struct ScreenSecurityTests {
    static let cookie = HTTPField.Name("Cookie")!

    /// The value of a `Set-Cookie` of `name` in `reply`, with its attributes.
    static func setCookie(_ reply: TestHub.Reply, _ name: String) -> String? {
        reply.headers[values: .setCookie].first { $0.hasPrefix(name + "=") }
    }

    static func value(of setCookie: String?) -> String? {
        setCookie?.split(separator: ";").first?.split(separator: "=", maxSplits: 1).last.map(String.init)
    }

    static func csrf(in html: String) -> String? {
        html.range(of: "name=\"csrf\" value=\"([^\"]+)\"", options: .regularExpression)
            .map { String(html[$0].dropFirst("name=\"csrf\" value=\"".count).dropLast()) }
    }

    /// Signs `username` in through the sign-in form; the session cookie and the page's CSRF token after it.
    static func signIn(_ hub: TestHub, _ username: String) async throws -> (cookie: String, csrf: String) {
        let form = try await hub.request(.get, "/sign-in")
        let preSession = try #require(value(of: setCookie(form, "hub_csrf")))
        let token = try #require(csrf(in: form.text))
        let reply = try await hub.request(.post, "/sign-in", rawBody: "csrf=\(token)&username=\(username)&password=\(TestHub.demoPassword)",
                                          headers: [cookie: "hub_csrf=\(preSession)"])
        #expect(reply.status == .seeOther, "sign-in answered \(reply.status)")
        let session = try #require(setCookie(reply, "hub_session"))
        let sessionCookie = "hub_session=" + (try #require(value(of: session)))
        let home = try #require(reply.headers[.location])  // the role's home page, which it may open
        let page = try await hub.request(.get, home, headers: [cookie: sessionCookie])
        return (sessionCookie, try #require(csrf(in: page.text)))
    }

    @Test func everyPageCarriesTheSecurityHeaders() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let page = try await hub.request(.get, "/sign-in")
            #expect(page.status == .ok)
            let policy = try #require(page.headers[.contentSecurityPolicy])
            #expect(policy.contains("script-src 'self'"))
            #expect(policy.contains("frame-ancestors 'none'"))
            #expect(!policy.contains("unsafe-inline"))
            #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            #expect(page.headers[.cacheControl] == "no-store")
            #expect(page.headers[.xContentTypeOptions] == "nosniff")
            #expect(!page.text.contains("<script>"), "no inline script")
            let asset = try await hub.request(.get, "/assets/hub.css")
            #expect(asset.status == .ok)
            #expect(asset.headers[.cacheControl] == "public, max-age=3600")
        }
    }

    @Test func theSessionCookieIsHttpOnlyAndStrict() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let form = try await hub.request(.get, "/sign-in")
            let preSession = try #require(Self.value(of: Self.setCookie(form, "hub_csrf")))
            let token = try #require(Self.csrf(in: form.text))
            let reply = try await hub.request(.post, "/sign-in", rawBody: "csrf=\(token)&username=triage&password=\(TestHub.demoPassword)",
                                              headers: [Self.cookie: "hub_csrf=\(preSession)"])
            #expect(reply.status == .seeOther)
            #expect(reply.headers[.location] == "/incidents")
            let session = try #require(Self.setCookie(reply, "hub_session"))
            #expect(session.contains("HttpOnly"))
            #expect(session.contains("SameSite=Strict"))
            #expect(session.contains("Path=/"))
        }
    }

    @Test func aFormWithoutItsTokenIsRefusedAndAudited() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let (cookie, token) = try await Self.signIn(hub, "triage")
            let missing = try await hub.request(.post, "/referrals/new", rawBody: "form=c1&action=submit", headers: [Self.cookie: cookie])
            #expect(missing.status == .forbidden)
            let wrong = try await hub.request(.post, "/referrals/new", rawBody: "csrf=\(token)x&form=c1&action=submit", headers: [Self.cookie: cookie])
            #expect(wrong.status == .forbidden)
            try await Task.sleep(for: .milliseconds(100))
            let refusals = try await hub.environment.database.query(
                "SELECT count(*)::int FROM audit_events WHERE action = 'access.denied' AND detail ->> 'reason' = 'missing or invalid CSRF token'")
            #expect(try refusals.first?.decode(Int.self) == 2)
            let referrals = try await hub.environment.database.query("SELECT count(*)::int FROM referrals")
            #expect(try referrals.first?.decode(Int.self) == 0)
        }
    }

    @Test func anEndedSessionGetsAPageThatSaysSo() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let (cookie, _) = try await Self.signIn(hub, "triage")
            #expect(try await hub.request(.get, "/incidents", headers: [Self.cookie: cookie]).status == .ok)
            hub.clock.advance(by: 31 * 60)  // idle longer than the 30 minutes a session lasts unused
            let ended = try await hub.request(.get, "/incidents", headers: [Self.cookie: cookie])
            #expect(ended.status == .unauthorized)
            #expect(ended.text.contains("Your session has ended"))
            let notSignedIn = try await hub.request(.get, "/incidents")
            #expect(notSignedIn.status == .seeOther)
            #expect(notSignedIn.headers[.location] == "/sign-in")
        }
    }

    @Test func theBoardIsRefusedAReferralAndTheAttemptIsAudited() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-60)))
            let id = try #require(created.json["id"] as? String)
            let (cookie, _) = try await Self.signIn(hub, "board")
            let page = try await hub.request(.get, "/referrals/\(id)", headers: [Self.cookie: cookie])
            #expect(page.status == .forbidden)
            #expect(page.text.contains("You do not have access to this page"))
            #expect(!page.text.contains("Peters"))
            let dashboard = try await hub.request(.get, "/dashboard", headers: [Self.cookie: cookie])
            #expect(dashboard.status == .ok)
            #expect(dashboard.text.contains("<svg class=\"chart\""))
            let denials = try await hub.environment.database.query(
                "SELECT count(*)::int FROM audit_events WHERE action = 'access.denied' AND username = 'board'")
            #expect(try denials.first?.decode(Int.self) == 1)
        }
    }

    @Test func theLanguageSwitchStaysOnTheSiteAndThePageSaysItsLanguage() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let switched = try await hub.request(.get, "/language?to=cy&back=%2Fsign-in")
            #expect(switched.status == .seeOther)
            #expect(switched.headers[.location] == "/sign-in")
            #expect(Self.setCookie(switched, "hub_lang")?.hasPrefix("hub_lang=cy") == true)
            let away = try await hub.request(.get, "/language?to=cy&back=%2F%2Fevil.example%2F")
            #expect(away.headers[.location] == "/")
            let welsh = try await hub.request(.get, "/sign-in", headers: [Self.cookie: "hub_lang=cy"])
            #expect(welsh.text.contains("<html lang=\"cy\">"))
            #expect(welsh.text.contains("Mewngofnodi"))
            let browser = try await hub.request(.get, "/sign-in", headers: [.acceptLanguage: "cy-GB, en;q=0.5"])
            #expect(browser.text.contains("<html lang=\"cy\">"))
            let english = try await hub.request(.get, "/sign-in", headers: [.acceptLanguage: "fr, en;q=0.8"])
            #expect(english.text.contains("<html lang=\"en\">"))
        }
    }
}
