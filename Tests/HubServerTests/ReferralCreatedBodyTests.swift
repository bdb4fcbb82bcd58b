import Foundation
import HubTestSupport
import HubWorkflow
import Testing
@testable import HubData
@testable import HubServer

@Suite("The body of a created referral")
struct ReferralCreatedBodyTests {
    typealias F = WorkflowFixtures

    @Test func isTheViewEncodedByteForByte() throws {
        let now = Date()
        let received = now.addingTimeInterval(-1234.5678)
        for fixture in [F.c1(receivedAt: received), F.ppn(receivedAt: received, dashScore: 15), F.a1(receivedAt: received)] {
            let draft = try HubJSONDecoder.decode(ReferralDraft.self, from: try JSONSerialization.data(withJSONObject: fixture))
            let referral = try draft.validated(now: now)
            let stored = StoredReferral(
                id: UUID(), reference: "R-000042", status: .received, version: 1, createdAt: now, createdBy: "triage",
                referral: referral, decisions: [], incidentId: nil, incidentReference: nil, maracOutcomes: [])
            let acknowledgement = ReceiveReferral.acknowledgement(of: stored, now: now)
            let merged = try ReferralCreatedBody.render(stored, acknowledgement: acknowledgement, document: try DocumentCoding.encode(referral))
            var view = ReferralView(stored)
            view.acknowledgement = acknowledgement
            let encoded = try HubJSONEncoder.encode(view)
            #expect(String(decoding: merged, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        }
    }

    @Test func mergesMembersInKeyOrderWhateverTheirValuesHold() throws {
        let first = Array(#"{"a":"x, \"y\" {z}","c":[1,{"k":"]"}],"e":null}"#.utf8)
        let second = Array(#"{"b":{"n":[",",{}]},"d":true,"f":"}"}"#.utf8)
        let merged = try #require(SortedJSONObject.merge(first, second))
        #expect(String(decoding: merged, as: UTF8.self)
            == #"{"a":"x, \"y\" {z}","b":{"n":[",",{}]},"c":[1,{"k":"]"}],"d":true,"e":null,"f":"}"}"#)
        #expect(SortedJSONObject.merge(Array(#"{"a":1}"#.utf8), Array(#"{"a":2}"#.utf8)) == nil)
        #expect(SortedJSONObject.merge(Array("[1]".utf8), Array("{}".utf8)) == nil)
        #expect(SortedJSONObject.merge(Array("{}".utf8), Array(#"{"a":1}"#.utf8)).map { String(decoding: $0, as: UTF8.self) } == #"{"a":1}"#)
    }
}
