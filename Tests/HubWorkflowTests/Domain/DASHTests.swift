import Foundation
import Testing
@testable import HubWorkflow

@Suite("DASH risk assessment")
struct DASHTests {
    @Test("14 or more ticks is high, 10 to 13 medium, fewer standard", arguments: [
        (0, DASHRiskLevel.standard), (9, .standard), (10, .medium), (13, .medium), (14, .high), (27, .high),
    ])
    func levels(score: Int, level: DASHRiskLevel) {
        #expect(DASHRiskLevel(score: score) == level)
        #expect(DASHAssessment(score: score)?.riskLevel == level)
        #expect(DASHAssessment(answers: DomainFixtures.dashAnswers(yes: score))?.riskLevel == level)
    }

    @Test("a score must be 0 to 27")
    func scoreRange() {
        #expect(DASHAssessment(score: -1) == nil)
        #expect(DASHAssessment(score: 28) == nil)
    }

    @Test("answers must number 27")
    func answerCount() {
        #expect(DASHAssessment(answers: Array(repeating: true, count: 26)) == nil)
        #expect(DASHAssessment(answers: Array(repeating: true, count: 28)) == nil)
        #expect(DASHAssessment(answers: DomainFixtures.dashAnswers(yes: 12))?.score == 12)
    }

    @Test("levels order standard < medium < high")
    func ordering() {
        #expect(DASHRiskLevel.standard < .medium && DASHRiskLevel.medium < .high)
    }

    @Test("JSON carries the derived risk level; a bad score fails to decode")
    func json() throws {
        let assessment = try #require(DASHAssessment(score: 14))
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(assessment)) as? [String: Any]
        #expect(object?["score"] as? Int == 14)
        #expect(object?["riskLevel"] as? String == "high")
        #expect(try JSONDecoder().decode(DASHAssessment.self, from: Data(#"{"score":11}"#.utf8)).riskLevel == .medium)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DASHAssessment.self, from: Data(#"{"score":30}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(DASHAssessment.self, from: Data(#"{}"#.utf8))
        }
    }
}
