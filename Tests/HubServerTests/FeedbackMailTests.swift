import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Testing
@testable import HubServer

/// Issue #20: where the referrer gave an email address and the operator configured a mail relay, the feedback is sent
/// from Hub through the outbox, by SMTP, and kept as sent. Against a real MTA on loopback (Exim, ``LocalMTA``): the
/// test reads the message back from Exim's mailbox. Without the MTA the test fails saying why; it never skips.
@Suite("Feedback sent by email through the relay", .serialized)
struct FeedbackMailTests {
    typealias F = WorkflowFixtures

    static func decidedSchoolReferral(_ hub: TestHub, email: String? = "eira.jones@ysgol-pip.example") async throws -> (id: String, reference: String) {
        var body = ReferrerFeedbackTests.schoolC1(receivedAt: hub.clock.now().addingTimeInterval(-3600))
        if email == nil { body["referrer"] = ["name": "Eira Jones", "role": "Designated safeguarding lead", "agency": "pip_education", "phone": "01632 960210"] }
        let created = try await hub.request(.post, "/api/v1/referrals", token: try await hub.signIn("triage"), json: body)
        let id = try #require(created.json["id"] as? String)
        try await ReferrerFeedbackTests.decide(hub, id, kind: "no_further_action")
        return (id, try #require(created.json["reference"] as? String))
    }

    @Test(.timeLimit(.minutes(5))) func theFeedbackIsSentToTheRelayKeptAsSentAndReadBackFromTheMailbox() async throws {
        let mta = try LocalMTA.start()
        defer { mta.stop() }
        let relay = MailRelay(host: "127.0.0.1", port: mta.port, from: "mash@piphire-hub.example")
        try await TestHub.run(clock: ManualClock(try ReferrerFeedbackTests.instant("2026-12-04T15:00:00Z")), mailRelay: relay) { (hub: TestHub) async throws in
            let (id, reference) = try await Self.decidedSchoolReferral(hub)
            hub.clock.set(try ReferrerFeedbackTests.instant("2026-12-07T10:00:00Z"))
            let queued = try await hub.request(.post, "/api/v1/referrals/\(id)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "email", "send": true, "summary": "no_further_action", "note": "Ysgol Pip may call the MASH on 01632 960000.",
            ])
            #expect(queued.status == .created, "\(queued.text)")
            #expect(queued.json["clock"] == nil)
            let feedback = try #require(queued.json["feedback"] as? [String: Any])
            #expect(feedback["delivery"] as? String == "queued")
            #expect(feedback["recipientEmail"] as? String == "eira.jones@ysgol-pip.example")
            let kept = try #require(feedback["message"] as? String)
            #expect(kept.contains("Subject: Your referral \(reference): the MASH's decision\r\n"))
            #expect(try await ReferrerFeedbackTests.referral(hub, id)["feedbackClock"].flatMap { ($0 as? [String: Any])?["state"] as? String } == "due_soon")

            // The outbox's mail delivery hands it to Exim a minute later.
            hub.clock.set(try ReferrerFeedbackTests.instant("2026-12-07T10:01:00Z"))
            let delivery = MailDelivery(stores: Stores(database: hub.environment.database), client: SMTPClient(relay: relay), clock: hub.clock)
            #expect(try await delivery.deliverBatch() == 1)
            #expect(try await delivery.deliverBatch() == 0)

            let messages = try await mta.messages(count: 1)
            #expect(messages.count == 1)
            let received = try #require(messages.first)
            #expect(received.contains("Envelope-to: eira.jones@ysgol-pip.example"))
            #expect(received.contains("Return-path: <mash@piphire-hub.example>"))
            #expect(received.contains("Subject: Your referral \(reference): the MASH's decision"))
            #expect(received.contains("Dear Eira Jones,"))
            // Lines are wrapped at 78 characters.
            #expect(received.replacingOccurrences(of: "\n", with: " ")
                .contains("Thank you for your referral. The MASH has considered it and will take no further action."))
            #expect(received.contains("Ysgol Pip may call the MASH on 01632 960000."))
            // What Exim delivered is the message Hub kept, line for line (Exim adds its trace headers above it).
            let keptLines = kept.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            let receivedLines = received.split(separator: "\n", omittingEmptySubsequences: false)
            let start = try #require(receivedLines.firstIndex(of: keptLines[0]))
            #expect(Array(receivedLines[start..<min(receivedLines.count, start + keptLines.count)]) == Array(keptLines))

            let read = try await ReferrerFeedbackTests.referral(hub, id)
            let clock = try ReferrerFeedbackTests.clock(read)
            #expect(clock["state"] as? String == "met")
            #expect(clock["fedBackAt"] as? String == "2026-12-07T10:01:00.000Z")
            let sent = try #require((read["feedback"] as? [[String: Any]])?.first)
            #expect(sent["delivery"] as? String == "sent")
            #expect(sent["sentAt"] as? String == "2026-12-07T10:01:00.000Z")
            #expect(sent["givenAt"] as? String == "2026-12-07T10:01:00.000Z")
            #expect(sent["message"] as? String == kept)
            #expect(try await ReferrerFeedbackTests.timeline(hub, id) == ["received", "acknowledged", "decided", "fed_back"])
            let audit = try await hub.environment.database.query(
                "SELECT action, coalesce(username, '-'), detail->>'delivery', detail->>'to' FROM audit_events WHERE action LIKE 'referral.feedback%' ORDER BY id"
            ).map { try $0.decode((String, String, String?, String?).self) }
            #expect(audit.map(\.0) == ["referral.feedback", "referral.feedback_sent"])
            #expect(audit.map(\.1) == ["triage", "-"])
            #expect(audit.first?.2 == "queued")
            #expect(audit.map(\.3) == ["referrer", "referrer"])
            // The webhook's delivery leaves the mail alone.
            #expect(try await hub.environment.database.query(
                "SELECT count(*)::int FROM outbox WHERE topic = 'feedback.email' AND delivered_at IS NOT NULL").first?.decode(Int.self) == 1)
        }
    }

    @Test(.timeLimit(.minutes(5))) func withoutARelayOrAnAddressSendingIsRefusedNamingTheField() async throws {
        try await TestHub.run(clock: ManualClock(try ReferrerFeedbackTests.instant("2026-12-04T15:00:00Z"))) { (hub: TestHub) async throws in
            let (id, _) = try await Self.decidedSchoolReferral(hub)
            let refused = try await hub.request(.post, "/api/v1/referrals/\(id)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "email", "send": true, "summary": "no_further_action",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect(((refused.json["errors"] as? [[String: Any]])?.first?["field"] as? String) == "send")
            #expect(try await hub.environment.database.query("SELECT count(*)::int FROM outbox WHERE topic = 'feedback.email'").first?.decode(Int.self) == 0)
        }
        let relay = MailRelay(host: "127.0.0.1", port: 9, from: "mash@piphire-hub.example")
        try await TestHub.run(clock: ManualClock(try ReferrerFeedbackTests.instant("2026-12-04T15:00:00Z")), mailRelay: relay) { (hub: TestHub) async throws in
            let (id, _) = try await Self.decidedSchoolReferral(hub, email: nil)
            let refused = try await hub.request(.post, "/api/v1/referrals/\(id)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "email", "send": true, "summary": "no_further_action",
            ])
            #expect(refused.status == .unprocessableContent)
            #expect((refused.json["errors"] as? [[String: Any]])?.first?["message"] as? String == "the referrer gave no email address")
            let byPhone = try await hub.request(.post, "/api/v1/referrals/\(id)/feedback", token: try await hub.signIn("triage"), json: [
                "channel": "phone", "send": true, "summary": "no_further_action",
            ])
            #expect(((byPhone.json["errors"] as? [[String: Any]])?.first?["message"] as? String) == "only email is sent from Hub")
        }
    }

    @Test func theDataSectionEndsLinesWithCRLFAndStuffsDots() {
        #expect(SMTPClient.dataSection("Subject: x\n\n.hidden\nend") == "Subject: x\r\n\r\n..hidden\r\nend\r\n.\r\n")
        #expect(SMTPClient.dataSection("a\r\nb\r\n") == "a\r\nb\r\n.\r\n")
        #expect(MailRelay(relay: "mail.piphire.example:25", from: nil) == MailRelay(host: "mail.piphire.example", port: 25, from: "mash@hub.invalid"))
        #expect(MailRelay(relay: "mail.piphire.example", from: nil) == nil)
        #expect(MailRelay(relay: "relay:2525", from: "bad address\r\nRCPT TO:<x@y>") == nil)
    }
}
