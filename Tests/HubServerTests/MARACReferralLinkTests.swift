import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// A strategy discussion whose outcome is a MARAC referral makes that referral, or links the incident to the victim's
/// live MARAC referral, in the same transaction: the victim is never typed in again, the link shows both ways, and
/// the `marac` report counts each case once (issue #15, item 5).
@Suite("MARAC referrals from a discussion's outcome")
struct MARACReferralLinkTests {
    typealias F = WorkflowFixtures

    /// Alys Morgan's NHS number (fictional; passes the modulus 11 check).
    static let alysNHSNumber = "485 777 3457"

    /// The PPN of the fixtures (Alys Morgan, victim; Rhys Morgan) with the victim's NHS number and `dashScore`.
    static func ppn(_ hub: TestHub, dashScore: Int = 15, victim: (forename: String, dateOfBirth: String, nhs: String?)? = nil) -> [String: Any] {
        var fixture = ReferralFixture.ppn(receivedAt: hub.clock.now().addingTimeInterval(-3600), dashScore: dashScore)
        fixture.subjects[0].nhsNumber = alysNHSNumber
        if let victim {
            fixture.subjects[0].forename = victim.forename
            fixture.subjects[0].dateOfBirth = victim.dateOfBirth
            fixture.subjects[0].nhsNumber = victim.nhs
        }
        return fixture.body
    }

    /// A MARAC referral as an independent domestic violence adviser sends it, about `forename` `surname` born on
    /// `dateOfBirth`, received `hoursAgo` hours ago; with a DASH score unless `dashScore` is nil.
    static func maracForm(
        _ hub: TestHub, forename: String = "Alys", surname: String = "Morgan", dateOfBirth: String = "1994-02-11", hoursAgo: Double = 48,
        dashScore: Int? = 16
    ) -> [String: Any] {
        var fixture = ReferralFixture.ppn(receivedAt: hub.clock.now().addingTimeInterval(-hoursAgo * 3600), dashScore: dashScore ?? 0)
        fixture.form = "marac"
        fixture.channel = "email"
        fixture.referrer = .init(name: "Rhian Jenkins", role: "Independent domestic violence adviser", agency: "piphire_marac",
                                 phone: "01632 960440")
        fixture.subjects[0].forename = forename
        fixture.subjects[0].surname = surname
        fixture.subjects[0].dateOfBirth = dateOfBirth
        fixture.dashScore = dashScore
        return fixture.body
    }

    struct Opened {
        let referralId: String
        let referralReference: String
        let incidentId: String
        let incidentReference: String
    }

    /// Receives `body`, decides that it meets the threshold (red) and returns the referral and its incident.
    static func open(_ hub: TestHub, _ token: String, _ body: [String: Any]) async throws -> Opened {
        let created = try await hub.request(.post, "/api/v1/referrals", token: token, json: body)
        #expect(created.status == .created, "\(created.text)")
        let id = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: token, json: [
            "kind": "meets_threshold", "rationale": "High-risk DASH; partners hold information.", "ragRating": "red",
        ], headers: [.ifMatch: try #require(created.headers[.eTag])])
        #expect(decided.status == .ok, "\(decided.text)")
        let incident = try #require(decided.json["incident"] as? [String: Any])
        return Opened(referralId: id, referralReference: try #require(created.json["reference"] as? String),
                      incidentId: try #require(incident["id"] as? String), incidentReference: try #require(incident["reference"] as? String))
    }

    /// Records a discussion of `kind` about the incident with `outcome`, held five minutes before now ten minutes on, at
    /// the incident's current version.
    @discardableResult
    static func discuss(
        _ hub: TestHub, _ token: String, _ incidentId: String, outcome: String? = "marac_referral",
        kind: String = "domestic_abuse_daily_discussion"
    ) async throws -> TestHub.Reply {
        hub.clock.advance(by: 600)
        let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: token).headers[.eTag])
        var discussion: [String: Any] = [
            "kind": kind, "heldAt": F.instant(hub.clock.now().addingTimeInterval(-300)),
            "chair": ["name": "Morgan Ellis", "agency": "piphire_mash"],
            "attendees": [["name": "PC Dylan Price", "agency": "piphire_police"], ["name": "Rhian Jenkins", "agency": "piphire_marac"]],
            "informationConsidered": "DASH 15; two call-outs this year.", "decisions": "Refer to MARAC; safety planning meanwhile.",
        ]
        if let outcome { discussion["outcome"] = outcome }
        return try await hub.request(.post, "/api/v1/incidents/\(incidentId)/strategy-discussions", token: token, json: discussion,
                                     headers: [.ifMatch: etag])
    }

