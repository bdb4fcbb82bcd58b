import Foundation
import HTTPTypes
import HubData
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing
@testable import HubServer

/// docs/architecture.md ("SLA clocks, the sweep and the outbox") and the README's `HUB_WEBHOOK_SECRET`: each outbox
/// message is POSTed as JSON with `X-Hub-Event`, `X-Hub-Delivery` and, with a secret, `X-Hub-Signature: sha256=…`
/// (HMAC-SHA256 of the body); payloads carry references, ratings, agencies and times, never personal data; a
/// failed delivery is retried with back-off from 30 s to an hour and given up after 12 attempts, the row keeping
/// `failed_at` and the last error. A real receiver on loopback reads every header and the body.
@Suite("Webhook delivery")
struct WebhookDeliveryTests {
    /// One request as the receiver saw it.
    struct Received: Sendable {
        let contentType: String?
        let event: String?
        let delivery: String?
        let signature: String?
        let body: Data
    }

    /// A webhook receiver on 127.0.0.1 that records every request and answers `status`.
    final class Receiver: Sendable {
        let received = Mutex<[Received]>([])
        let status: HTTPResponse.Status

        init(answering status: HTTPResponse.Status) { self.status = status }

        func run(_ body: @Sendable (_ url: String) async throws -> Void) async throws {
            let router = Router()
            router.post("hook") { [self] request, _ -> HTTPResponse.Status in
                let bytes = try await request.body.collect(upTo: 1 << 20)
                let name = { (field: String) in request.headers[HTTPField.Name(field)!] }
                received.withLock {
                    $0.append(Received(contentType: request.headers[.contentType], event: name("X-Hub-Event"), delivery: name("X-Hub-Delivery"),
                                       signature: name("X-Hub-Signature"), body: Data(bytes.readableBytesView)))
                }
                return status
            }
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
            try await app.test(.live) { client in
                try await body("http://127.0.0.1:\(try #require(client.port))/hook")
            }
        }
    }

    static let secret = "whsec-piphire-2026"
    static let personalData = ["Ceri", "Shira", "Peters", "943 476 5919", "9434765919", "2016-04-02", "1990-07-21", "Stoops Fold",
                               "Down Park", "PP2 5GN", "Morwen", "hungry"]

    /// Opens a red incident about Ceri Peters asking the police and health: two clocks, due in two hours.
    static func openRedIncident(_ hub: TestHub) async throws {
        let triage = try await hub.signIn("triage")
        let created = try await hub.request(.post, "/api/v1/referrals", token: triage,
                                            json: WorkflowFixtures.c1(receivedAt: hub.clock.now().addingTimeInterval(-60)))
        let id = try #require(created.json["id"] as? String)
        let decided = try await hub.request(.post, "/api/v1/referrals/\(id)/decision", token: triage, json: [
            "kind": "meets_threshold", "rationale": "Share.", "ragRating": "red", "shareWith": ["piphire_police", "piphire_uhb"],
        ], headers: [.ifMatch: "\"1\""])
        #expect(decided.status == .ok)
    }

    static func delivery(_ hub: TestHub, to url: String, secret: String? = secret) -> OutboxDelivery {
        OutboxDelivery(outbox: OutboxStore(database: hub.environment.database), database: hub.environment.database,
                       target: WebhookTarget(url: url, secret: secret), clock: hub.clock)
    }

    @Test func eachMessageIsSignedNamedAndCarriesNoPersonalData() async throws {
        let receiver = Receiver(answering: .noContent)
        try await receiver.run { url in
            try await TestHub.run { (hub: TestHub) async throws in
                try await Self.openRedIncident(hub)
                hub.clock.advance(by: 3 * 3600)
                #expect(try await SLASweep(database: hub.environment.database).run(now: hub.clock.now()) == SLASweep.Result(warnings: 2, breaches: 2))
                #expect(try await Self.delivery(hub, to: url).deliverBatch() == 4)

                let outbox = OutboxStore(database: hub.environment.database)
                let messages = try await outbox.messages(topic: "sla.warning") + outbox.messages(topic: "sla.breach")
                let received = receiver.received.withLock { $0 }
                #expect(received.count == 4)
                #expect(Set(received.compactMap(\.delivery)) == Set(messages.map(\.dedupeKey)))
                for request in received {
                    let message = try #require(messages.first { $0.dedupeKey == request.delivery })
                    #expect(request.contentType == "application/json")
                    #expect(request.event == message.topic)
                    // The signature, computed here from the secret and the bytes received.
                    #expect(request.signature == "sha256=" + HMACSHA256.hex(key: Data(Self.secret.utf8), message: request.body))
                    let payload = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
                    #expect(Set(payload.keys) == ["event", "incident", "incidentId", "rag", "clock", "deadline", "agency"])
                    #expect(payload["event"] == message.topic)
                    #expect(payload["incident"] == "I-000001")
                    #expect(payload["rag"] == "red")
                    #expect(["piphire_police", "piphire_uhb"].contains(payload["agency"] ?? ""))
                    let text = String(decoding: request.body, as: UTF8.self)
                    let quoted = Self.personalData.filter { text.contains($0) }
                    #expect(quoted.isEmpty, "the \(message.topic) payload quotes \(quoted): \(text)")
                }
                // A body changed by one byte no longer matches its signature.
                let first = try #require(received.first)
                var tampered = first.body
                tampered[tampered.startIndex] ^= 1
                #expect(first.signature != "sha256=" + HMACSHA256.hex(key: Data(Self.secret.utf8), message: tampered))
            }
        }
    }

