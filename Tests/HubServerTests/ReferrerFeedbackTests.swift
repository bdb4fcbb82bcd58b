import Foundation
import HTTPTypes
import HubData
import HubServer
import HubTestSupport
import Testing

/// Issue #20, feedback to the referrer: the decision starts a feedback clock due one working day later under the
/// partnership's feedback policy (working-week by default); a referrer on Hub is fed back through "referrals we made" at
/// once, any other is chased (warning, breach through the outbox) until a MASH user records the feedback; the board
/// counts referrers informed on time. On the manual clock, across a weekend and across a bank holiday.
@Suite("Feedback to the referrer")
struct ReferrerFeedbackTests {
    typealias F = WorkflowFixtures

    static func instant(_ text: String) throws -> Date {
        try #require(HubDateFormat.date(from: text), "not an instant: \(text)")
    }

    /// A C1 from a primary school, keyed in by the MASH from a phone call: the school is not on Hub.
    static func schoolC1(receivedAt: Date, nhsNumber: String = "943 476 5919") -> [String: Any] {
        var body = F.c1(receivedAt: receivedAt, nhsNumber: nhsNumber)
        body["referrer"] = [
            "name": "Eira Jones", "role": "Designated safeguarding lead, Ysgol Pip", "agency": "pip_education",
            "email": "eira.jones@ysgol-pip.example",
        ]
        return body
    }

    /// A C1 the police make themselves on Hub, as their own agency.
    static func policeC1(receivedAt: Date) -> [String: Any] {
        var body = F.c1(receivedAt: receivedAt, nhsNumber: "401 023 2137")
        body["referrer"] = ["name": "PC Dylan Price", "role": "Response officer", "agency": "piphire_police", "phone": "01632 960999"]
        return body
    }

