import Foundation
import HTTPTypes
import HubData
import HubWorkflow
import HubTestSupport
import PostgresNIO
import Testing

/// Board reports on hand-made rows whose figures are worked out by hand in each test.
@Suite("Board reports")
struct BoardReportTests {
    /// Inserts a referral (and optionally its incident) directly, so dates are exact.
    struct Fixture {
        let hub: TestHub
        let connection: PostgresConnection
        var counter = 0

        mutating func referral(
            _ receivedAt: String, form: String = "c1", service: String = "children", source: String? = "piphire_uhb",
            channel: String = "phone", subject: (forename: String, surname: String, dob: String, nhs: String?) = ("Ceri", "Peters", "2016-04-02", nil),
            role: String = "child", localAuthority: String = "PIP Town Council"
        ) async throws -> UUID {
            counter += 1
            let id = UUID()
            let at = try Date(receivedAt, strategy: .iso8601)
            try await connection.query(
                """
                INSERT INTO referrals (id, reference, form, service, status, channel, received_at, local_authority, source_agency,
                                       document, created_by, created_at, updated_at)
                VALUES (\(id), \("F-\(counter)"), \(form), \(service), 'received', \(channel), \(at), \(localAuthority), \(source),
                        '{}'::jsonb, (SELECT id FROM users WHERE username = 'triage'), \(at), \(at))
                """, logger: hub.environment.logger)
            try await connection.query(
                """
                INSERT INTO referral_subjects (referral_id, position, role, forename, surname, date_of_birth, gender, nhs_number)
                VALUES (\(id), 0, \(role), \(subject.forename), \(subject.surname), \(subject.dob)::date, 'unknown', \(subject.nhs))
                """, logger: hub.environment.logger)
            return id
        }

        mutating func incident(
            for referral: UUID, at openedAt: String, ratings: [String], service: String = "children", localAuthority: String = "PIP Town Council"
        ) async throws -> UUID {
            let id = UUID()
            let at = try Date(openedAt, strategy: .iso8601)
            try await connection.query(
                """
                INSERT INTO incidents (id, reference, referral_id, form, service, local_authority, rag, state, opened_at, updated_at)
                VALUES (\(id), \("FI-\(id.uuidString.prefix(8))"), \(referral), 'c1', \(service), \(localAuthority), \(ratings.last!), 'sharing', \(at), \(at))
                """, logger: hub.environment.logger)
            for rag in ratings {
                try await connection.query(
                    """
                    INSERT INTO incident_ratings (incident_id, rag, rationale, rated_by, rated_at)
                    VALUES (\(id), \(rag), 'fixture', (SELECT id FROM users WHERE username = 'triage'), \(at))
                    """, logger: hub.environment.logger)
            }
            return id
        }

        /// Closes an incident at `closedAt`, with what closing recorded of the risk to an adult (nil: closed before Hub asked).
        func close(incident: UUID, at closedAt: String, adultRisk: String?) async throws {
            let at = try Date(closedAt, strategy: .iso8601)
            try await connection.query(
                """
                UPDATE incidents SET state = 'closed', closed_at = \(at), updated_at = \(at), adult_risk_at_closure = \(adultRisk)
                WHERE id = \(incident)
                """, logger: hub.environment.logger)
        }

        func shareRequest(incident: UUID, agency: String, rag: String, requestedAt: String, dueMinutes: Double, answeredAfterMinutes: Double?) async throws {
            let requested = try Date(requestedAt, strategy: .iso8601)
            let due = requested.addingTimeInterval(dueMinutes * 60)
            let answered = answeredAfterMinutes.map { requested.addingTimeInterval($0 * 60) }
            try await connection.query(
                """
                INSERT INTO share_requests (id, incident_id, agency_id, requested_at, requested_by, due_at, state, rag,
                                            response_kind, answered_at, answered_on_time)
                VALUES (gen_random_uuid(), \(incident), (SELECT id FROM agencies WHERE code = \(agency)), \(requested),
                        (SELECT id FROM users WHERE username = 'triage'), \(due),
                        \(answered == nil ? "requested" : "answered"), \(rag), \(answered == nil ? nil : "nothing_known"),
                        \(answered), \(answered.map { $0 <= due }))
                """, logger: hub.environment.logger)
        }

        @discardableResult
        func discussion(incident: UUID, heldAt: String, kind: String = "strategy_discussion", outcome: String?, attendees: Int) async throws -> UUID {
            let id = UUID()
            let held = try Date(heldAt, strategy: .iso8601)
            let people = (0..<attendees).map { _ in #"{"name":"A","agency":"piphire_police"}"# }.joined(separator: ",")
            try await connection.query(
                """
                INSERT INTO strategy_discussions (id, incident_id, kind, held_at, outcome, document, recorded_by, recorded_at)
                VALUES (\(id), \(incident), \(kind), \(held), \(outcome), \("{\"attendees\":[\(people)]}")::jsonb,
                        (SELECT id FROM users WHERE username = 'triage'), \(held))
                """, logger: hub.environment.logger)
            return id
        }

        /// Links a discussion's `marac_referral` outcome to the MARAC referral it stands for (migration 032).
        func maracLink(incident: UUID, referral: UUID, discussion: UUID, how: String, at linkedAt: String) async throws {
            try await connection.query(
                """
                INSERT INTO marac_referral_links (incident_id, marac_referral_id, discussion_id, how, linked_by, linked_at)
                VALUES (\(incident), \(referral), \(discussion), \(how), (SELECT id FROM users WHERE username = 'triage'),
                        \(try Date(linkedAt, strategy: .iso8601)))
                """, logger: hub.environment.logger)
        }
    }

