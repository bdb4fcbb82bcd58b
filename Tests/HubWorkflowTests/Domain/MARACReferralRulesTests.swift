import Foundation
import HubWorkflow
import Testing
@testable import HubWorkflow

private typealias F = DomainFixtures

/// The pure rules behind a discussion's `marac_referral` outcome: what the raised MARAC referral carries, when a
/// victim's MARAC referral is live, and who is the same victim.
@Suite("MARAC referral rules")
struct MARACReferralRulesTests {
    static let heldAt = F.instant("2025-06-10T09:30:00Z")

    static func discussion(kind: StrategyDiscussionKind = .domesticAbuseDailyDiscussion, heldAt: Date = heldAt) -> StrategyDiscussion {
        StrategyDiscussion(
            kind: kind, heldAt: heldAt, chair: DiscussionParticipant(name: "Eluned Price", agency: "mash"),
            attendees: [DiscussionParticipant(name: "DC Tomos Hughes", agency: "police"), DiscussionParticipant(name: "Nia Evans", agency: "idva")],
            informationConsidered: "DASH 15; two call-outs.", decisions: "Refer to MARAC.", outcome: .maracReferral, actions: [])
    }

    static func victim(
        _ forename: String = "Shira", _ surname: String = "Peters", born: String? = "1990-01-20", nhs: String? = nil
    ) -> VictimIdentity {
        VictimIdentity(forename: forename, surname: surname, dateOfBirth: born.flatMap { CalendarDate($0) }, nhsNumber: nhs.flatMap(NHSNumber.init))
    }

    static func candidate(
        _ id: Int = 1, daysBefore: Double = 3, status: ReferralStatus = .received, incidentState: IncidentState? = nil,
        victims: [VictimIdentity] = [victim()]
    ) -> MARACReferralCandidate {
        MARACReferralCandidate(
            id: UUID(uuidString: String(format: "00000000-0000-0000-0000-%012d", id))!, reference: "R-\(id)",
            receivedAt: heldAt.addingTimeInterval(-daysBefore * 86_400), status: status, incidentState: incidentState, victims: victims)
    }

    // MARK: - Raising

    @Test func theRaisedReferralCarriesTheSubjectsConcernConsentAndDASH() throws {
        let ppn = try F.ppn(dashScore: 15).validated(now: F.now)
        let raised = try MARACReferralRaising.referral(from: ppn, reference: "R-000001", discussion: Self.discussion(), now: F.now)
        #expect(raised.form == .marac)
        #expect(raised.channel == .strategyOutcome)
        #expect(raised.subjects == ppn.subjects)
        #expect(raised.concern == ppn.concern)
        #expect(raised.consent == ppn.consent)
        #expect(raised.localAuthority == ppn.localAuthority)
        #expect(raised.dash == ppn.dash)
        #expect(raised.dash?.score == 15)
        #expect(raised.receivedAt == Self.heldAt)
        #expect(raised.referrer.name == "Eluned Price")
        #expect(raised.referrer.agency == "mash")
        #expect(raised.referrer.role == "Chair of the domestic abuse daily discussion")
    }

    @Test func aDiscussionRecordedAheadOfTheClockIsReceivedNow() throws {
        let ppn = try F.ppn().validated(now: F.now)
        let raised = try MARACReferralRaising.referral(
            from: ppn, reference: "R-000001", discussion: Self.discussion(heldAt: F.now.addingTimeInterval(120)), now: F.now)
        #expect(raised.receivedAt == F.now)
    }

    @Test func aReferralWithoutAVictimOrADASHIsRefusedNamingOutcome() throws {
        let c1 = try F.c1().validated(now: F.now)
        let refused = #expect(throws: ValidationFailure.self) {
            try MARACReferralRaising.referral(from: c1, reference: "R-000001", discussion: Self.discussion(), now: F.now)
        }
        #expect(refused?.issues.map(\.field) == ["outcome"])
    }

    @Test func aReceivedChannelNeverClaimsToBeAnOutcome() throws {
        #expect(!ReferralChannel.received.contains(.strategyOutcome))
        var draft = F.ppn()
        draft.channel = .strategyOutcome
        let refused = #expect(throws: ValidationFailure.self, "a referrer's referral was accepted on the channel only Hub sets") {
            try draft.validated(now: F.now)
        }
        #expect(refused?.issues.map(\.field) == ["channel"])
    }

    // MARK: - Matching

    @Test func theSamePersonByNHSNumberElseByNameAndDateOfBirth() {
        let nhs = DomainFixtures.nhsNumber
        #expect(Self.victim(nhs: nhs).isSamePerson(as: Self.victim("Someone", "Else", born: nil, nhs: nhs)))
        #expect(!Self.victim(nhs: nhs).isSamePerson(as: Self.victim(nhs: DomainFixtures.otherNHSNumber)), "two numbers, two people")
        #expect(Self.victim(" SHIRA ", "peters").isSamePerson(as: Self.victim(nhs: nhs)))
        #expect(!Self.victim(born: "1990-01-21").isSamePerson(as: Self.victim()))
        #expect(!Self.victim(born: nil).isSamePerson(as: Self.victim(born: nil)), "a name alone is not enough")
    }

    @Test func aLiveReferralIsRecentAndNotClosed() {
        let at = Self.heldAt
        #expect(MARACReferralMatching.isLive(Self.candidate(daysBefore: 28), decidedAt: at))
        #expect(!MARACReferralMatching.isLive(Self.candidate(daysBefore: 28.01), decidedAt: at))
        #expect(MARACReferralMatching.isLive(Self.candidate(status: .awaitingRatification), decidedAt: at))
        #expect(MARACReferralMatching.isLive(Self.candidate(status: .thresholdMet, incidentState: .strategy), decidedAt: at))
        #expect(!MARACReferralMatching.isLive(Self.candidate(status: .thresholdMet, incidentState: .closed), decidedAt: at))
        #expect(!MARACReferralMatching.isLive(Self.candidate(status: .closed), decidedAt: at))
        #expect(!MARACReferralMatching.isLive(Self.candidate(status: .ratified), decidedAt: at))
    }

    @Test func theVictimsMostRecentLiveReferralIsChosen() {
        let older = Self.candidate(1, daysBefore: 10)
        let newer = Self.candidate(2, daysBefore: 2)
        let someoneElse = Self.candidate(3, daysBefore: 1, victims: [Self.victim("Bethan", "Hughes")])
        let closed = Self.candidate(4, daysBefore: 1, status: .closed)
        let chosen = MARACReferralMatching.choose(among: [older, newer, someoneElse, closed], for: [Self.victim()], decidedAt: Self.heldAt)
        #expect(chosen?.id == newer.id)
        #expect(MARACReferralMatching.choose(among: [someoneElse, closed], for: [Self.victim()], decidedAt: Self.heldAt) == nil)
    }
}