    static func count(_ hub: TestHub, _ sql: PostgresQuery) async throws -> Int {
        try #require(try await hub.environment.database.query(sql).first?.decode(Int.self))
    }

    static func maracReferral(of reply: TestHub.Reply) -> [String: Any]? { reply.json["maracReferral"] as? [String: Any] }

    // MARK: -

    @Test func theOutcomeRaisesAMARACReferralAboutTheSameSubjectsWithTheDASHCarried() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let ppn = Self.ppn(hub)
            let opened = try await Self.open(hub, triage, ppn)
            let recorded = try await Self.discuss(hub, triage, opened.incidentId)
            #expect(recorded.status == .created, "\(recorded.text)")
            let link = try #require(Self.maracReferral(of: recorded), "the incident names no MARAC referral: \(recorded.text)")
            #expect(link["how"] as? String == "created")
            #expect(link["reference"] as? String == "R-000002")
            let maracId = try #require(link["id"] as? String)

            let marac = try await hub.request(.get, "/api/v1/referrals/\(maracId)", token: triage)
            #expect(marac.status == .ok)
            #expect(marac.json["form"] as? String == "marac")
            #expect(marac.json["status"] as? String == "received")
            #expect(marac.json["channel"] as? String == "strategy_outcome")
            #expect(marac.json["service"] as? String == "adults")
            #expect(marac.json["localAuthority"] as? String == "PIP Town Council")
            let dash = try #require(marac.json["dash"] as? [String: Any])
            #expect(dash["score"] as? Int == 15)
            #expect(dash["riskLevel"] as? String == "high")
            let original = try await hub.request(.get, "/api/v1/referrals/\(opened.referralId)", token: triage)
            #expect((marac.json["subjects"] as? NSArray) == (try #require(original.json["subjects"] as? NSArray)), "the same subjects, as received")
            #expect((marac.json["subjects"] as? [[String: Any]])?.first?["nhsNumber"] as? String == "4857773457")
            #expect((marac.json["concern"] as? NSDictionary) == (try #require(original.json["concern"] as? NSDictionary)))
            let referrer = try #require(marac.json["referrer"] as? [String: Any])
            #expect(referrer["name"] as? String == "Morgan Ellis")
            #expect(referrer["agency"] as? String == "piphire_mash")