    func withFixture(_ body: @escaping @Sendable (inout Fixture) async throws -> Void, then check: @escaping @Sendable (TestHub) async throws -> Void) async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            try await hub.superuser { connection in
                var fixture = Fixture(hub: hub, connection: connection)
                try await body(&fixture)
            }
            try await check(hub)
        }
    }

    /// The report's rows; a reply that is not 200 with rows is an issue (so that no test reads an error as no rows).
    static func rows(_ reply: TestHub.Reply, sourceLocation: SourceLocation = #_sourceLocation) -> [[String: Any]] {
        #expect(reply.status == .ok, "\(reply.text)", sourceLocation: sourceLocation)
        guard let rows = reply.json["rows"] as? [[String: Any]] else {
            Issue.record("a report without rows: \(reply.status) \(reply.text)", sourceLocation: sourceLocation)
            return []
        }
        return rows
    }

    @Test func volumesAgainstTheSamePeriodAYearEarlier() async throws {
        try await withFixture({ f in
            _ = try await f.referral("2026-01-05T10:00:00Z", form: "c1")
            _ = try await f.referral("2026-01-20T10:00:00Z", form: "c1", channel: "email")
            _ = try await f.referral("2026-01-31T23:30:00Z", form: "a1", service: "adults", source: nil)  // 31 Jan in London (GMT)
            _ = try await f.referral("2026-02-14T10:00:00Z", form: "ppn", source: "piphire_police")
            _ = try await f.referral("2025-01-10T10:00:00Z", form: "c1")
            _ = try await f.referral("2025-01-11T10:00:00Z", form: "c1")
            _ = try await f.referral("2025-04-02T10:00:00Z", form: "c1")  // outside both periods
        }, then: { hub in
            let token = try await hub.signIn("manager")
            let reply = try await hub.request(.get, "/api/v1/reports/volumes?from=2026-01-01&to=2026-04-01", token: token)
            #expect(reply.status == .ok, "\(reply.text)")
            let rows = Self.rows(reply)
            func row(_ dimension: String, _ key: String) -> [String: Any]? {
                rows.first { $0["dimension"] as? String == dimension && $0["key"] as? String == key }
            }
            #expect(row("total", "all")?["count"] as? Int == 4)
            #expect(row("total", "all")?["previousYearCount"] as? Int == 2)
            #expect(row("total", "all")?["changePercent"] as? Double == 100)
            #expect(row("month", "2026-01")?["count"] as? Int == 3)
            #expect(row("month", "2026-01")?["previousYearCount"] as? Int == 2)
            #expect(row("month", "2026-01")?["changePercent"] as? Double == 50)
            #expect(row("month", "2026-02")?["count"] as? Int == 1)
            #expect(row("month", "2026-02")?["changePercent"] is NSNull)
            #expect(row("form", "C1")?["count"] as? Int == 2)
            #expect(row("source", "member_of_public")?["count"] as? Int == 1)
            #expect(row("channel", "email")?["count"] as? Int == 1)
        })
    }

    @Test func ragSharesAndReRatings() async throws {
        try await withFixture({ f in
            for ratings in [["red"], ["red", "amber"], ["amber"]] {
                let referral = try await f.referral("2026-03-02T10:00:00Z")
                _ = try await f.incident(for: referral, at: "2026-03-02T11:00:00Z", ratings: ratings)
            }
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/rag?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            let rows = Self.rows(reply)
            try #require(rows.map { $0["rating"] as? String } == ["red", "amber", "green", "total"])
            #expect(rows[0]["incidents"] as? Int == 2)
            #expect(rows[0]["sharePercent"] as? Double == 66.67)
            #expect(rows[0]["incidentsReRated"] as? Int == 1)
            #expect(rows[1]["sharePercent"] as? Double == 33.33)
            #expect(rows[2]["incidents"] as? Int == 0)
            #expect(rows[3]["reRatings"] as? Int == 1)
        })
    }

    @Test func slaMedianNinetiethPercentileAndCompliance() async throws {
        try await withFixture({ f in
            let referral = try await f.referral("2026-03-02T08:00:00Z")
            let incident = try await f.incident(for: referral, at: "2026-03-02T09:00:00Z", ratings: ["red"])
            // Due in 120 minutes; answered after 30, 60, 90 and 150 (late); one still unanswered and past due.
            for (agency, answered) in [("piphire_police", 30.0), ("piphire_uhb", 60.0), ("pip_education", 90.0), ("piphire_probation", 150.0)] {
                try await f.shareRequest(incident: incident, agency: agency, rag: "red", requestedAt: "2026-03-02T09:00:00Z",
                                         dueMinutes: 120, answeredAfterMinutes: answered)
            }
            try await f.shareRequest(incident: incident, agency: "pip_adults", rag: "red", requestedAt: "2026-03-02T09:00:00Z",
                                     dueMinutes: 120, answeredAfterMinutes: nil)
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/sla?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            let red = try #require(Self.rows(reply).first { $0["dimension"] as? String == "rag" && $0["key"] as? String == "red" })
            #expect(red["due"] as? Int == 5)
            #expect(red["met"] as? Int == 3)
            #expect(red["breached"] as? Int == 2)
            #expect(red["open"] as? Int == 0)
            // Answer times 30, 60, 90, 150: median (60 + 90) / 2 = 75; 90th percentile 90 + 0.7 × (150 − 90) = 132.
            #expect(red["medianMinutes"] as? Double == 75)
            #expect(red["p90Minutes"] as? Double == 132)
            #expect(red["compliancePercent"] as? Double == 60)
            let police = try #require(Self.rows(reply).first { $0["key"] as? String == "piphire_police" })
            #expect(police["met"] as? Int == 1)
        })
    }

    @Test func strategyDiscussionClocksMedianNinetiethPercentileAndCompliance() async throws {
        try await withFixture({ f in
            let referral = try await f.referral("2026-03-02T08:00:00Z")
            let incident = try await f.incident(for: referral, at: "2026-03-02T09:00:00Z", ratings: ["amber"])
            // Strategy discussion clocks (24 hours, continuous) written and stopped by the workflow's own store:
            // discussions held after 60, 120 and 180 minutes (met) and after 30 hours (breached); one clock started
            // before the period is not counted.
            let clocks = SLAClockStore(database: f.hub.environment.database)
            for (start, minutes) in [("2026-03-02T09:00:00Z", 60.0), ("2026-03-02T09:00:00Z", 120), ("2026-03-02T09:00:00Z", 180),
                                     ("2026-03-02T09:00:00Z", 1_800), ("2026-02-27T09:00:00Z", 60)] {
                let started = try Date(start, strategy: .iso8601)
                let id = try await clocks.start(SLAClock(startedAt: started, target: 86_400, policy: .continuous), incidentId: incident,
                                                purpose: .strategyDiscussion, shareRequestId: nil, on: f.connection)
                _ = try await clocks.stop(clockId: id, at: started.addingTimeInterval(minutes * 60), on: f.connection)
            }
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/sla?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            let strategy = try #require(Self.rows(reply).first { $0["clock"] as? String == "strategy_discussion" })
            #expect(strategy["due"] as? Int == 4)
            #expect(strategy["met"] as? Int == 3)
            #expect(strategy["breached"] as? Int == 1)
            #expect(strategy["open"] as? Int == 0)
            // Times 60, 120, 180, 1800: median (120 + 180) / 2 = 150; 90th percentile 180 + 0.7 × (1800 − 180) = 1314.
            #expect(strategy["medianMinutes"] as? Double == 150)
            #expect(strategy["p90Minutes"] as? Double == 1_314)
            #expect(strategy["compliancePercent"] as? Double == 75)
        })
    }

    /// docs/reports.md, worked example `outcomes`: each incident opened in the period (London time) counts once, under
    /// its latest recorded strategy outcome (a later discussion without one does not take it away, and a discussion
    /// after the period still gives it); incidents with none are the `none recorded` row; `sharePercent` is within the
    /// service.
    @Test func outcomesShowNoneRecorded() async throws {
        try await withFixture({ f in
            let first = try await f.incident(for: try await f.referral("2026-03-02T10:00:00Z"), at: "2026-03-02T11:00:00Z", ratings: ["red"])
            try await f.discussion(incident: first, heldAt: "2026-03-02T15:00:00Z", outcome: "proportionate_assessment", attendees: 3)
            try await f.discussion(incident: first, heldAt: "2026-03-09T15:00:00Z", outcome: "child_protection_enquiry", attendees: 1)
            try await f.discussion(incident: first, heldAt: "2026-03-16T15:00:00Z", outcome: nil, attendees: 1)
            let second = try await f.incident(for: try await f.referral("2026-03-03T10:00:00Z"), at: "2026-03-03T11:00:00Z", ratings: ["amber"])
            try await f.discussion(incident: second, heldAt: "2026-03-03T15:00:00Z", outcome: nil, attendees: 2)
            _ = try await f.incident(for: try await f.referral("2026-03-04T10:00:00Z"), at: "2026-03-04T11:00:00Z", ratings: ["green"])
            // 23:30 on 31 March in London (BST): opened in the period; its outcome is recorded on 1 April.
            let late = try await f.incident(for: try await f.referral("2026-03-31T22:00:00Z"), at: "2026-03-31T22:30:00Z", ratings: ["amber"])
            try await f.discussion(incident: late, heldAt: "2026-04-01T09:00:00Z", outcome: "no_further_action_with_advice", attendees: 1)
            let adults = try await f.incident(for: try await f.referral("2026-03-10T10:00:00Z", form: "a1", service: "adults", role: "adult_at_risk"),
                                              at: "2026-03-10T11:00:00Z", ratings: ["amber"], service: "adults")
            try await f.discussion(incident: adults, heldAt: "2026-03-10T15:00:00Z", outcome: "adult_at_risk_enquiry", attendees: 1)
            // 00:30 on 1 April in London (BST): after the period.
            let after = try await f.incident(for: try await f.referral("2026-03-31T23:00:00Z"), at: "2026-03-31T23:30:00Z", ratings: ["red"])
            try await f.discussion(incident: after, heldAt: "2026-04-01T10:00:00Z", outcome: "child_protection_enquiry", attendees: 1)
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/outcomes?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            #expect(Self.rows(reply).map { "\($0["service"]!) | \($0["outcome"]!) | \($0["incidents"]!) | \($0["sharePercent"]!)" } == [
                "adults | adult_at_risk_enquiry | 1 | 100",
                "children | child_protection_enquiry | 1 | 25",
                "children | no_further_action_with_advice | 1 | 25",
                "children | none recorded | 2 | 50",
            ])
            // The discussions held in March (3 + 1 + 1 + 2 + 1 attendees and a chair each) are the meetings report's.
            let meetings = Self.rows(try await hub.request(.get, "/api/v1/reports/meetings?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager")))
            try #require(meetings.count == 1)
            #expect(meetings[0]["held"] as? Int == 5)
            #expect(meetings[0]["attendances"] as? Int == 13)
            #expect(meetings[0]["staffHours"] as? Double == 9.75)  // 13 × 45 minutes
        })
    }

    /// docs/reports.md, worked example `repeat-referrals`: a referral about a person referred to the same service
    /// exactly 12 months earlier (children; 24 for adults) in London time counts, 12 months and a day does not; the
    /// person is matched on NHS number whatever the name, else on forename, surname and date of birth (case aside).
    @Test func reReferralAtExactlyTwelveMonthsCountsAndADayPastDoesNot() async throws {
        try await withFixture({ f in
            // Matched on NHS number (the name is spelt otherwise), exactly 12 months later (GMT both times).
            _ = try await f.referral("2025-03-10T10:00:00Z", subject: ("Ceri", "Peters", "2016-04-02", "9434765919"))
            _ = try await f.referral("2026-03-10T10:00:00Z", subject: ("Kerry", "Peters", "2016-04-20", "9434765919"))
            // Matched on name and date of birth, 12 months and a day later: not a re-referral.
            _ = try await f.referral("2025-03-10T10:00:00Z", subject: ("Alys", "Morgan", "2018-09-09", nil))
            _ = try await f.referral("2026-03-11T10:00:00Z", subject: ("Alys", "Morgan", "2018-09-09", nil))
            // Matched on name and date of birth (case aside; only the later one has an NHS number), 6 months later.
            _ = try await f.referral("2025-09-15T10:00:00Z", subject: ("dai", "JONES", "2015-01-01", nil))
            _ = try await f.referral("2026-03-15T10:00:00Z", subject: ("Dai", "Jones", "2015-01-01", "4010232137"))
            // An adult at risk exactly 24 months later.
            _ = try await f.referral("2024-03-20T10:00:00Z", form: "a1", service: "adults", subject: ("Huw", "Price", "1950-03-03", nil),
                                     role: "adult_at_risk")
            _ = try await f.referral("2026-03-20T10:00:00Z", form: "a1", service: "adults", subject: ("Huw", "Price", "1950-03-03", nil),
                                     role: "adult_at_risk")
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/repeat-referrals?from=2026-03-01&to=2026-04-01",
                                              token: try await hub.signIn("manager"))
            #expect(Self.rows(reply).map {
                "\($0["service"]!) | \($0["windowMonths"]!) | \($0["referrals"]!) | \($0["reReferrals"]!) | \($0["percent"]!) | \($0["statement"]!)"
            } == [
                "adults | 24 | 1 | 1 | 100 | 1 of 1 = 100.00%",
                "children | 12 | 3 | 2 | 66.67 | 2 of 3 = 66.67%",
            ])
        })
    }

    /// docs/reports.md, worked example `conversion`: the referrals received in the period (London days), per local
    /// authority and service, how many became incidents (whenever the incident was opened), and the percentage.
    @Test func conversionPerLocalAuthorityAndService() async throws {
        try await withFixture({ f in
            let made = try await f.referral("2026-03-02T10:00:00Z")
            _ = try await f.incident(for: made, at: "2026-03-02T11:00:00Z", ratings: ["amber"])
            let openedAfter = try await f.referral("2026-03-03T10:00:00Z")
            _ = try await f.incident(for: openedAfter, at: "2026-04-02T10:00:00Z", ratings: ["green"])  // opened after the period
            _ = try await f.referral("2026-03-31T22:30:00Z")  // 23:30 on 31 March in London (BST)
            let adults = try await f.referral("2026-03-10T10:00:00Z", form: "a1", service: "adults", role: "adult_at_risk")
            _ = try await f.incident(for: adults, at: "2026-03-10T11:00:00Z", ratings: ["red"], service: "adults")
            _ = try await f.referral("2026-03-16T10:00:00Z", localAuthority: "Piphire County Council")
            let april = try await f.referral("2026-03-31T23:30:00Z", localAuthority: "Piphire County Council")  // 1 April in London
            _ = try await f.incident(for: april, at: "2026-04-01T09:00:00Z", ratings: ["red"], localAuthority: "Piphire County Council")
        }, then: { hub in
            let reply = try await hub.request(.get, "/api/v1/reports/conversion?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            #expect(Self.rows(reply).map {
                "\($0["localAuthority"]!) | \($0["service"]!) | \($0["referrals"]!) | \($0["incidents"]!) | \($0["conversionPercent"]!)"
            } == [
                "PIP Town Council | adults | 1 | 1 | 100",
                "PIP Town Council | children | 3 | 2 | 66.67",
                "Piphire County Council | children | 1 | 0 | 0",
            ])
        })
    }

    /// docs/reports.md, worked example `adult-risk-at-closure`: adults' incidents closed in the period (London time),
    /// per local authority and `all`, by the risk recorded at closure; the percentage is of those where it was
    /// recorded, empty when none was; children's incidents are not counted.
    @Test func adultRiskAtClosurePerLocalAuthority() async throws {
        try await withFixture({ f in
            // Opened in February; closed (UTC) with the risk recorded, nil for closed before Hub asked.
            for (opened, authority, closed, risk) in [
                ("2026-02-02T10:00:00Z", "PIP Town Council", "2026-03-03T10:00:00Z", "reduced" as String?),
                ("2026-02-03T10:00:00Z", "PIP Town Council", "2026-03-10T10:00:00Z", "removed"),
                ("2026-02-04T10:00:00Z", "PIP Town Council", "2026-03-31T22:30:00Z", "remains"),  // 23:30 on 31 March in London (BST)
                ("2026-02-05T10:00:00Z", "PIP Town Council", "2026-03-04T10:00:00Z", nil),
                ("2026-02-06T10:00:00Z", "Piphire County Council", "2026-03-05T10:00:00Z", nil),
                ("2026-02-07T10:00:00Z", "PIP Town Council", "2026-03-31T23:30:00Z", "reduced"),  // 1 April in London: after the period
            ] {
                let referral = try await f.referral(opened, form: "a1", service: "adults", role: "adult_at_risk", localAuthority: authority)
                let incident = try await f.incident(for: referral, at: opened, ratings: ["amber"], service: "adults", localAuthority: authority)
                try await f.close(incident: incident, at: closed, adultRisk: risk)
            }
            let child = try await f.incident(for: try await f.referral("2026-02-08T10:00:00Z"), at: "2026-02-08T11:00:00Z", ratings: ["green"])
            try await f.close(incident: child, at: "2026-03-12T10:00:00Z", adultRisk: nil)
        }, then: { hub in
            let manager = try await hub.signIn("manager")
            func table(_ query: String) async throws -> [String] {
                Self.rows(try await hub.request(.get, "/api/v1/reports/adult-risk-at-closure?\(query)", token: manager)).map { row in
                    ["localAuthority", "closed", "reduced", "removed", "remains", "notRecorded", "reducedOrRemovedPercent"]
                        .map { "\(row[$0]!)" }.joined(separator: " | ")
                }
            }
            #expect(try await table("from=2026-03-01&to=2026-04-01") == [
                "PIP Town Council | 4 | 1 | 1 | 1 | 1 | 66.67",
                "Piphire County Council | 1 | 0 | 0 | 0 | 1 | <null>",
                "all | 5 | 1 | 1 | 1 | 2 | 66.67",
            ])
            // The `all` row is always there: zeros and no percentage when no adult's incident closed (children's).
            #expect(try await table("from=2026-03-01&to=2026-04-01&service=children") == ["all | 0 | 0 | 0 | 0 | 0 | <null>"])
        })
    }

    @Test func boardViewersSeeSmallNumbersSuppressed() async throws {
        try await withFixture({ f in
            for day in 1...3 { _ = try await f.referral("2026-03-0\(day)T10:00:00Z") }
            for day in 10...16 { _ = try await f.referral("2026-03-\(day)T10:00:00Z", form: "a1", service: "adults") }
        }, then: { hub in
            let board = try await hub.signIn("board")
            let reply = try await hub.request(.get, "/api/v1/reports/conversion?from=2026-03-01&to=2026-04-01", token: board)
            #expect(reply.json["suppressed"] as? Bool == true)
            let rows = Self.rows(reply)
            let children = try #require(rows.first { $0["service"] as? String == "children" })
            let adults = try #require(rows.first { $0["service"] as? String == "adults" })
            #expect(children["referrals"] as? String == "<5")
            #expect(children["conversionPercent"] as? String == "suppressed")
            #expect(adults["referrals"] as? Int == 7)
            #expect(adults["incidents"] as? Int == 0)  // zero is not a small number to hide
            // The same report for a MASH manager is exact.
            let exact = try await hub.request(.get, "/api/v1/reports/conversion?from=2026-03-01&to=2026-04-01", token: try await hub.signIn("manager"))
            #expect(Self.rows(exact).first { $0["service"] as? String == "children" }?["referrals"] as? Int == 3)
            // CSV.
            let csv = try await hub.request(.get, "/api/v1/reports/conversion?from=2026-03-01&to=2026-04-01", token: board,
                                            headers: [.accept: "text/csv"])
            #expect(csv.contentType == "text/csv; charset=utf-8")
            #expect(csv.text.hasPrefix("localAuthority,service,referrals,incidents,conversionPercent\r\n"))
            #expect(csv.text.contains("PIP Town Council,children,<5,0,suppressed"))
            // Partners get no reports; unknown reports and bad parameters are problems.
            #expect(try await hub.request(.get, "/api/v1/reports/rag", token: try await hub.signIn("police")).status == .forbidden)
            #expect(try await hub.request(.get, "/api/v1/reports/nope", token: board).status == .notFound)
            #expect(try await hub.request(.get, "/api/v1/reports/rag?from=2026-05-01&to=2026-04-01", token: board).status == .badRequest)
        })
    }

    /// docs/reports.md, `meetings`: per month (Europe/London) and kind, `held`, `attendances` = attendees + chair, and
    /// `staffHours` = attendances × the kind's length (discussion 45 minutes, meeting 90, daily discussion 15). For the
    /// board, a row whose `held` is 1–4 shows "<5" and its hours as suppressed; a row of 5 is shown whole.
    @Test func meetingsPerKindWithStaffHours() async throws {
        try await withFixture({ f in
            let children = try await f.incident(for: try await f.referral("2026-03-01T09:00:00Z"), at: "2026-03-01T10:00:00Z", ratings: ["red"])
            for day in 2...6 {  // five discussions with one attendee each: 10 attendances, 7.5 hours
                try await f.discussion(incident: children, heldAt: "2026-03-0\(day)T15:00:00Z", outcome: nil, attendees: 1)
            }
            try await f.discussion(incident: children, heldAt: "2026-03-05T09:00:00Z", kind: "domestic_abuse_daily_discussion",
                                   outcome: nil, attendees: 7)  // 8 attendances × 15 minutes = 2 hours
            try await f.discussion(incident: children, heldAt: "2026-03-31T23:30:00Z", kind: "strategy_meeting",
                                   outcome: nil, attendees: 5)  // 1 April in London (BST): 6 × 90 minutes = 9 hours
            try await f.discussion(incident: children, heldAt: "2026-02-28T23:30:00Z", outcome: nil, attendees: 9)  // February (GMT)
            let adults = try await f.incident(for: try await f.referral("2026-03-01T09:00:00Z", form: "a1", service: "adults"),
                                              at: "2026-03-01T10:00:00Z", ratings: ["amber"], service: "adults")
            try await f.discussion(incident: adults, heldAt: "2026-03-20T10:00:00Z", kind: "strategy_meeting", outcome: nil, attendees: 3)
        }, then: { hub in
            func table(_ query: String, _ token: String) async throws -> [String] {
                Self.rows(try await hub.request(.get, "/api/v1/reports/meetings?\(query)", token: token)).map {
                    "\($0["month"]!) \($0["kind"]!) \($0["held"]!) \($0["attendances"]!) \($0["staffHours"]!)"
                }
            }
            let manager = try await hub.signIn("manager")
            #expect(try await table("from=2026-03-01&to=2026-05-01", manager) == [
                "2026-03 domestic_abuse_daily_discussion 1 8 2",
                "2026-03 strategy_discussion 5 10 7.5",
                "2026-03 strategy_meeting 1 4 6",
                "2026-04 strategy_meeting 1 6 9",
            ])
            #expect(try await table("from=2026-03-01&to=2026-05-01&service=children", manager) == [
                "2026-03 domestic_abuse_daily_discussion 1 8 2",
                "2026-03 strategy_discussion 5 10 7.5",
                "2026-04 strategy_meeting 1 6 9",
            ])
            #expect(try await table("from=2026-03-01&to=2026-05-01&service=children", try await hub.signIn("board")) == [
                "2026-03 domestic_abuse_daily_discussion <5 8 suppressed",
                "2026-03 strategy_discussion 5 10 7.5",
                "2026-04 strategy_meeting <5 6 suppressed",
            ])
        })
    }

    /// docs/reports.md: for the board, the SLA report's medians, 90th percentiles and compliance of a row holding a
    /// count from 1 to 4 are "suppressed"; a row whose counts are all 0 or 5 and more shows them. Red: five requests
    /// answered after 30, 60, 90, 100 and 110 minutes (all met). Amber: two, answered after 60 and 120. Green: one.
    @Test func slaMediansAreSuppressedWithTheirRowsSmallCounts() async throws {
        try await withFixture({ f in
            let referral = try await f.referral("2026-03-02T08:00:00Z")
            let red = try await f.incident(for: referral, at: "2026-03-02T09:00:00Z", ratings: ["red"])
            for (agency, answered) in [("piphire_police", 30.0), ("piphire_uhb", 60.0), ("pip_education", 90.0),
                                       ("piphire_probation", 100.0), ("pip_adults", 110.0)] {
                try await f.shareRequest(incident: red, agency: agency, rag: "red", requestedAt: "2026-03-02T09:00:00Z",
                                         dueMinutes: 120, answeredAfterMinutes: answered)
            }
            let amber = try await f.incident(for: try await f.referral("2026-03-03T08:00:00Z"), at: "2026-03-03T09:00:00Z", ratings: ["amber"])
            for (agency, answered) in [("piphire_police", 60.0), ("piphire_uhb", 120.0)] {
                try await f.shareRequest(incident: amber, agency: agency, rag: "amber", requestedAt: "2026-03-03T09:00:00Z",
                                         dueMinutes: 1_440, answeredAfterMinutes: answered)
            }
            // A green request too: with amber alone hidden, red would be the total less amber and withheld with it
            // (complementary suppression); with two small rows hidden, red's own figures stay shown.
            let green = try await f.incident(for: try await f.referral("2026-03-04T08:00:00Z"), at: "2026-03-04T09:00:00Z", ratings: ["green"])
            try await f.shareRequest(incident: green, agency: "piphire_police", rag: "green", requestedAt: "2026-03-04T09:00:00Z",
                                     dueMinutes: 4_320, answeredAfterMinutes: 600)
        }, then: { hub in
            func rag(_ token: String) async throws -> [String: [String: Any]] {
                let rows = Self.rows(try await hub.request(.get, "/api/v1/reports/sla?from=2026-03-01&to=2026-04-01", token: token))
                var byKey: [String: [String: Any]] = [:]
                for row in rows where row["dimension"] as? String == "rag" { byKey[row["key"] as? String ?? ""] = row }
                return byKey
            }
            let exact = try await rag(try await hub.signIn("manager"))
            // Red: median 90; 90th percentile 100 + 0.6 × (110 − 100) = 106. Amber: median (60 + 120) / 2 = 90.
            #expect(exact["red"]?["medianMinutes"] as? Double == 90)
            #expect(exact["red"]?["p90Minutes"] as? Double == 106)
            #expect(exact["amber"]?["medianMinutes"] as? Double == 90)
            #expect(exact["amber"]?["p90Minutes"] as? Double == 114)
            let board = try await rag(try await hub.signIn("board"))
            let red = try #require(board["red"])
            #expect(red["due"] as? Int == 5)
            #expect(red["met"] as? Int == 5)
            #expect(red["breached"] as? Int == 0)
            #expect(red["medianMinutes"] as? Double == 90)
            #expect(red["p90Minutes"] as? Double == 106)
            #expect(red["compliancePercent"] as? Double == 100)
            let amber = try #require(board["amber"])
            #expect(amber["due"] as? String == "<5")
            #expect(amber["met"] as? String == "<5")
            #expect(amber["medianMinutes"] as? String == "suppressed")
            #expect(amber["p90Minutes"] as? String == "suppressed")
            #expect(amber["compliancePercent"] as? String == "suppressed")
            let green = try #require(board["green"])
            #expect(green["due"] as? String == "<5")
            #expect(green["medianMinutes"] as? String == "suppressed")
        })
    }

    /// docs/reports.md: "the default period is the year up to now". With neither `from` nor `to` the report covers
    /// the year (in Europe/London) to the clock's now: a referral an hour inside it counts, one an hour before it
    /// counts for the year before.
    @Test func theDefaultPeriodIsTheYearUpToNow() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let now = hub.clock.now()
            let yearAgo = Calendar.london.date(byAdding: .year, value: -1, to: now)!
            try await hub.superuser { connection in
                var f = Fixture(hub: hub, connection: connection)
                for at in [now.addingTimeInterval(-3600), yearAgo.addingTimeInterval(3600), yearAgo.addingTimeInterval(-3600)] {
                    _ = try await f.referral(at.ISO8601Format())
                }
            }
            let reply = try await hub.request(.get, "/api/v1/reports/volumes", token: try await hub.signIn("manager"))
            #expect(reply.json["from"] as? String == WorkflowFixtures.instant(yearAgo))
            #expect(reply.json["to"] as? String == WorkflowFixtures.instant(now))
            let total = try #require(Self.rows(reply).first { $0["dimension"] as? String == "total" })
            #expect(total["count"] as? Int == 2)
            #expect(total["previousYearCount"] as? Int == 1)
            // `to` alone: the year before it.
            let to = now.addingTimeInterval(-86_400 * 30)
            let earlier = try await hub.request(.get, "/api/v1/reports/volumes?to=\(WorkflowFixtures.instant(to))", token: try await hub.signIn("manager"))
            #expect(earlier.json["from"] as? String == WorkflowFixtures.instant(Calendar.london.date(byAdding: .year, value: -1, to: to)!))
            let earlierTotal = Self.rows(earlier).first { $0["dimension"] as? String == "total" }
            #expect(earlierTotal?["count"] as? Int == 2)  // the two around a year ago; the latest is after `to`
            #expect(earlierTotal?["previousYearCount"] as? Int == 0)
        }
    }

    /// docs/reports.md, `marac`: cases per London month, `from` inclusive and `to` exclusive; a MARAC form from a
    /// referrer, a referral Hub raised from a discussion (link `created`), and an outcome linked to nothing, each in
    /// its month; an unlinked outcome counts in the month of its incident's first such outcome only when that falls in
    /// the period; an outcome on an incident opened from a MARAC referral, or linked to a referral, is that referral's
    /// case (a referral with three outcomes standing for it counts once); months with none have no row; `agency` and
    /// `service` do not apply. The worked example `marac` in docs/reports.md.
    @Test func maracCasesPerLondonMonthInThePeriod() async throws {
        try await withFixture({ f in
            _ = try await f.referral("2026-02-28T23:59:00Z", form: "marac", service: "adults", role: "victim")  // February (GMT)
            let march = try await f.referral("2026-03-01T00:00:00Z", form: "marac", service: "adults", role: "victim")  // March: from is inclusive
            // An outcome on the incident opened from that MARAC referral: the referral is the case, not the outcome.
            let fromMARAC = try await f.incident(for: march, at: "2026-03-02T10:00:00Z", ratings: ["red"], service: "adults")
            try await f.discussion(incident: fromMARAC, heldAt: "2026-03-03T10:00:00Z", outcome: "marac_referral", attendees: 2)
            _ = try await f.referral("2026-04-30T22:30:00Z", form: "marac", service: "adults", role: "victim")  // 23:30 on 30 April (BST)
            _ = try await f.referral("2026-04-30T23:30:00Z", form: "marac", service: "adults", role: "victim")  // 1 May in London
            _ = try await f.referral("2026-07-10T09:00:00Z", form: "marac", service: "adults", role: "victim")  // July (none in June)
            // A PPN whose discussion raised a MARAC referral (channel strategy_outcome) on 10 April.
            let ppn = try await f.referral("2026-04-08T09:00:00Z", form: "ppn", service: "adults", role: "victim")
            let ppnIncident = try await f.incident(for: ppn, at: "2026-04-08T10:00:00Z", ratings: ["red"], service: "adults")
            let held = try await f.discussion(incident: ppnIncident, heldAt: "2026-04-10T10:00:00Z", kind: "domestic_abuse_daily_discussion",
                                              outcome: "marac_referral", attendees: 2)
            let raised = try await f.referral("2026-04-10T10:00:00Z", form: "marac", service: "adults", channel: "strategy_outcome", role: "victim")
            try await f.maracLink(incident: ppnIncident, referral: raised, discussion: held, how: "created", at: "2026-04-10T10:00:00Z")
            // Two more outcomes standing for that referral: a second discussion of the same incident on 12 April, and
            // the same victim's next PPN, whose discussion on 21 April linked to the live referral. One case, not three.
            try await f.discussion(incident: ppnIncident, heldAt: "2026-04-12T10:00:00Z", kind: "domestic_abuse_daily_discussion",
                                   outcome: "marac_referral", attendees: 2)
            let nextPPN = try await f.incident(for: try await f.referral("2026-04-20T09:00:00Z", form: "ppn", service: "adults", role: "victim"),
                                               at: "2026-04-20T10:00:00Z", ratings: ["red"], service: "adults")
            let linked = try await f.discussion(incident: nextPPN, heldAt: "2026-04-21T10:00:00Z", kind: "domestic_abuse_daily_discussion",
                                                outcome: "marac_referral", attendees: 2)
            try await f.maracLink(incident: nextPPN, referral: raised, discussion: linked, how: "linked", at: "2026-04-21T10:00:00Z")
            // Unlinked outcomes: one incident's first on 20 March (counted); another's first on 20 February, before the
            // period, and again on 15 March (not counted).
            let first = try await f.incident(for: try await f.referral("2026-03-19T09:00:00Z", form: "ppn", service: "adults", role: "victim"),
                                             at: "2026-03-19T10:00:00Z", ratings: ["amber"], service: "adults")
            try await f.discussion(incident: first, heldAt: "2026-03-20T10:00:00Z", outcome: "marac_referral", attendees: 2)
            let earlier = try await f.incident(for: try await f.referral("2026-02-19T09:00:00Z", form: "ppn", service: "adults", role: "victim"),
                                               at: "2026-02-19T10:00:00Z", ratings: ["amber"], service: "adults")
            try await f.discussion(incident: earlier, heldAt: "2026-02-20T10:00:00Z", outcome: "marac_referral", attendees: 2)
            try await f.discussion(incident: earlier, heldAt: "2026-03-15T10:00:00Z", outcome: "marac_referral", attendees: 2)
        }, then: { hub in
            let manager = try await hub.signIn("manager")
            func table(_ query: String) async throws -> [String] {
                Self.rows(try await hub.request(.get, "/api/v1/reports/marac?\(query)", token: manager)).map {
                    "\($0["month"]!) \($0["maracForms"]!) \($0["raisedFromDiscussions"]!) \($0["unlinkedOutcomes"]!) \($0["total"]!)"
                }
            }
            for filters in ["", "&service=children&agency=piphire_police"] {
                #expect(try await table("from=2026-03-01&to=2026-05-01\(filters)") == ["2026-03 1 0 1 2", "2026-04 1 1 0 2"], "\(filters)")
            }
            // To the end of August: 1 May's form, then no row for June, then July's.
            #expect(try await table("from=2026-03-01&to=2026-09-01") == ["2026-03 1 0 1 2", "2026-04 1 1 0 2", "2026-05 1 0 0 1", "2026-07 1 0 0 1"])
        })
    }
}
