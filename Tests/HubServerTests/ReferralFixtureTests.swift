import Foundation
import HubTestSupport
import Testing

/// The referral fixtures send exactly the bodies the tests were written against (pinned here as the JSON the test
/// client sends, keys sorted), whatever is done to the builders that make them.
@Suite("Referral fixtures")
struct ReferralFixtureTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_790_000_000)

    static func text(_ body: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    @Test func c1() throws {
        #expect(try Self.text(ReferralFixture.c1(receivedAt: Self.receivedAt).body) == Self.c1Body)
        #expect(try Self.text(WorkflowFixtures.c1(receivedAt: Self.receivedAt)) == Self.c1Body)
    }

    @Test func ppn() throws {
        #expect(try Self.text(ReferralFixture.ppn(receivedAt: Self.receivedAt, dashScore: 15).body) == Self.ppnBody)
        #expect(try Self.text(WorkflowFixtures.ppn(receivedAt: Self.receivedAt, dashScore: 15)) == Self.ppnBody)
    }

    @Test func a1() throws {
        #expect(try Self.text(ReferralFixture.a1(receivedAt: Self.receivedAt).body) == Self.a1Body)
        #expect(try Self.text(WorkflowFixtures.a1(receivedAt: Self.receivedAt)) == Self.a1Body)
    }

    @Test func aTypedChangeChangesOnlyItsField() throws {
        var referral = ReferralFixture.c1(receivedAt: Self.receivedAt)
        referral.referrer.agency = "pip_childrens"
        referral.subjects[0].address?.postcode = "NOT A POSTCODE"
        referral.channel = "email"
        let expected = Self.c1Body
            .replacingOccurrences(of: #""channel":"phone""#, with: #""channel":"email""#)
            .replacingOccurrences(of: #""agency":"piphire_uhb""#, with: #""agency":"pip_childrens""#)
            .replacingOccurrences(of: #""postcode":"PP2 5GN","role":"child""#, with: #""postcode":"NOT A POSTCODE","role":"child""#)
        #expect(try Self.text(referral.body) == expected)
    }

    static let c1Body = #"{"channel":"phone","concern":{"categories":["neglect"],"immediateRisk":false,"summary":"Ceri came to clinic hungry and unwashed, third time this month."},"consent":{"status":"obtained"},"form":"c1","localAuthority":"PIP Town Council","receivedAt":"2026-09-21T14:13:20.000Z","referrer":{"agency":"piphire_uhb","name":"Morwen Ellis","phone":"01632 960123","role":"Health visitor"},"subjects":[{"addressLines":["1 Stoops Fold","Down Park"],"dateOfBirth":"2016-04-02","forename":"Ceri","gender":"female","nhsNumber":"943 476 5919","postcode":"PP2 5GN","role":"child","surname":"Peters","town":"PIP Town"},{"addressLines":["1 Stoops Fold","Down Park"],"dateOfBirth":"1990-07-21","forename":"Shira","gender":"female","postcode":"PP2 5GN","role":"parent_carer","surname":"Peters","town":"PIP Town"}]}"#
    static let ppnBody = #"{"channel":"police_notification","concern":{"categories":["domestic_abuse"],"immediateRisk":true,"summary":"Call-out to a domestic incident; victim injured."},"consent":{"reason":"Police notification under the duty to share.","status":"not_sought"},"dashScore":15,"form":"ppn","localAuthority":"PIP Town Council","receivedAt":"2026-09-21T14:13:20.000Z","referrer":{"agency":"piphire_police","name":"PC Dylan Price","phone":"01632 960999","role":"Response officer"},"subjects":[{"addressLines":["1 Stoops Fold","Down Park"],"dateOfBirth":"1994-02-11","forename":"Alys","gender":"female","postcode":"PP2 5GN","role":"victim","surname":"Morgan","town":"PIP Town"},{"dateOfBirth":"1992-09-30","forename":"Rhys","gender":"male","role":"alleged_person_causing_harm","surname":"Morgan"}]}"#
    static let a1Body = #"{"channel":"email","concern":{"categories":["financial"],"immediateRisk":false,"summary":"Neighbour worried that a new lodger takes Gwilym's pension."},"consent":{"status":"obtained"},"form":"a1","localAuthority":"PIP Town Council","receivedAt":"2026-09-21T14:13:20.000Z","referrer":{"agency":"piphire_uhb","name":"Morwen Ellis","phone":"01632 960123","role":"Health visitor"},"subjects":[{"addressLines":["1 Stoops Fold","Down Park"],"dateOfBirth":"1941-11-02","forename":"Gwilym","gender":"male","nhsNumber":"401 023 2137","postcode":"PP2 5GN","role":"adult_at_risk","surname":"Rees","town":"PIP Town"}]}"#
}
