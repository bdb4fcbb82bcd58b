import Foundation
import HubData
import HubTestSupport
import HubWorkflow
import Testing

/// `ThresholdDecisionStore.ratifyLatest`: the verdict goes on the referral's latest decision not yet ratified, and
/// on no other decision.
@Suite("Threshold decision store: ratifying the latest decision", .timeLimit(.minutes(5)))
struct ThresholdDecisionStoreTests {
    typealias F = WorkflowStoreFixture

    static let first = ThresholdDecision(kind: .noFurtherAction, rationale: "Seen by the school nurse.")
    static let second = ThresholdDecision(kind: .signposting, rationale: "Family support hub.")

    /// Records `decisions` on the referral, each a minute after the one before, starting at `now`.
    func decide(_ decisions: [ThresholdDecision], on referralId: UUID, _ f: F) async throws {
        let store = ThresholdDecisionStore(database: f.database)
        for (index, decision) in decisions.enumerated() {
            try await f.database.transaction { connection in
                try await store.insert(decision, referralId: referralId, actor: f.triage, at: F.now.addingTimeInterval(Double(index) * 60),
                                       on: connection)
            }
        }
    }

    func ratifyLatest(of referralId: UUID, _ ratification: Ratification, at instant: Date, _ f: F) async throws {
        try await f.database.transaction { connection in
            try await ThresholdDecisionStore(database: f.database).ratifyLatest(
                of: referralId, ratification, actor: f.manager, at: instant, on: connection)
        }
    }

    func decisions(_ referralId: UUID, _ f: F) async throws -> [StoredDecision] {
        try #require(try await ReferralStore(database: f.database).find(id: referralId)).decisions
    }

    @Test func ofTwoUnratifiedDecisionsOnlyTheLaterIsRatified() async throws {
        try await F.run { f in
            let referral = try await f.referral(try F.c1())
            try await decide([Self.first, Self.second], on: referral, f)
            let at = F.now.addingTimeInterval(600)
            try await ratifyLatest(of: referral, Ratification(verdict: .ratified, note: "Agreed."), at: at, f)
            let stored = try await decisions(referral, f)
            try #require(stored.count == 2)
            #expect(stored[0].decision == Self.first)
            #expect(stored[0].ratification == nil)
            #expect(stored[0].ratifiedBy == nil)
            #expect(stored[0].ratifiedAt == nil)
            #expect(stored[1].decision == Self.second)
            #expect(stored[1].ratification == Ratification(verdict: .ratified, note: "Agreed."))
            #expect(stored[1].ratifiedBy == "manager")
            #expect(stored[1].ratifiedAt == at)
        }
    }

    @Test func aLaterDecisionAlreadyRatifiedIsPassedOver() async throws {
        try await F.run { f in
            let referral = try await f.referral(try F.c1())
            try await decide([Self.first, Self.second], on: referral, f)
            let firstVerdict = F.now.addingTimeInterval(600)
            try await ratifyLatest(of: referral, Ratification(verdict: .overturned, note: "Speak to the school first."), at: firstVerdict, f)
            // The later decision has its verdict: the next goes on the earlier one, and the later keeps its own.
            let secondVerdict = F.now.addingTimeInterval(1200)
            try await ratifyLatest(of: referral, Ratification(verdict: .ratified), at: secondVerdict, f)
            let stored = try await decisions(referral, f)
            try #require(stored.count == 2)
            #expect(stored[0].decision == Self.first)
            #expect(stored[0].ratification == Ratification(verdict: .ratified))
            #expect(stored[0].ratifiedAt == secondVerdict)
            #expect(stored[1].decision == Self.second)
            #expect(stored[1].ratification == Ratification(verdict: .overturned, note: "Speak to the school first."))
            #expect(stored[1].ratifiedAt == firstVerdict)
        }
    }

    @Test func anotherReferralsDecisionIsLeftAlone() async throws {
        try await F.run { f in
            let referral = try await f.referral(try F.c1())
            let other = try await f.referral(try F.c1(receivedAt: F.now.addingTimeInterval(-300)))
            try await decide([Self.first], on: referral, f)
            // The other referral's decision is the later one of the two.
            let store = ThresholdDecisionStore(database: f.database)
            try await f.database.transaction { connection in
                try await store.insert(Self.second, referralId: other, actor: f.triage, at: F.now.addingTimeInterval(300), on: connection)
            }
            try await ratifyLatest(of: referral, Ratification(verdict: .ratified), at: F.now.addingTimeInterval(600), f)
            let mine = try await decisions(referral, f)
            let theirs = try await decisions(other, f)
            try #require(mine.count == 1)
            try #require(theirs.count == 1)
            #expect(mine[0].ratification == Ratification(verdict: .ratified))
            #expect(theirs[0].ratification == nil)
            #expect(theirs[0].ratifiedBy == nil)
        }
    }
}
