import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import PostgresNIO
import Testing

/// Creating a referral writes its row, subjects, timeline entry and audit event in one statement.
@Suite("Referral creation")
struct ReferralCreationTests {
    typealias F = WorkflowFixtures

    @Test func oneStatementWritesEveryRow() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            var ids: [String] = []
            for _ in 0..<2 {
                let reply = try await hub.request(.post, "/api/v1/referrals", token: triage, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
                #expect(reply.status == .created, "\(reply.text)")
                ids.append(try #require(reply.json["id"] as? String))
                #expect(reply.json["reference"] as? String == "R-00000\(ids.count)")
                #expect(reply.headers[.location] == "/api/v1/referrals/\(ids.last!)")
            }
            let id = try #require(UUID(uuidString: ids[0]))
            let logger = hub.environment.logger
            let referral = try await hub.superuser {
                try await $0.query(
                    "SELECT reference, form, status, source_agency, document->>'localAuthority', version FROM referrals WHERE id = \(id)",
                    logger: logger
                ).collect().first!.decode((String, String, String, String?, String, Int).self)
            }
            #expect(referral.0 == "R-000001" && referral.1 == "c1" && referral.2 == "received")
            #expect(referral.3 == "piphire_uhb" && referral.4 == "PIP Town Council" && referral.5 == 1)

            let subjects = try await hub.superuser {
                try await $0.query(
                    """
                    SELECT position, role, forename, surname, aliases, date_of_birth::text, expected_date_of_birth::text, gender,
                           nhs_number, address_lines, town, postcode
                    FROM referral_subjects WHERE referral_id = \(id) ORDER BY position
                    """, logger: logger
                ).collect().map {
                    try $0.decode((Int, String, String, String, [String], String?, String?, String, String?, [String], String?, String?).self)
                }
            }
            #expect(subjects.count == 2)
            #expect(subjects[0].0 == 0 && subjects[0].1 == "child" && subjects[0].2 == "Ceri" && subjects[0].3 == "Peters")
            #expect(subjects[0].4 == [] && subjects[0].5 == "2016-04-02" && subjects[0].6 == nil && subjects[0].7 == "female")
            #expect(subjects[0].8 == "9434765919" && subjects[0].9 == ["1 Stoops Fold", "Down Park"])
            #expect(subjects[0].10 == "PIP Town" && subjects[0].11 == "PP2 5GN")
            #expect(subjects[1].0 == 1 && subjects[1].1 == "parent_carer" && subjects[1].5 == "1990-07-21" && subjects[1].8 == nil)

            let timeline = try await hub.superuser {
                try await $0.query(
                    "SELECT kind, actor_name, actor_agency, detail::text, incident_id IS NULL FROM timeline_events WHERE referral_id = \(id) ORDER BY id",
                    logger: logger
                ).collect().map { try $0.decode((String, String?, String?, String, Bool).self) }
            }
            #expect(timeline.map(\.0) == ["received", "acknowledged"])
            #expect(timeline.first?.0 == "received" && timeline.first?.2 == "pip_childrens" && timeline.first?.4 == true)
            #expect(timeline.first?.3 == #"{"form": "c1", "channel": "phone"}"#)
            #expect(timeline.last?.2 == "pip_childrens" && timeline.last?.4 == true)
            #expect(timeline.last?.3 == #"{"nextStep": "children_threshold_decision"}"#)

            let audit = try await hub.superuser {
                try await $0.query(
                    """
                    SELECT username, agency_code, role, outcome, detail::text, request_id IS NOT NULL
                    FROM audit_events WHERE action = 'referral.create' AND object_type = 'referral' AND object_id = \(ids[0])
                    """, logger: logger
                ).collect().map { try $0.decode((String?, String?, String?, String, String, Bool).self) }
            }
            #expect(audit.count == 1)
            #expect(audit.first?.0 == "triage" && audit.first?.1 == "pip_childrens" && audit.first?.2 == "mash_triage")
            #expect(audit.first?.3 == "success" && audit.first?.4 == #"{"form": "c1", "subjects": "2"}"# && audit.first?.5 == true)
        }
    }

    @Test func aFailedInsertWritesNothing() async throws {
        try await TestHub.run { (hub: TestHub) async throws in
            let triage = try await hub.signIn("triage")
            // A subject role the database refuses is not possible through validation; a too-long Idempotency-Key is
            // refused before the database. What can fail in the statement is a constraint: simulate one by making the
            // reference collide with an existing referral's.
            let first = try await hub.request(.post, "/api/v1/referrals", token: triage, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(first.status == .created)
            let logger = hub.environment.logger
            try await hub.superuser { _ = try await $0.query("SELECT setval('referral_reference_seq', 1, false)", logger: logger).collect() }
            let second = try await hub.request(.post, "/api/v1/referrals", token: triage, json: F.c1(receivedAt: hub.clock.now().addingTimeInterval(-600)))
            #expect(second.status == .internalServerError, "\(second.text)")
            #expect(second.contentType == "application/problem+json")
            let counts = try await hub.superuser {
                try await $0.query(
                    """
                    SELECT (SELECT count(*) FROM referrals)::int, (SELECT count(*) FROM referral_subjects)::int,
                           (SELECT count(*) FROM timeline_events)::int,
                           (SELECT count(*) FROM audit_events WHERE action = 'referral.create')::int
                    """, logger: logger
                ).collect().first!.decode((Int, Int, Int, Int).self)
            }
            #expect(counts.0 == 1 && counts.1 == 2 && counts.2 == 2 && counts.3 == 1)  // received and acknowledged
        }
    }
}