    static func decide(_ hub: TestHub, _ id: String, kind: String, rag: String? = nil) async throws {
        var body: [String: Any] = ["kind": kind, "rationale": "Considered by the MASH."]
        if let rag { body["ragRating"] = rag }
        let reply = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: try await hub.signIn("triage"), json: body,
                                          headers: [.ifMatch: "\"1\""])
        #expect(reply.status == .ok, "\(reply.text)")
    }

    static func referral(_ hub: TestHub, _ id: String) async throws -> [String: Any] {
        let reply = try await hub.request(.get, "/api/v1/referrals/\(id)", token: try await hub.signIn("triage"))
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.json
    }

    static func clock(_ referral: [String: Any]) throws -> [String: Any] {
        try #require(referral["feedbackClock"] as? [String: Any], "no feedback clock")
    }

    static func sweep(_ hub: TestHub, at text: String) async throws -> SLASweep.Result {
        hub.clock.set(try instant(text))
        return try await FeedbackSweep(database: hub.environment.database).run(now: hub.clock.now())
    }

    static func timeline(_ hub: TestHub, _ id: String) async throws -> [String] {
        try await hub.environment.database.query(
            "SELECT kind FROM timeline_events WHERE referral_id = \(try #require(UUID(uuidString: id))) ORDER BY occurred_at, id"
        ).map { try $0.decode(String.self) }
    }

    static func reportRows(_ hub: TestHub, _ query: String, as username: String) async throws -> [[String: Any]] {
        let reply = try await hub.request(.get, "/api/v1/reports/referrer-feedback?\(query)", token: try await hub.signIn(username))
        #expect(reply.status == .ok, "\(reply.text)")
        return try #require(reply.json["rows"] as? [[String: Any]])
    }

    static func row(_ rows: [[String: Any]], _ dimension: String, _ key: String) throws -> [String: Any] {
        try #require(rows.first { $0["dimension"] as? String == dimension && $0["key"] as? String == key }, "no row \(dimension) \(key)")
    }

    /// The issue's walk: a school referral and a police referral decided on a Friday afternoon in December (GMT).
    @Test(.timeLimit(.minutes(5))) func aFridayDecisionIsDueOnMondayWarnsBreachesAndCountsOnTimeAndLate() async throws {
        try await TestHub.run(clock: ManualClock(try Self.instant("2026-12-04T14:30:00Z"))) { (hub: TestHub) async throws in
            let received = hub.clock.now().addingTimeInterval(-3600)
            let police = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("police"), json: Self.policeC1(receivedAt: received))
            #expect(police.status == .created, "\(police.text)")
            let school = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("triage"), json: Self.schoolC1(receivedAt: received))
            #expect(school.status == .created, "\(school.text)")
            let policeId = try #require(police.json["id"] as? String)
            let schoolId = try #require(school.json["id"] as? String)
            let schoolReference = try #require(school.json["reference"] as? String)

            // Feedback before any decision has nothing to stop: 409.
            let early = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: try await hub.signIn("triage"),
                                              json: ["channel": "phone", "givenAt": F.instant(hub.clock.now()), "summary": "no_further_action"])
            #expect(early.status == .conflict, "\(early.text)")
            #expect(try await Self.referral(hub, schoolId)["feedbackClock"] == nil)

            // Friday 15:00 GMT: both decided.
            hub.clock.set(try Self.instant("2026-12-04T15:00:00Z"))
            try await Self.decide(hub, policeId, kind: "meets_threshold", rag: "amber")
            try await Self.decide(hub, schoolId, kind: "no_further_action")

            // The police see the decision at once in "referrals we made", and are counted as fed back through Hub.
            let made = try await hub.request(.get, "/api/v1/referrals-made", token: try await hub.signIn("police"))
            let item = try #require((made.json["items"] as? [[String: Any]])?.first)
            #expect(item["reference"] as? String == police.json["reference"] as? String)
            #expect((item["decision"] as? [String: Any])?["kind"] as? String == "meets_threshold")
            let policeRead = try await Self.referral(hub, policeId)
            let policeClock = try Self.clock(policeRead)
            #expect(policeClock["referrerOnHub"] as? Bool == true)
            #expect(policeClock["state"] as? String == "met")
            #expect(policeClock["fedBackAt"] as? String == "2026-12-04T15:00:00.000Z")
            let policeFeedback = try #require(policeRead["feedback"] as? [[String: Any]])
            #expect(policeFeedback.map { $0["channel"] as? String } == ["hub"])
            #expect(policeFeedback.first?["summary"] as? String == "sharing_information")
            #expect(policeFeedback.first?["delivery"] as? String == "hub")

            // The school's feedback is due on Monday at 15:00: the weekend does not count under the working week.
            var schoolClock = try Self.clock(try await Self.referral(hub, schoolId))
            #expect(schoolClock["referrerOnHub"] as? Bool == false)
            #expect(schoolClock["policy"] as? String == "working-week")
            #expect(schoolClock["decidedAt"] as? String == "2026-12-04T15:00:00.000Z")
            #expect(schoolClock["dueAt"] as? String == "2026-12-07T15:00:00.000Z")
            #expect(schoolClock["warnAt"] as? String == "2026-12-07T09:00:00.000Z")
            #expect(schoolClock["state"] as? String == "due")
            #expect((try await Self.referral(hub, schoolId)["feedback"] as? [Any])?.count == 0)

            // Nothing over the weekend; the warning on Monday at 09:00, the breach at 15:00 (as the SLA sweep's), each once.
            #expect(try await Self.sweep(hub, at: "2026-12-06T23:59:00Z") == SLASweep.Result())
            #expect(try await Self.sweep(hub, at: "2026-12-07T08:59:59Z") == SLASweep.Result())
            #expect(try await Self.sweep(hub, at: "2026-12-07T09:00:00Z") == SLASweep.Result(warnings: 1, breaches: 0))
            #expect(try await Self.sweep(hub, at: "2026-12-07T09:30:00Z") == SLASweep.Result())
            schoolClock = try Self.clock(try await Self.referral(hub, schoolId))
            #expect(schoolClock["state"] as? String == "due_soon")
            // The incident board chases it (the school's referral met no threshold: it has no incident of its own).
            let (cookie, _) = try await ScreenSecurityTests.signIn(hub, "triage")
            let boardScreen = try await hub.request(.get, "/incidents", headers: [ScreenSecurityTests.cookie: cookie])
            #expect(boardScreen.status == .ok)
            #expect(boardScreen.text.contains("Referrers waiting to be told the decision"))
            #expect(boardScreen.text.contains(#"href="/referrals/\#(schoolId)#h-feedback">\#(schoolReference): due by 7 December 2026"#), "\(boardScreen.text)")
            #expect(!boardScreen.text.contains("/referrals/\(policeId)#h-feedback"))
            #expect(try await Self.sweep(hub, at: "2026-12-07T14:59:59Z") == SLASweep.Result())
            #expect(try await Self.sweep(hub, at: "2026-12-07T15:00:00Z") == SLASweep.Result(warnings: 0, breaches: 1))
            #expect(try await Self.sweep(hub, at: "2026-12-07T15:30:00Z") == SLASweep.Result())
            schoolClock = try Self.clock(try await Self.referral(hub, schoolId))
            #expect(schoolClock["state"] as? String == "overdue")

            // Through the outbox like any other clock.
            let warnings = try await hub.environment.database.query(
                "SELECT payload->>'clock', payload->>'referral', payload->>'deadline' FROM outbox WHERE topic = 'sla.warning' ORDER BY id"
            ).map { try $0.decode((String, String, String).self) }
            #expect(warnings.count == 1)
            #expect(warnings.first?.0 == "feedback")
            #expect(warnings.first?.1 == schoolReference)
            #expect(warnings.first?.2 == "2026-12-07T09:00:00.000Z")
            let breaches = try await hub.environment.database.query(
                "SELECT payload->>'clock', payload->>'referral', payload->>'deadline' FROM outbox WHERE topic = 'sla.breach' ORDER BY id"
            ).map { try $0.decode((String, String, String).self) }
            #expect(breaches.count == 1)
            #expect(breaches.first?.0 == "feedback")
            #expect(breaches.first?.1 == schoolReference)
            #expect(breaches.first?.2 == "2026-12-07T15:00:00.000Z")

            // The MASH phones the school at 16:00 and records it: late.
            hub.clock.set(try Self.instant("2026-12-07T16:05:00Z"))
            let triage = try await hub.signIn("triage")
            let bad = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: triage, json: [
                "channel": "hub", "givenAt": "2026-12-08T16:00:00Z", "summary": "no_further_action", "note": String(repeating: "x", count: 1001),
            ])
            #expect(bad.status == .unprocessableContent, "\(bad.text)")
            #expect(bad.contentType == "application/problem+json")
            let fields = ((bad.json["errors"] as? [[String: Any]]) ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["channel", "givenAt", "note"])
            let beforeDecision = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: triage, json: [
                "channel": "phone", "givenAt": "2026-12-04T14:59:00Z", "summary": "no_further_action",
            ])
            #expect(beforeDecision.status == .unprocessableContent)
            #expect(((beforeDecision.json["errors"] as? [[String: Any]])?.first?["field"] as? String) == "givenAt")
            #expect(try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: try await hub.signIn("police"), json: [
                "channel": "phone", "givenAt": "2026-12-07T16:00:00Z", "summary": "no_further_action",
            ]).status == .forbidden)

            let recorded = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: triage, json: [
                "channel": "phone", "givenAt": "2026-12-07T16:00:00Z", "summary": "no_further_action", "note": "  Spoke to Mrs Jones.  ",
            ])
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["clock"] as? String == "breached")
            let feedback = try #require(recorded.json["feedback"] as? [String: Any])
            #expect(feedback["channel"] as? String == "phone")
            #expect(feedback["givenAt"] as? String == "2026-12-07T16:00:00.000Z")
            #expect(feedback["note"] as? String == "Spoke to Mrs Jones.")
            #expect(feedback["delivery"] as? String == "recorded")
            #expect(feedback["recordedBy"] as? String == "Tamsin Rowe (MASH triage)")
            #expect(feedback["summaryText"] as? String
                == "Thank you for your referral. The MASH has considered it and will take no further action.")
            let afterwards = try await Self.referral(hub, schoolId)
            #expect(try Self.clock(afterwards)["state"] as? String == "breached")
            #expect(try Self.clock(afterwards)["fedBackAt"] as? String == "2026-12-07T16:00:00.000Z")
            #expect((afterwards["feedback"] as? [[String: Any]])?.count == 1)
            #expect(try await Self.timeline(hub, schoolId) == ["received", "acknowledged", "decided", "feedback_warned", "feedback_breached", "fed_back"])
            #expect(try await Self.timeline(hub, policeId) == ["received", "acknowledged", "decided", "fed_back", "rated"])
            // On the incident screen the feedback reads in words in both languages, never as codes.
            let incident = try await TrackerFixtures.scalar(hub, "SELECT id::text FROM incidents WHERE referral_id = \(policeId)::uuid", as: String.self)
            let (session, _) = try await ScreenSecurityTests.signIn(hub, "triage")
            let english = try await hub.request(.get, "/incidents/\(incident)", headers: [ScreenSecurityTests.cookie: session])
            #expect(english.text.contains(
                "(how: Through Hub (referrals we made); clock: Met; delivery: Through Hub; what was said: It met the threshold and partners are acting on it)"),
                "\(english.text)")
            let welsh = try await hub.request(.get, "/incidents/\(incident)", headers: [ScreenSecurityTests.cookie: session + "; hub_lang=cy"])
            #expect(welsh.text.contains("Roedd yn cyrraedd y trothwy ac mae partneriaid yn gweithredu arno"), "\(welsh.text)")
            for code in ["sharing_information", ": hub", "clock: met"] {
                #expect(!english.text.contains(code) && !welsh.text.contains(code), "\(code)")
            }

            // Audited: who recorded which feedback to whom.
            let audit = try await hub.environment.database.query(
                """
                SELECT username, object_id, detail->>'channel', detail->>'to', detail->>'referrer_agency', detail->>'clock'
                FROM audit_events WHERE action = 'referral.feedback' ORDER BY id
                """
            ).map { try $0.decode((String?, String?, String?, String?, String?, String?).self) }
            // The police's, through Hub, by the decider at the decision; the school's by whoever recorded it.
            #expect(audit.count == 2)
            #expect(audit.map(\.0) == ["triage", "triage"])
            #expect(audit.map(\.1) == [policeId, schoolId])
            #expect(audit.map(\.2) == ["hub", "phone"])
            #expect(audit.map(\.3) == ["referrer", "referrer"])
            #expect(audit.map(\.4) == [nil, "pip_education"])
            #expect(audit.map(\.5) == ["met", "breached"])

            // The board figure: one on time (the police, through Hub), one late (the school).
            let rows = try await Self.reportRows(hub, "from=2026-12-01&to=2027-01-01", as: "manager")
            let total = try Self.row(rows, "total", "all")
            #expect(total["decided"] as? Int == 2)
            #expect(total["onTime"] as? Int == 1)
            #expect(total["late"] as? Int == 1)
            #expect(total["open"] as? Int == 0)
            #expect(total["onTimePercent"] as? Double == 50)
            #expect(try Self.row(rows, "referrer_type", "police")["onTime"] as? Int == 1)
            #expect(try Self.row(rows, "referrer_type", "education")["late"] as? Int == 1)
            #expect(try Self.row(rows, "local_authority", "PIP Town Council")["decided"] as? Int == 2)
            #expect(rows.count == 4)
            // The board sees small numbers suppressed.
            let board = try Self.row(try await Self.reportRows(hub, "from=2026-12-01&to=2027-01-01", as: "board"), "total", "all")
            #expect(board["onTime"] as? String == "<5")
            #expect(board["onTimePercent"] as? String == "suppressed")
        }
    }

    /// A Friday decision before the August bank holiday (BST): due on the Tuesday; feedback by email on the Tuesday
    /// morning is on time. The partnership's feedback policy can be changed like any other clock's.
    @Test(.timeLimit(.minutes(5))) func aFridayDecisionBeforeABankHolidayIsDueOnTuesday() async throws {
        try await TestHub.run(clock: ManualClock(try Self.instant("2026-08-28T13:00:00Z"))) { (hub: TestHub) async throws in
            let school = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("triage"),
                                               json: Self.schoolC1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            let schoolId = try #require(school.json["id"] as? String)
            hub.clock.set(try Self.instant("2026-08-28T14:00:00Z"))  // 15:00 BST
            try await Self.decide(hub, schoolId, kind: "information_advice_assistance")
            let clock = try Self.clock(try await Self.referral(hub, schoolId))
            #expect(clock["dueAt"] as? String == "2026-09-01T14:00:00.000Z")  // Tuesday 15:00 BST
            #expect(clock["warnAt"] as? String == "2026-09-01T08:00:00.000Z")  // Tuesday 09:00 BST
            #expect(try await Self.sweep(hub, at: "2026-08-31T22:59:59Z") == SLASweep.Result())  // the bank holiday ends
            #expect(try await Self.sweep(hub, at: "2026-09-01T08:00:00Z") == SLASweep.Result(warnings: 1, breaches: 0))

            hub.clock.set(try Self.instant("2026-09-01T09:10:00Z"))
            let recorded = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "secure_email", "givenAt": "2026-09-01T09:00:00Z", "summary": "information_advice_assistance",
            ])
            #expect(recorded.status == .created, "\(recorded.text)")
            #expect(recorded.json["clock"] as? String == "met")
            #expect(try await Self.sweep(hub, at: "2026-09-02T00:00:00Z") == SLASweep.Result())
            // A second feedback (a letter) is kept; the clock stays as the first left it.
            let letter = try await hub.request(.post, "/api/v1/referrals/\(schoolId)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "letter", "givenAt": "2026-09-02T00:00:00Z", "summary": "information_advice_assistance",
            ])
            #expect(letter.status == .created)
            #expect(letter.json["clock"] == nil)
            #expect(try Self.clock(try await Self.referral(hub, schoolId))["state"] as? String == "met")

            let rows = try await Self.reportRows(hub, "from=2026-08-01&to=2026-09-01", as: "manager")
            let total = try Self.row(rows, "total", "all")
            #expect(total["decided"] as? Int == 1)
            #expect(total["onTime"] as? Int == 1)
            #expect(total["late"] as? Int == 0)
            #expect(total["onTimePercent"] as? Double == 100)

            // Under a continuous feedback policy, the next decision is due 24 real hours later.
            let admin = try await hub.signIn("admin")
            let current = try await hub.request(.get, "/api/v1/sla-policies", token: admin)
            #expect(current.json["feedback"] as? String == "working-week")
            let changed = try await hub.request(.put, "/api/v1/sla-policies", token: admin, json: [
                "red": "continuous", "amber": "continuous", "green": "continuous", "strategyDiscussion": "continuous", "feedback": "continuous",
            ], headers: [.ifMatch: try #require(current.headers[.eTag])])
            #expect(changed.status == .ok, "\(changed.text)")
            let second = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("triage"),
                                               json: Self.schoolC1(receivedAt: hub.clock.now().addingTimeInterval(-600), nhsNumber: "401 023 2137"))
            let secondId = try #require(second.json["id"] as? String)
            try await Self.decide(hub, secondId, kind: "signposting")
            let secondClock = try Self.clock(try await Self.referral(hub, secondId))
            #expect(secondClock["policy"] as? String == "continuous")
            #expect(secondClock["dueAt"] as? String == F.instant(hub.clock.now().addingTimeInterval(86_400)))
        }
    }

    /// docs/reports.md, "Worked example: `referrer-feedback`": five referrals decided in the week after the Spring bank
    /// holiday of 2026 (BST), read on Tuesday 2 June at 12:00, give exactly the table worked by hand there.
    @Test(.timeLimit(.minutes(5))) func theWorkedExampleOfTheReportsDocument() async throws {
        try await TestHub.run(clock: ManualClock(try Self.instant("2026-05-29T13:00:00Z"))) { (hub: TestHub) async throws in
            let received = hub.clock.now().addingTimeInterval(-1800)
            func keyedIn(_ referrer: [String: Any], nhsNumber: String) async throws -> String {
                var body = F.c1(receivedAt: received, nhsNumber: nhsNumber)
                body["referrer"] = referrer
                let reply = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("triage"), json: body)
                #expect(reply.status == .created, "\(reply.text)")
                return try #require(reply.json["id"] as? String)
            }
            let school = try await keyedIn(
                ["name": "Eira Jones", "role": "Designated safeguarding lead", "agency": "pip_education", "phone": "01632 960210"],
                nhsNumber: "943 476 5919")
            let police = try #require(try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("police"),
                                                            json: Self.policeC1(receivedAt: received)).json["id"] as? String)
            let gp = try await keyedIn(["name": "Dr Ffion Hughes", "role": "GP", "agency": "piphire_uhb", "phone": "01632 960300"],
                                       nhsNumber: "401 023 2137")
            let neighbour = try await keyedIn(["name": "A neighbour", "phone": "01632 960400"], nhsNumber: "943 476 5919")
            hub.clock.set(try Self.instant("2026-05-29T14:00:00Z"))  // Friday 15:00 BST
            for id in [school, police, gp, neighbour] { try await Self.decide(hub, id, kind: "no_further_action") }

            func record(_ id: String, at given: String, now: String) async throws {
                hub.clock.set(try Self.instant(now))
                let reply = try await hub.request(.post, "/api/v1/referrals/\(id)/feedback", token: try await hub.signIn("triage"),
                                                  json: ["channel": "phone", "givenAt": given, "summary": "no_further_action"])
                #expect(reply.status == .created, "\(reply.text)")
            }
            try await record(gp, at: "2026-06-01T08:30:00Z", now: "2026-06-01T08:35:00Z")  // Monday 09:30 BST: on time
            try await record(school, at: "2026-06-01T15:00:00Z", now: "2026-06-01T15:05:00Z")  // Monday 16:00 BST: late
            hub.clock.set(try Self.instant("2026-06-02T10:00:00Z"))  // Tuesday 11:00 BST
            let later = try await keyedIn(
                ["name": "Eira Jones", "role": "Designated safeguarding lead", "agency": "pip_education", "phone": "01632 960210"],
                nhsNumber: "401 023 2137")
            try await Self.decide(hub, later, kind: "no_further_action")
            hub.clock.set(try Self.instant("2026-06-02T11:00:00Z"))  // read on Tuesday at 12:00 BST

            let rows = try await Self.reportRows(hub, "from=2026-05-01&to=2026-07-01", as: "manager")
            let table = rows.map { row in
                [row["dimension"] as? String ?? "", row["key"] as? String ?? "", "\(row["decided"] ?? "")", "\(row["onTime"] ?? "")",
                 "\(row["late"] ?? "")", "\(row["open"] ?? "")", "\(row["onTimePercent"] ?? "")"]
            }
            #expect(table == [
                ["referrer_type", "education", "2", "0", "1", "1", "0"],
                ["referrer_type", "health", "1", "1", "0", "0", "100"],
                ["referrer_type", "member_of_public", "1", "0", "1", "0", "0"],
                ["referrer_type", "police", "1", "1", "0", "0", "100"],
                ["local_authority", "PIP Town Council", "5", "2", "2", "1", "50"],
                ["total", "all", "5", "2", "2", "1", "50"],
            ])
            // The board: every count from 1 to 4 is <5, the 5 of the totals is withheld (all its parts are hidden, so it
            // would pin them down), and no share is shown.
            let boardRows = try await Self.reportRows(hub, "from=2026-05-01&to=2026-07-01", as: "board")
            #expect(boardRows.map { row in ["decided", "onTime", "late", "open", "onTimePercent"].map { "\(row[$0] ?? "")" } } == [
                ["<5", "0", "<5", "<5", "suppressed"],
                ["<5", "<5", "0", "0", "suppressed"],
                ["<5", "0", "<5", "0", "suppressed"],
                ["<5", "<5", "0", "0", "suppressed"],
                ["suppressed", "<5", "<5", "<5", "suppressed"],
                ["suppressed", "<5", "<5", "<5", "suppressed"],
            ])
        }
    }
}
