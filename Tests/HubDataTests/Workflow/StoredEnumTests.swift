import Foundation
import HubData
import HubTestSupport
import HubWorkflow
import Testing

/// `StoredEnum`: a domain enum read from a row is its case when the text is one it knows, and an
/// `UnknownStoredValue` error (never a default case) when it is not.
@Suite("Stored enums", .timeLimit(.minutes(5)))
struct StoredEnumTests {
    typealias F = WorkflowStoreFixture

    @Test func aKnownValueIsItsCase() async throws {
        try await F.run { f in
            let row = try #require(try await f.database.query(
                "SELECT 'amber'::text, 'awaiting_ratification'::text, 'information_shared'::text, 'mash_manager'::text"
            ).first)
            let (rag, status, response, role) = try row.decode((RAGRating, ReferralStatus, ShareResponseKind, Role).self)
            #expect(rag == .amber)
            #expect(status == .awaitingRatification)
            #expect(response == .informationShared)
            #expect(role == .mashManager)
        }
    }

    @Test func anUnknownValueThrowsNamingTheEnumAndTheValue() async throws {
        try await F.run { f in
            let row = try #require(try await f.database.query("SELECT 'purple'::text, ''::text").first)
            let purple = #expect(throws: UnknownStoredValue.self) { _ = try row.decode(RAGRating.self) }
            #expect(purple?.type == "RAGRating")
            #expect(purple?.value == "purple")
            #expect(purple?.description == "unknown RAGRating value stored: purple")
            // Read with other columns (as the stores read rows): the same error.
            let inARow = #expect(throws: UnknownStoredValue.self) { _ = try row.decode((RAGRating, String).self) }
            #expect(inARow?.type == "RAGRating")
            #expect(inARow?.value == "purple")
            let statusRow = try #require(try await f.database.query("SELECT ''::text").first)
            let blank = #expect(throws: UnknownStoredValue.self) { _ = try statusRow.decode(ReferralStatus.self) }
            #expect(blank?.type == "ReferralStatus")
            #expect(blank?.value == "")
        }
    }

    @Test func aRowWithAStatusTheEnumDoesNotKnowIsNotReadAsAnother() async throws {
        try await F.run(as: .owner) { f in  // the owner: the test drops a check to write the row
            let id = try await f.referral(try F.c1())
            // A row as a newer version might write it (the column's check would refuse it today).
            try await f.database.query("ALTER TABLE referrals DROP CONSTRAINT referrals_status_check")
            try await f.database.query("UPDATE referrals SET status = 'reopened' WHERE id = \(id)")
            let store = ReferralStore(database: f.database)
            let read = await #expect(throws: UnknownStoredValue.self) { _ = try await store.find(id: id) }
            #expect(read?.type == "ReferralStatus")
            #expect(read?.value == "reopened")
            let locked = await #expect(throws: UnknownStoredValue.self) {
                try await f.database.transaction { connection in _ = try await store.lockForChange(id: id, on: connection) }
            }
            #expect(locked?.value == "reopened")
            let listed = await #expect(throws: UnknownStoredValue.self) { _ = try await store.list(ReferralFilter()) }
            #expect(listed?.value == "reopened")
        }
    }
}
