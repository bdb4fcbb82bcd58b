import AsyncHTTPClient
import Crypto
import Foundation
import HubData
import HubWorkflow
import Logging
import NIOCore

/// Where outbox messages go: a webhook that receives each as a JSON POST, signed with HMAC-SHA256 when a
/// secret is configured (`X-Hub-Signature: sha256=<hex>` over the body).
public struct WebhookTarget: Sendable {
    public let url: String
    public let secret: String?

    public init(url: String, secret: String?) {
        self.url = url
        self.secret = secret
    }
}

/// Delivers outbox messages with retries: exponential back-off from 30 s up to an hour, giving up after
/// `maxAttempts` (the message stays in the table with `failed_at` and its last error).
struct OutboxDelivery: Sendable {
    let outbox: OutboxStore
    let database: Database
    let target: WebhookTarget
    let clock: any WallClock
    var maxAttempts = 12

    func worker(interval: Duration, limits: WorkerLimits, logger: Logger, gate: StartupGate, health: WorkerHealth) -> PeriodicWorker {
        PeriodicWorker(name: "Outbox delivery", key: "outbox_delivery", interval: interval, limits: limits, gate: gate, health: health, logger: logger) { [self] in
            while try await deliverBatch(logger: logger) > 0 {}
        }
    }

    /// Claims due messages and posts each; returns how many it tried.
    func deliverBatch(limit: Int = 20, logger: Logger? = nil) async throws -> Int {
        let now = clock.now()
        return try await database.transaction { connection in
            let messages = try await outbox.claimDue(now: now, limit: limit, excluding: MailDelivery.topic, on: connection)
            for message in messages {
                do {
                    try await post(message)
                    try await outbox.markDelivered(id: message.id, at: now, on: connection)
                } catch {
                    let attempts = message.attempts + 1
                    let retryAt = attempts >= maxAttempts ? nil : now.addingTimeInterval(min(3600, 30 * pow(2, Double(attempts - 1))))
                    try await outbox.markFailed(id: message.id, error: "\(error)", retryAt: retryAt, now: now, on: connection)
                    logger?.warning("webhook delivery failed", metadata: ["topic": "\(message.topic)", "attempt": "\(attempts)"])
                }
            }
            return messages.count
        }
    }

    private func post(_ message: OutboxMessage) async throws {
        var request = HTTPClientRequest(url: target.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "X-Hub-Event", value: message.topic)
        request.headers.add(name: "X-Hub-Delivery", value: message.dedupeKey)
        let body = Data(message.payload.utf8)
        if let secret = target.secret {
            let signature = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Data(secret.utf8)))
            request.headers.add(name: "X-Hub-Signature", value: "sha256=" + signature.map { String(format: "%02x", $0) }.joined())
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        guard (200..<300).contains(response.status.code) else {
            throw WebhookError(status: Int(response.status.code))
        }
    }

    struct WebhookError: Error, CustomStringConvertible {
        let status: Int
        var description: String { "webhook answered \(status)" }
    }
}
