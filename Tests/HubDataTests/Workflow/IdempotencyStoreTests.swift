import Foundation
import HubData
import HubTestSupport
import Testing

/// `IdempotencyStore`: the first request with a key claims it, a retry with the same body gets the response
/// recorded for it, and the key with another body (or before a response was recorded) is refused.
@Suite("Idempotency store", .timeLimit(.minutes(5)))
struct IdempotencyStoreTests {
    typealias F = WorkflowStoreFixture

    static let body = Data(#"{"form":"c1","channel":"phone"}"#.utf8)
    static let response = Data(#"{"id":"first","reference":"R-000001"}"#.utf8)

    @Test func aFirstClaimGoesOnAndARetryWithTheSameBodyGetsTheRecordedResponse() async throws {
        try await F.run { f in
            let store = IdempotencyStore(database: f.database)
            let key = IdempotencyStore.Key(key: "c1-retry-0001", body: Self.body)
            let first = try await f.database.transaction { connection in
                let replay = try await store.claim(key, userId: f.triage.userId, now: F.now, on: connection)
                try await store.recordResponse(status: 201, body: Self.response, for: key, userId: f.triage.userId, on: connection)
                return replay
            }
            #expect(first == nil)
            let retry = try await f.database.transaction { connection in
                try await store.claim(IdempotencyStore.Key(key: "c1-retry-0001", body: Self.body), userId: f.triage.userId, now: F.now,
                                      on: connection)
            }
            let replay = try #require(retry)
            #expect(replay.status == 201)
            #expect(replay.body == Self.response)
            // Keys are each user's own: another user's first use of the same key goes on.
            let other = try await f.database.transaction { connection in
                try await store.claim(key, userId: f.manager.userId, now: F.now, on: connection)
            }
            #expect(other == nil)
        }
    }

    @Test func theSameKeyWithAnotherBodyIsRefused() async throws {
        try await F.run { f in
            let store = IdempotencyStore(database: f.database)
            let key = IdempotencyStore.Key(key: "c1-retry-0002", body: Self.body)
            try await f.database.transaction { connection in
                _ = try await store.claim(key, userId: f.triage.userId, now: F.now, on: connection)
                try await store.recordResponse(status: 201, body: Self.response, for: key, userId: f.triage.userId, on: connection)
            }
            let other = IdempotencyStore.Key(key: "c1-retry-0002", body: Data(#"{"form":"c1","channel":"email"}"#.utf8))
            await #expect(throws: WorkflowStoreError.idempotencyKeyReused) {
                try await f.database.transaction { connection in
                    _ = try await store.claim(other, userId: f.triage.userId, now: F.now, on: connection)
                }
            }
        }
    }

    @Test func aKeyWhoseFirstRequestRecordedNoResponseIsRefused() async throws {
        try await F.run { f in
            let store = IdempotencyStore(database: f.database)
            let key = IdempotencyStore.Key(key: "c1-unfinished", body: Self.body)
            let first = try await f.database.transaction { connection in
                try await store.claim(key, userId: f.triage.userId, now: F.now, on: connection)
            }
            #expect(first == nil)
            await #expect(throws: WorkflowStoreError.idempotencyKeyReused) {
                try await f.database.transaction { connection in
                    _ = try await store.claim(key, userId: f.triage.userId, now: F.now, on: connection)
                }
            }
        }
    }
}
