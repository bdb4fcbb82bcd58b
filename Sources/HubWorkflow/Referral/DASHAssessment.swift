/// A DASH (Domestic Abuse, Stalking and Harassment) risk checklist: 27 yes/no questions whose count
/// of "yes" answers gives the score and the risk level. Recorded either as the answers or, when only
/// the total is known, as the score.
public struct DASHAssessment: Sendable, Hashable, Codable {
    /// The number of questions on the checklist.
    public static let questionCount = 27

    /// Number of "yes" answers, 0…27.
    public let score: Int
    /// The 27 answers in checklist order, when the referrer gave them.
    public let answers: [Bool]?

    /// Standard, medium or high from the score.
    public var riskLevel: DASHRiskLevel { DASHRiskLevel(score: score) }

    /// Nil unless `score` is 0…27.
    public init?(score: Int) {
        guard (0...DASHAssessment.questionCount).contains(score) else { return nil }
        self.score = score
        self.answers = nil
    }

    /// Nil unless there are exactly 27 answers.
    public init?(answers: [Bool]) {
        guard answers.count == DASHAssessment.questionCount else { return nil }
        self.score = answers.filter { $0 }.count
        self.answers = answers
    }

    /// Checks a score and/or answers as a client sent them (either may be absent; when both are
    /// given they must agree), naming issues by `scoreField` and `answersField`.
    static func assess(
        score: Int?, answers: [Bool]?, scoreField: String, answersField: String
    ) -> (assessment: DASHAssessment?, issues: [ValidationIssue]) {
        var issues: [ValidationIssue] = []
        var fromScore: DASHAssessment?
        var fromAnswers: DASHAssessment?
        if let score {
            fromScore = DASHAssessment(score: score)
            if fromScore == nil {
                issues.append(ValidationIssue(
                    field: scoreField, message: "DASH score must be between 0 and \(questionCount)"))
            }
        }
        if let answers {
            fromAnswers = DASHAssessment(answers: answers)
            if fromAnswers == nil {
                issues.append(ValidationIssue(
                    field: answersField,
                    message: "DASH answers must be \(questionCount) yes/no values, got \(answers.count)"))
            }
        }
        if let fromScore, let fromAnswers, fromScore.score != fromAnswers.score {
            issues.append(ValidationIssue(
                field: scoreField,
                message: "DASH score \(fromScore.score) does not match the \(fromAnswers.score) yes answers given"))
        }
        guard issues.isEmpty else { return (nil, issues) }
        return (fromAnswers ?? fromScore, [])
    }

    private enum CodingKeys: String, CodingKey {
        case score, answers, riskLevel
    }

    /// Decodes `{"score": 15}` or `{"answers": [...]}` (or both, agreeing); `riskLevel` is derived
    /// and ignored on input.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let result = DASHAssessment.assess(
            score: try container.decodeIfPresent(Int.self, forKey: .score),
            answers: try container.decodeIfPresent([Bool].self, forKey: .answers),
            scoreField: "score", answersField: "answers")
        guard let assessment = result.assessment else {
            let reason = result.issues.isEmpty ? "a DASH score or answers are required"
                : result.issues.map(\.message).joined(separator: "; ")
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: reason))
        }
        self = assessment
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(score, forKey: .score)
        try container.encodeIfPresent(answers, forKey: .answers)
        try container.encode(riskLevel, forKey: .riskLevel)
    }
}
