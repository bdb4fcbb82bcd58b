import Foundation
import HubWorkflow
import Testing

@Suite("Acknowledging a referral, and who lists the referrals they made")
struct ReferralAcknowledgementTests {
    @Test func theNextStepIsKeyedByForm() {
        #expect(ReferralForm.allCases.map { ReferralNextStep(form: $0) }
            == [.childrenThresholdDecision, .adultThresholdDecision, .domesticAbuseTriage, .maracPreparation])
        let received = Date(timeIntervalSince1970: 1_796_000_000)
        let acknowledgement = ReferralAcknowledgement(reference: "R-000042", form: .a1, receivedAt: received,
                                                      acknowledgedAt: received.addingTimeInterval(60))
        #expect(acknowledgement.nextStep == .adultThresholdDecision)
        #expect(acknowledgement.whatHappensNext
            == "Adult services in the MASH will decide whether the concern about an adult at risk meets the threshold for multi-agency information sharing.")
    }

    @Test func partnersAndTheMASHMakeReferralsAndListTheirOwnButNotTheBoardOrAdministrators() {
        let making = Role.allCases.filter { Permission.makeReferrals.isGranted(to: $0) }
        let listing = Role.allCases.filter { Permission.readReferralsMade.isGranted(to: $0) }
        #expect(making == [.mashTriage, .mashManager, .partnerResponder])
        #expect(listing == [.mashTriage, .mashManager, .partnerResponder])
        // Making a referral does not let a partner read the MASH's referrals or decide them.
        #expect(!Permission.readReferrals.isGranted(to: .partnerResponder))
        #expect(!Permission.writeReferrals.isGranted(to: .partnerResponder))
    }
}
