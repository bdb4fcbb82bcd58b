import Foundation
import HubTestSupport
import HubWorkflow
import Testing
@testable import HubServer

/// `HubJSONDecoder` refuses unknown fields by noting which keys decoding asked for (no re-encoding on the way in).
@Suite("Strict request decoding")
struct StrictDecodingTests {
    typealias F = WorkflowFixtures

    func body(_ object: [String: Any]) throws -> Data { try JSONSerialization.data(withJSONObject: object) }

    func problem(_ object: [String: Any]) throws -> Problem? {
        do {
            _ = try HubJSONDecoder.decode(ReferralDraft.self, from: try body(object))
            return nil
        } catch let problem as Problem {
            return problem
        }
    }

    @Test func aValidReferralDecodesWithItsDatesAndNestedValues() throws {
        let received = Date(timeIntervalSince1970: 1_790_000_000)
        let draft = try HubJSONDecoder.decode(ReferralDraft.self, from: try body(F.c1(receivedAt: received)))
        #expect(draft.receivedAt == received)
        #expect(draft.subjects.count == 2)
        #expect(draft.subjects[0].addressLines == ["1 Stoops Fold", "Down Park"])
        #expect(draft.subjects[1].nhsNumber == nil)
        #expect(draft.concern.categories.map(\.rawValue) == ["neglect"])
    }

    @Test func unknownFieldsAreNamedAtAnyDepthAndNullOnesAreIgnored() throws {
        var object = F.c1(receivedAt: Date())
        object["colour"] = "blue"
        object["ignoredWhenNull"] = NSNull()
        var subjects = object["subjects"] as! [[String: Any]]
        subjects[1]["nickname"] = "Shi"
        object["subjects"] = subjects
        var referrer = object["referrer"] as! [String: Any]
        referrer["pager"] = "0700"
        object["referrer"] = referrer
        let problem = try #require(try problem(object))
        #expect(problem.kind == "validation")
        #expect(problem.errors.map(\.field) == ["colour", "referrer.pager", "subjects[1].nickname"])
        #expect(problem.errors.allSatisfy { $0.message == "is not a field of this request" })
    }

    @Test func missingMistypedAndMalformedAreReportedAsBefore() throws {
        var missing = F.c1(receivedAt: Date())
        var subjects = missing["subjects"] as! [[String: Any]]
        subjects[0].removeValue(forKey: "surname")
        missing["subjects"] = subjects
        #expect(try problem(missing)?.errors == [.init(field: "subjects[0].surname", message: "is required")])

        var mistyped = F.c1(receivedAt: Date())
        var concern = mistyped["concern"] as! [String: Any]
        concern["categories"] = "neglect"
        mistyped["concern"] = concern
        #expect(try problem(mistyped)?.errors.map(\.field) == ["concern.categories"])

        var badDate = F.c1(receivedAt: Date())
        badDate["receivedAt"] = "yesterday"
        #expect(try problem(badDate)?.errors.map(\.field) == ["receivedAt"])

        var nullSubject = F.c1(receivedAt: Date())
        nullSubject["subjects"] = [NSNull()]
        #expect(try problem(nullSubject)?.errors.first?.message == "must not be null")

        for text in ["{\"form\": ", "nope", ""] {
            do {
                _ = try HubJSONDecoder.decode(ReferralDraft.self, from: Data(text.utf8))
                Issue.record("\(text) was accepted")
            } catch let problem as Problem {
                #expect(problem.kind == "malformed-body")
            }
        }
    }

    /// A type may carry a field it derives and ignores on input; a client echoing it back is not refused.
    struct Derived: Codable {
        let score: Int
        var level: String { score > 10 ? "high" : "low" }
        var tags: [String: String]

        enum CodingKeys: String, CodingKey { case score, level, tags }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            score = try container.decode(Int.self, forKey: .score)
            tags = try container.decode([String: String].self, forKey: .tags)
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(score, forKey: .score)
            try container.encode(level, forKey: .level)
            try container.encode(tags, forKey: .tags)
        }
    }

    @Test func derivedFieldsAndDictionaryKeysAreKnown() throws {
        let echoed = try HubJSONDecoder.decode(Derived.self, from: Data(#"{"score":12,"level":"high","tags":{"a":"1","b":"2"}}"#.utf8))
        #expect(echoed.score == 12)
        #expect(echoed.tags == ["a": "1", "b": "2"])
        #expect(throws: Problem.self) {
            try HubJSONDecoder.decode(Derived.self, from: Data(#"{"score":12,"tags":{},"extra":true}"#.utf8))
        }
    }
}
