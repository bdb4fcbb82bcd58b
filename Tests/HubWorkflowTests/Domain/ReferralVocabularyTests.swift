import Testing
@testable import HubWorkflow

@Suite("Referral vocabulary")
struct ReferralVocabularyTests {
    @Test("raw values are stable for the database and the API")
    func rawValues() {
        #expect(ReferralForm.allCases.map(\.rawValue) == ["c1", "a1", "ppn", "marac"])
        #expect(SafeguardingService.allCases.map(\.rawValue) == ["children", "adults"])
        #expect(ReferralChannel.allCases.map(\.rawValue) == [
            "phone", "email", "online_form", "in_person", "police_notification", "letter", "other", "strategy_outcome",
        ])
        #expect(SubjectRole.allCases.map(\.rawValue) == [
            "child", "adult_at_risk", "victim", "alleged_person_causing_harm", "parent_carer", "household_member", "unborn",
        ])
        #expect(Gender.allCases.map(\.rawValue) == ["female", "male", "other", "unknown"])
        #expect(ConcernCategory.allCases.map(\.rawValue) == [
            "neglect", "physical", "sexual", "emotional", "financial", "domestic_abuse", "exploitation", "self_neglect",
            "modern_slavery", "radicalisation", "institutional", "other",
        ])
        #expect(ConsentStatus.allCases.map(\.rawValue) == ["obtained", "not_obtained", "not_sought"])
        #expect(DASHRiskLevel.allCases.map(\.rawValue) == ["standard", "medium", "high"])
        #expect(RatificationVerdict.allCases.map(\.rawValue) == ["ratified", "overturned"])
    }

    @Test("only children and unborn children make a domestic abuse referral a children's matter")
    func childRoles() {
        #expect(SubjectRole.allCases.filter(\.isChild) == [.child, .unborn])
    }

    @Test("DASH belongs to the domestic abuse forms")
    func domesticAbuseForms() {
        #expect(ReferralForm.allCases.filter(\.acceptsDASH) == [.ppn, .marac])
    }
}
