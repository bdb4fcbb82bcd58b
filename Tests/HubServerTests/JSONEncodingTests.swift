import Foundation
import Testing
@testable import HubServer

@Suite("Response JSON")
struct JSONEncodingTests {
    struct Sample: Encodable {
        let id: UUID
        let incidentId: UUID
        let note: String
        let nested: Nested
        struct Nested: Encodable { let id: UUID; let referralId: UUID? }
    }

    @Test func identifiersAreLowerCaseAndOtherTextIsUntouched() throws {
        let upper = UUID(uuidString: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F")!
        let sample = Sample(id: upper, incidentId: upper, note: "E621E1F8-C36C-495A-93FC-0C247A3E6E5F",
                            nested: .init(id: upper, referralId: nil))
        let text = String(decoding: try HubJSONEncoder.encode(sample), as: UTF8.self)
        #expect(text.contains(#""id":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f""#))
        #expect(text.contains(#""incidentId":"e621e1f8-c36c-495a-93fc-0c247a3e6e5f""#))
        #expect(text.contains(#""note":"E621E1F8-C36C-495A-93FC-0C247A3E6E5F""#))  // free text keeps its case
        #expect(text.contains(#""nested":{"id":"e621e1f8"#))
        // Keys stay sorted.
        #expect(text.hasPrefix(#"{"id":"#))
    }
}