    /// Every kind of message Hub sends (an SLA warning and breach, a chase, a withdrawal when an incident closes, a
    /// priority alert), delivered: none quotes a name, NHS number, date of birth, address or postcode of the
    /// referral's subjects or of the tracker's records, in its body or its delivery key.
    @Test func noMessageOfAnyTopicCarriesPersonalData() async throws {
        let receiver = Receiver(answering: .ok)
        try await receiver.run { url in
            try await TestHub.run { (hub: TestHub) async throws in
                let admin = try await hub.signIn("admin")
                var triage = try await hub.signIn("triage")
                #expect(try await hub.request(.post, "/api/v1/feeds?fileName=example.csv&extractDate=2026-11-01", token: admin,
                                              rawBody: TrackerFixtures.example).status == .created)
                let found = try await hub.request(.post, "/api/v1/tracker/search", token: triage, json: ["purpose": "MASH enquiry", "nhsNumber": "999 234 5675"])
                let personId = try #require((found.json["persons"] as? [[String: Any]])?.first?["personId"] as? Int)
                #expect(try await hub.request(.post, "/api/v1/watchlist", token: triage, json: ["personId": personId, "reason": "CP plan review"]).status == .created)
                #expect(try await hub.request(.post, "/api/v1/feeds?fileName=later.csv&extractDate=2026-11-02", token: admin,
                                              rawBody: TrackerFixtures.later).status == .created)
                try await Self.openRedIncident(hub)
                hub.clock.advance(by: 3 * 3600)
                _ = try await SLASweep(database: hub.environment.database).run(now: hub.clock.now())
                triage = try await hub.signIn("triage")
                let requests = try #require(try await hub.request(.get, "/api/v1/share-requests", token: triage).json["items"] as? [[String: Any]])
                let request = try #require(requests.first?["id"] as? String)
                #expect(try await hub.request(.post, "/api/v1/share-requests/\(request)/chase", token: triage).status == .noContent)
                let incidentId = try #require(try await hub.request(.get, "/api/v1/incidents", token: triage).json["items"]
                    .flatMap { ($0 as? [[String: Any]])?.first?["id"] as? String })
                let etag = try #require(try await hub.request(.get, "/api/v1/incidents/\(incidentId)", token: triage).headers[.eTag])
                let closed = try await hub.request(.patch, "/api/v1/incidents/\(incidentId)", token: triage, json: [
                    "state": "closed", "closure": ["outcome": "information_shared_no_further_action", "reason": "Sharing was enough."],
                ], headers: [.ifMatch: etag])
                #expect(closed.status == .ok, "\(closed.text)")

                let delivery = Self.delivery(hub, to: url)
                while try await delivery.deliverBatch() > 0 {}
                let received = receiver.received.withLock { $0 }
                #expect(Set(received.compactMap(\.event)) == ["alert.raised", "sla.warning", "sla.breach", "share_request.chased", "share_request.withdrawn"])
                let pending = try await hub.environment.database.query("SELECT count(*)::int FROM outbox WHERE delivered_at IS NULL").first!.decode(Int.self)
                #expect(pending == 0)
                let personal = Self.personalData + ["PETERS", "Tomos", "KELLY", "Kelly", "9992345675", "999 234 5675", "2010-01-08", "2010-08-01",
                                                    "STOOPS", "PP25GN", "CP plan review"]
                for message in received {
                    let text = String(decoding: message.body, as: UTF8.self) + " " + (message.delivery ?? "")
                    let quoted = personal.filter { text.contains($0) }
                    #expect(quoted.isEmpty, "\(message.event ?? "?") quotes \(quoted): \(text)")
                    #expect(message.signature == "sha256=" + HMACSHA256.hex(key: Data(Self.secret.utf8), message: message.body))
                }
            }
        }
    }

    /// Without `HUB_WEBHOOK_SECRET` a message goes unsigned (the README's "unsigned"): no signature header at all,
    /// the rest as with one.
    @Test func withoutASecretAMessageGoesUnsigned() async throws {
        let receiver = Receiver(answering: .accepted)
        try await receiver.run { url in
            try await TestHub.run { (hub: TestHub) async throws in
                try await Self.openRedIncident(hub)
                let triage = try await hub.signIn("triage")
                let items = try #require(try await hub.request(.get, "/api/v1/share-requests", token: triage).json["items"] as? [[String: Any]])
                let id = try #require(items.first { $0["agency"] as? String == "piphire_uhb" }?["id"] as? String)
                #expect(try await hub.request(.post, "/api/v1/share-requests/\(id)/chase", token: triage).status == .noContent)
                #expect(try await Self.delivery(hub, to: url, secret: nil).deliverBatch() == 1)
                let received = try #require(receiver.received.withLock { $0 }.first)
                #expect(receiver.received.withLock { $0.count } == 1)
                #expect(received.signature == nil)
                #expect(received.event == "share_request.chased")
                #expect(received.delivery == "share_request.chased:\(id):1")
                #expect(received.contentType == "application/json")
                let payload = try #require(try JSONSerialization.jsonObject(with: received.body) as? [String: String])
                #expect(payload["agency"] == "piphire_uhb")
                let delivered = try await hub.environment.database.query(
                    "SELECT delivered_at, attempts FROM outbox WHERE topic = 'share_request.chased'").first!.decode((Date?, Int).self)
                #expect(delivered.0.map { abs($0.timeIntervalSince(hub.clock.now())) < 0.001 } == true)  // a 2xx is delivered
                #expect(delivered.1 == 1)
            }
        }
    }

    /// The delays between attempts: doubling from 30 s, capped at an hour; twelve attempts in all.
    static let backOff: [TimeInterval] = [30, 60, 120, 240, 480, 960, 1920, 3600, 3600, 3600, 3600]

    @Test func aRefusedMessageIsRetriedOnTheScheduleAndGivenUpAfterTwelveAttempts() async throws {
        let receiver = Receiver(answering: .serviceUnavailable)
        try await receiver.run { url in
            try await TestHub.run { (hub: TestHub) async throws in
                try await Self.openRedIncident(hub)
                // One message: a chase of the police's request.
                let triage = try await hub.signIn("triage")
                let items = try #require(try await hub.request(.get, "/api/v1/share-requests", token: triage).json["items"] as? [[String: Any]])
                let police = try #require(items.first { $0["agency"] as? String == "piphire_police" }?["id"] as? String)
                #expect(try await hub.request(.post, "/api/v1/share-requests/\(police)/chase", token: triage).status == .noContent)
                let delivery = Self.delivery(hub, to: url)

                #expect(try await delivery.deliverBatch() == 1)  // attempt 1, at once
                for (index, delay) in Self.backOff.enumerated() {
                    hub.clock.advance(by: delay - 1)
                    #expect(try await delivery.deliverBatch() == 0, "attempt \(index + 2) a second early")
                    hub.clock.advance(by: 1)
                    #expect(try await delivery.deliverBatch() == 1, "attempt \(index + 2) after \(delay) s")
                }
                let given = hub.clock.now()
                hub.clock.advance(by: 30 * 24 * 3600)
                #expect(try await delivery.deliverBatch() == 0)  // given up: never tried again

                let received = receiver.received.withLock { $0 }
                #expect(received.count == 12)
                #expect(Set(received.compactMap(\.delivery)) == ["share_request.chased:\(police):1"])
                #expect(received.allSatisfy { $0.event == "share_request.chased" })
                let row = try #require(try await hub.environment.database.query(
                    "SELECT attempts, failed_at, delivered_at, last_error FROM outbox WHERE topic = 'share_request.chased'").first)
                let (attempts, failedAt, deliveredAt, lastError) = try row.decode((Int, Date?, Date?, String?).self)
                #expect(attempts == 12)
                #expect(failedAt.map { abs($0.timeIntervalSince(given)) < 0.001 } == true)
                #expect(deliveredAt == nil)
                #expect(lastError == "webhook answered 503")
            }
        }
    }

    /// The HMAC of RFC 2104 over this file's own SHA-256, checked against RFC 4231's test case 2.
    @Test func theTestsOwnHMACMatchesRFC4231() {
        #expect(HMACSHA256.hex(key: Data("Jefe".utf8), message: Data("what do ya want for nothing?".utf8))
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }
}

/// HMAC-SHA256 (RFC 2104, FIPS 180-4) written out here, so that the webhook's signature is checked against a
/// computation that shares nothing with Hub's.
enum HMACSHA256 {
    static func hex(key: Data, message: Data) -> String {
        var key = [UInt8](key)
        if key.count > 64 { key = sha256(key) }
        key += [UInt8](repeating: 0, count: 64 - key.count)
        let inner = sha256(key.map { $0 ^ 0x36 } + [UInt8](message))
        return sha256(key.map { $0 ^ 0x5c } + inner).map { String(format: "%02x", $0) }.joined()
    }

    static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
        0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
        0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
        0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ]

    static func sha256(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
        var data = message + [0x80]
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) * 8
        data += (0..<8).map { UInt8(truncatingIfNeeded: bits >> (56 - 8 * UInt64($0))) }
        func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        for chunk in stride(from: 0, to: data.count, by: 64) {
            var w = (0..<16).map { i in (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(data[chunk + 4 * i + $1]) } }
            for i in 16..<64 {
                let s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3)
                let s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10)
                w.append(w[i - 16] &+ s0 &+ w[i - 7] &+ s1)
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for i in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, value) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ value }
        }
        return h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) } }
    }
}
