import Foundation
import HubServer

/// A referral as the API takes it, typed: build one from `c1`, `ppn` or `a1`, change what a test needs, and send
/// `body` (the JSON object the API reads).
public struct ReferralFixture: Sendable {
    public struct Referrer: Sendable {
        public var name: String
        public var role: String
        public var agency: String
        public var phone: String

        public init(name: String, role: String, agency: String, phone: String) {
            self.name = name
            self.role = role
            self.agency = agency
            self.phone = phone
        }
    }

    public struct Address: Sendable {
        public var lines: [String]
        public var town: String
        public var postcode: String

        public init(lines: [String], town: String, postcode: String) {
            self.lines = lines
            self.town = town
            self.postcode = postcode
        }
    }

    public struct Subject: Sendable {
        public var role: String
        public var forename: String
        public var surname: String
        public var dateOfBirth: String
        public var gender: String
        /// Left out of the body when nil.
        public var nhsNumber: String?
        /// Left out of the body when nil.
        public var address: Address?

        public init(
            role: String, forename: String, surname: String, dateOfBirth: String, gender: String, nhsNumber: String? = nil,
            address: Address? = nil
        ) {
            self.role = role
            self.forename = forename
            self.surname = surname
            self.dateOfBirth = dateOfBirth
            self.gender = gender
            self.nhsNumber = nhsNumber
            self.address = address
        }
    }

    public struct Concern: Sendable {
        public var categories: [String]
        public var summary: String
        public var immediateRisk: Bool

        public init(categories: [String], summary: String, immediateRisk: Bool) {
            self.categories = categories
            self.summary = summary
            self.immediateRisk = immediateRisk
        }
    }

    public struct Consent: Sendable {
        public var status: String
        /// Left out of the body when nil.
        public var reason: String?

        public init(status: String, reason: String? = nil) {
            self.status = status
            self.reason = reason
        }
    }

    public var form: String
    public var receivedAt: Date
    public var channel: String
    public var localAuthority: String
    public var referrer: Referrer
    public var subjects: [Subject]
    public var concern: Concern
    public var consent: Consent
    /// Left out of the body when nil.
    public var dashScore: Int?

    public init(
        form: String, receivedAt: Date, channel: String, localAuthority: String, referrer: Referrer, subjects: [Subject],
        concern: Concern, consent: Consent, dashScore: Int? = nil
    ) {
        self.form = form
        self.receivedAt = receivedAt
        self.channel = channel
        self.localAuthority = localAuthority
        self.referrer = referrer
        self.subjects = subjects
        self.concern = concern
        self.consent = consent
        self.dashScore = dashScore
    }

    /// The request body: the JSON object `POST /api/v1/referrals` reads.
    public var body: [String: Any] {
        var body: [String: Any] = [
            "form": form, "receivedAt": WorkflowFixtures.instant(receivedAt), "channel": channel, "localAuthority": localAuthority,
            "referrer": ["name": referrer.name, "role": referrer.role, "agency": referrer.agency, "phone": referrer.phone],
            "subjects": subjects.map(\.body),
            "concern": ["categories": concern.categories, "summary": concern.summary, "immediateRisk": concern.immediateRisk],
            "consent": consent.body,
        ]
        if let dashScore { body["dashScore"] = dashScore }
        return body
    }

    // MARK: the fictional Piphire referrals

    /// A health visitor (as referrers of C1s and A1s are).
    public static let healthVisitor = Referrer(name: "Morwen Ellis", role: "Health visitor", agency: "piphire_uhb", phone: "01632 960123")

    /// 1 Stoops Fold, Down Park, PIP Town.
    public static let stoopsFold = Address(lines: ["1 Stoops Fold", "Down Park"], town: "PIP Town", postcode: "PP2 5GN")