            // It waits in the triage queue like any other referral, and was made as one is: audited, with its timeline.
            let queue = try await hub.request(.get, "/api/v1/referrals?status=received&form=marac", token: triage)
            #expect((queue.json["items"] as? [[String: Any]])?.compactMap { $0["reference"] as? String } == ["R-000002"])
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM audit_events WHERE action = 'referral.create' AND object_id = \(maracId)") == 1)
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM audit_events WHERE action = 'marac_referral.link' AND object_id = \(maracId)") == 1)
            let kinds = try await hub.environment.database.query(
                "SELECT kind FROM timeline_events WHERE referral_id = \(UUID(uuidString: maracId)!) ORDER BY id"
            ).map { try $0.decode(String.self) }
            #expect(kinds == ["received", "acknowledged", "raised_from_incident"])
            let timeline = try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)/timeline", token: triage)
            let incidentKinds = (timeline.json["events"] as? [[String: Any]] ?? []).compactMap { $0["kind"] as? String }
            #expect(incidentKinds.suffix(3) == ["discussed", "outcome", "marac_referral_raised"])
        }
    }

    @Test func aSecondOutcomeOnTheSameIncidentLinksTheSameReferral() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.open(hub, triage, Self.ppn(hub))
            let first = try await Self.discuss(hub, triage, opened.incidentId)
            let second = try await Self.discuss(hub, triage, opened.incidentId, kind: "strategy_meeting")
            #expect(second.status == .created, "\(second.text)")
            let firstId = try #require(Self.maracReferral(of: first)?["id"] as? String)
            #expect(Self.maracReferral(of: second)?["id"] as? String == firstId)
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM referrals WHERE form = 'marac'") == 1)
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM strategy_discussions WHERE outcome = 'marac_referral'") == 2)
        }
    }

    @Test func theVictimsLiveMARACReferralIsLinkedRatherThanANewOneRaised() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // The adviser's referral names her in capitals and without an NHS number: the same person by name and date of birth.
            let existing = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                                 json: Self.maracForm(hub, forename: "ALYS", surname: "MORGAN"))
            #expect(existing.status == .created, "\(existing.text)")
            let existingId = try #require(existing.json["id"] as? String)
            // Someone else of the same name, born a year later.
            let other = try await hub.request(.post, "/api/v1/referrals", token: triage, json: Self.maracForm(hub, dateOfBirth: "1995-02-11"))
            #expect(other.status == .created)

            let opened = try await Self.open(hub, triage, Self.ppn(hub))
            let recorded = try await Self.discuss(hub, triage, opened.incidentId)
            #expect(recorded.status == .created, "\(recorded.text)")
            let link = try #require(Self.maracReferral(of: recorded), "\(recorded.text)")
            #expect(link["id"] as? String == existingId)
            #expect(link["how"] as? String == "linked")
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM referrals WHERE form = 'marac'") == 2, "no third MARAC referral")
            let kinds = try await hub.environment.database.query(
                "SELECT kind FROM timeline_events WHERE referral_id = \(UUID(uuidString: existingId)!) ORDER BY id"
            ).map { try $0.decode(String.self) }
            #expect(kinds == ["received", "acknowledged", "linked_from_incident"])
        }
    }

    @Test func theLinkShowsBothWays() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            let opened = try await Self.open(hub, triage, Self.ppn(hub))
            try await Self.discuss(hub, triage, opened.incidentId)

            let incident = try await hub.request(.get, "/api/v1/incidents/\(opened.incidentId)", token: triage)
            let link = try #require(Self.maracReferral(of: incident), "\(incident.text)")
            let maracId = try #require(link["id"] as? String)
            #expect(link["reference"] as? String == "R-000002")

            let marac = try await hub.request(.get, "/api/v1/referrals/\(maracId)", token: triage)
            let back = try #require((marac.json["maracOutcomes"] as? [[String: Any]])?.first, "\(marac.text)")
            #expect((back["incident"] as? [String: Any])?["id"] as? String == opened.incidentId)
            #expect((back["incident"] as? [String: Any])?["reference"] as? String == opened.incidentReference)
            #expect((back["referral"] as? [String: Any])?["id"] as? String == opened.referralId)
            #expect((back["referral"] as? [String: Any])?["reference"] as? String == opened.referralReference)
            #expect(back["how"] as? String == "created")
            // The referral the incident came from is not itself a MARAC referral's outcome.
            let original = try await hub.request(.get, "/api/v1/referrals/\(opened.referralId)", token: triage)
            #expect(original.json["maracOutcomes"] == nil)

            // And on the screens, in English and in Welsh.
            let (cookie, _) = try await ScreenSecurityTests.signIn(hub, "triage")
            let incidentPage = try await hub.request(.get, "/incidents/\(opened.incidentId)", headers: [ScreenSecurityTests.cookie: cookie])
            #expect(incidentPage.text.contains("href=\"/referrals/\(maracId)\""))
            #expect(incidentPage.text.contains("MARAC referral R-000002"))
            let maracPage = try await hub.request(.get, "/referrals/\(maracId)", headers: [ScreenSecurityTests.cookie: cookie])
            #expect(maracPage.text.contains("href=\"/incidents/\(opened.incidentId)\""))
            #expect(maracPage.text.contains("Raised from incident \(opened.incidentReference) (referral \(opened.referralReference))"))
            let welsh = try await hub.request(.get, "/referrals/\(maracId)", headers: [ScreenSecurityTests.cookie: cookie + "; hub_lang=cy"])
            #expect(welsh.text.contains("o ddigwyddiad \(opened.incidentReference) (atgyfeiriad \(opened.referralReference))"))
        }
    }

    @Test func theMARACReportCountsEachCaseOnce() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // Alys: the adviser's MARAC referral, then the police's PPN whose daily discussion decides MARAC: one case.
            let alys = try await hub.request(.post, "/api/v1/referrals", token: triage, json: Self.maracForm(hub))
            #expect(alys.status == .created)
            let alysPPN = try await Self.open(hub, triage, Self.ppn(hub))
            #expect(try await Self.discuss(hub, triage, alysPPN.incidentId).status == .created)
            // Bethan: a PPN whose discussion decides MARAC, twice: one case, the referral the outcome raised.
            let bethan = try await Self.open(hub, triage, Self.ppn(hub, victim: ("Bethan", "1989-05-01", "600 001 2349")))
            #expect(try await Self.discuss(hub, triage, bethan.incidentId).status == .created)
            #expect(try await Self.discuss(hub, triage, bethan.incidentId, kind: "strategy_meeting").status == .created)
            // Carys: a MARAC referral whose own incident's discussion decides MARAC: one case, the referral itself.
            let carys = try await Self.open(hub, triage, Self.maracForm(hub, forename: "Carys", dateOfBirth: "1979-08-09", hoursAgo: 2))
            let carysOutcome = try await Self.discuss(hub, triage, carys.incidentId)
            #expect(Self.maracReferral(of: carysOutcome)?["id"] as? String == carys.referralId)
            #expect(Self.maracReferral(of: carysOutcome)?["how"] as? String == "originating")

            let manager = try await hub.signIn("manager")
            let report = try await hub.request(.get, "/api/v1/reports/marac?from=2026-11-01&to=2026-12-01", token: manager)
            #expect(report.status == .ok, "\(report.text)")
            let columns = (report.json["columns"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            #expect(columns == ["month", "maracForms", "raisedFromDiscussions", "unlinkedOutcomes", "total"])
            let rows = BoardReportTests.rows(report)
            #expect(rows.count == 1)
            #expect(rows.first?["month"] as? String == "2026-11")
            #expect(rows.first?["maracForms"] as? Int == 2)
            #expect(rows.first?["raisedFromDiscussions"] as? Int == 1)
            #expect(rows.first?["unlinkedOutcomes"] as? Int == 0)
            #expect(rows.first?["total"] as? Int == 3, "three victims, three cases: \(report.text)")
        }
    }

    /// Outcomes recorded before discussions linked MARAC referrals (no link stored): each incident is one case, in
    /// the month of its first such outcome, unless the incident came from a MARAC referral (then that referral is it).
    @Test func anOutcomeRecordedBeforeLinksCountsOnceAsItsOwnCase() async throws {
        try await BoardReportTests().withFixture({ f in
            let ppn = try await f.referral("2026-03-02T09:00:00Z", form: "ppn", service: "adults", role: "victim")
            let incident = try await f.incident(for: ppn, at: "2026-03-02T10:00:00Z", ratings: ["red"], service: "adults")
            try await f.discussion(incident: incident, heldAt: "2026-03-31T23:30:00Z", kind: "domestic_abuse_daily_discussion",
                                   outcome: "marac_referral", attendees: 2)  // 1 April in London
            try await f.discussion(incident: incident, heldAt: "2026-04-20T10:00:00Z", outcome: "marac_referral", attendees: 2)
            let marac = try await f.referral("2026-04-03T09:00:00Z", form: "marac", service: "adults", role: "victim")
            let maracIncident = try await f.incident(for: marac, at: "2026-04-03T10:00:00Z", ratings: ["red"], service: "adults")
            try await f.discussion(incident: maracIncident, heldAt: "2026-04-04T10:00:00Z", outcome: "marac_referral", attendees: 2)
        }, then: { hub in
            let report = try await hub.request(.get, "/api/v1/reports/marac?from=2026-03-01&to=2026-05-01", token: try await hub.signIn("manager"))
            let rows = BoardReportTests.rows(report)
            #expect(rows.map { $0["month"] as? String } == ["2026-04"], "\(report.text)")
            #expect(rows.first?["maracForms"] as? Int == 1)
            #expect(rows.first?["unlinkedOutcomes"] as? Int == 1)
            #expect(rows.first?["total"] as? Int == 2)
        })
    }

    @Test func aMARACOutcomeNeedsTheVictimAndTheDASHOfTheReferral() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // A C1 names no victim and carries no DASH: a daily discussion may not decide MARAC on it.
            let c1 = try await Self.open(hub, triage, F.c1(receivedAt: hub.clock.now().addingTimeInterval(-3600)))
            let before = try #require(try await hub.request(.get, "/api/v1/incidents/\(c1.incidentId)", token: triage).headers[.eTag])
            let refused = try await Self.discuss(hub, triage, c1.incidentId)
            #expect(refused.status == .unprocessableContent, "\(refused.text)")
            #expect(refused.contentType == "application/problem+json")
            let fields = (refused.json["errors"] as? [[String: String]] ?? []).compactMap { $0["field"] }
            #expect(fields == ["outcome"])
            #expect(try await hub.request(.get, "/api/v1/incidents/\(c1.incidentId)", token: triage).headers[.eTag] == before, "nothing recorded")
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM referrals WHERE form = 'marac'") == 0)
            #expect(try await Self.count(hub, "SELECT count(*)::int FROM strategy_discussions") == 0)

            // A MARAC referral without a DASH is itself the MARAC referral: nothing to carry.
            let marac = try await Self.open(hub, triage, Self.maracForm(hub, dashScore: nil))
            let linked = try await Self.discuss(hub, triage, marac.incidentId)
            #expect(linked.status == .created, "\(linked.text)")
            #expect(Self.maracReferral(of: linked)?["id"] as? String == marac.referralId)
        }
    }
}
