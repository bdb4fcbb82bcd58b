import Foundation
import Testing
@testable import HubWorkflow

@Suite("The partnership's choice of calendar policy per SLA clock")
struct SLAClockPolicyChoiceTests {
    private let catalog = SLACalendarPolicyCatalog.standard()
    private let hour = SLAFixtures.hour

    @Test("the default counts every clock continuously, 24/7, as the fixed policy did")
    func defaultIsContinuous() {
        let set = SLAClockPolicies.continuous.applied(to: .standard)
        #expect(set == SLAPolicySet.standard)
        #expect(SLAClockPolicies.continuous.choice
            == SLAClockPolicyChoice(red: "continuous", amber: "continuous", green: "continuous", strategyDiscussion: "continuous"))
    }

    @Test("the Cwm Taf practice, the RAG clocks Monday to Friday only, is expressible and keeps the durations")
    func cwmTafPractice() throws {
        let choice = SLAClockPolicyChoice(red: "working-week", amber: "working-week", green: "working-week", strategyDiscussion: "continuous")
        let policies = try choice.resolved(in: catalog)
        #expect(policies.policy(for: .red) == .workingWeek)
        #expect(policies.policy(for: .amber) == .workingWeek)
        #expect(policies.policy(for: .green) == .workingWeek)
        #expect(policies.strategyDiscussion == .continuous)
        let set = policies.applied(to: .standard)
        #expect(set.red == SLATarget(duration: 2 * hour, policy: .workingWeek))
        #expect(set.amber == SLATarget(duration: 24 * hour, policy: .workingWeek))
        #expect(set.green == SLATarget(duration: 72 * hour, policy: .workingWeek))
        #expect(set.strategyDiscussion == SLATarget(duration: 24 * hour, policy: .continuous))
        #expect(set.warningFraction == SLAPolicySet.standard.warningFraction)
        #expect(policies.choice == choice)
        #expect(choice.summary == "red=working-week amber=working-week green=working-week strategyDiscussion=continuous feedback=working-week")
    }

    @Test("a policy the catalog does not offer is refused naming each field")
    func unknownPolicyNamesTheField() {
        let choice = SLAClockPolicyChoice(red: "continuous", amber: "weekends", green: "working-week", strategyDiscussion: "Continuous")
        #expect {
            try choice.resolved(in: catalog)
        } throws: { error in
            let issues = (error as? ValidationFailure)?.issues ?? []
            return issues.map(\.field) == ["amber", "strategyDiscussion"]
                && issues.allSatisfy { $0.message.hasPrefix("must be one of continuous, working-hours, working-week") }
        }
    }

    @Test("every clock must be named")
    func everyClockIsRequired() {
        let json = #"{"red": "continuous", "amber": "continuous", "green": "continuous"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(SLAClockPolicyChoice.self, from: Data(json.utf8)) }
    }
}