    /// A C1 about Ceri Peters (a child) and her mother Shira, by phone.
    public static func c1(
        receivedAt: Date, childForename: String = "Ceri", childDateOfBirth: String = "2016-04-02", nhsNumber: String = "943 476 5919"
    ) -> ReferralFixture {
        ReferralFixture(
            form: "c1", receivedAt: receivedAt, channel: "phone", localAuthority: "PIP Town Council", referrer: healthVisitor,
            subjects: [
                Subject(role: "child", forename: childForename, surname: "Peters", dateOfBirth: childDateOfBirth, gender: "female",
                        nhsNumber: nhsNumber, address: stoopsFold),
                Subject(role: "parent_carer", forename: "Shira", surname: "Peters", dateOfBirth: "1990-07-21", gender: "female",
                        address: stoopsFold),
            ],
            concern: Concern(categories: ["neglect"], summary: "Ceri came to clinic hungry and unwashed, third time this month.",
                             immediateRisk: false),
            consent: Consent(status: "obtained"))
    }

    /// A police notification of a domestic incident (Alys Morgan, victim; Rhys Morgan) with a DASH score.
    public static func ppn(receivedAt: Date, dashScore: Int) -> ReferralFixture {
        ReferralFixture(
            form: "ppn", receivedAt: receivedAt, channel: "police_notification", localAuthority: "PIP Town Council",
            referrer: Referrer(name: "PC Dylan Price", role: "Response officer", agency: "piphire_police", phone: "01632 960999"),
            subjects: [
                Subject(role: "victim", forename: "Alys", surname: "Morgan", dateOfBirth: "1994-02-11", gender: "female", address: stoopsFold),
                Subject(role: "alleged_person_causing_harm", forename: "Rhys", surname: "Morgan", dateOfBirth: "1992-09-30", gender: "male"),
            ],
            concern: Concern(categories: ["domestic_abuse"], summary: "Call-out to a domestic incident; victim injured.", immediateRisk: true),
            consent: Consent(status: "not_sought", reason: "Police notification under the duty to share."),
            dashScore: dashScore)
    }

    /// An A1 about Gwilym Rees (an adult at risk), by email.
    public static func a1(receivedAt: Date) -> ReferralFixture {
        ReferralFixture(
            form: "a1", receivedAt: receivedAt, channel: "email", localAuthority: "PIP Town Council", referrer: healthVisitor,
            subjects: [
                Subject(role: "adult_at_risk", forename: "Gwilym", surname: "Rees", dateOfBirth: "1941-11-02", gender: "male",
                        nhsNumber: "401 023 2137", address: stoopsFold),
            ],
            concern: Concern(categories: ["financial"], summary: "Neighbour worried that a new lodger takes Gwilym's pension.",
                             immediateRisk: false),
            consent: Consent(status: "obtained"))
    }
}

extension ReferralFixture.Subject {
    var body: [String: Any] {
        var body: [String: Any] = ["role": role, "forename": forename, "surname": surname, "dateOfBirth": dateOfBirth, "gender": gender]
        if let nhsNumber { body["nhsNumber"] = nhsNumber }
        if let address {
            body["addressLines"] = address.lines
            body["town"] = address.town
            body["postcode"] = address.postcode
        }
        return body
    }
}

extension ReferralFixture.Consent {
    var body: [String: Any] {
        var body: [String: Any] = ["status": status]
        if let reason { body["reason"] = reason }
        return body
    }
}

/// Request bodies for fictional Piphire referrals: `ReferralFixture`'s, as JSON objects.
public enum WorkflowFixtures {
    public static func instant(_ date: Date) -> String { HubDateFormat.string(from: date) }

    public static func c1(receivedAt: Date, childDateOfBirth: String = "2016-04-02", nhsNumber: String = "943 476 5919") -> [String: Any] {
        ReferralFixture.c1(receivedAt: receivedAt, childDateOfBirth: childDateOfBirth, nhsNumber: nhsNumber).body
    }

    public static func ppn(receivedAt: Date, dashScore: Int) -> [String: Any] {
        ReferralFixture.ppn(receivedAt: receivedAt, dashScore: dashScore).body
    }

    public static func a1(receivedAt: Date) -> [String: Any] {
        ReferralFixture.a1(receivedAt: receivedAt).body
    }
}
