import Foundation
import HubServer

/// Request bodies for fictional Piphire referrals.
public enum WorkflowFixtures {
    public static func instant(_ date: Date) -> String { HubDateFormat.string(from: date) }

    static func referrer() -> [String: Any] {
        ["name": "Morwen Ellis", "role": "Health visitor", "agency": "piphire_uhb", "phone": "01632 960123"]
    }

    static func address() -> [String: Any] {
        ["addressLines": ["1 Stoops Fold", "Down Park"], "town": "PIP Town", "postcode": "PP2 5GN"]
    }

    public static func c1(receivedAt: Date, childDateOfBirth: String = "2016-04-02", nhsNumber: String = "943 476 5919") -> [String: Any] {
        [
            "form": "c1", "receivedAt": instant(receivedAt), "channel": "phone", "localAuthority": "PIP Town Council",
            "referrer": referrer(),
            "subjects": [
                ["role": "child", "forename": "Ceri", "surname": "Peters", "dateOfBirth": childDateOfBirth, "gender": "female",
                 "nhsNumber": nhsNumber].merging(address()) { a, _ in a },
                ["role": "parent_carer", "forename": "Shira", "surname": "Peters", "dateOfBirth": "1990-07-21", "gender": "female"]
                    .merging(address()) { a, _ in a },
            ],
            "concern": ["categories": ["neglect"], "summary": "Ceri came to clinic hungry and unwashed, third time this month.", "immediateRisk": false],
            "consent": ["status": "obtained"],
        ]
    }

    public static func ppn(receivedAt: Date, dashScore: Int) -> [String: Any] {
        [
            "form": "ppn", "receivedAt": instant(receivedAt), "channel": "police_notification", "localAuthority": "PIP Town Council",
            "referrer": ["name": "PC Dylan Price", "role": "Response officer", "agency": "piphire_police", "phone": "01632 960999"],
            "subjects": [
                ["role": "victim", "forename": "Alys", "surname": "Morgan", "dateOfBirth": "1994-02-11", "gender": "female"]
                    .merging(address()) { a, _ in a },
                ["role": "alleged_person_causing_harm", "forename": "Rhys", "surname": "Morgan", "dateOfBirth": "1992-09-30", "gender": "male"],
            ],
            "concern": ["categories": ["domestic_abuse"], "summary": "Call-out to a domestic incident; victim injured.", "immediateRisk": true],
            "consent": ["status": "not_sought", "reason": "Police notification under the duty to share."],
            "dashScore": dashScore,
        ]
    }

    public static func a1(receivedAt: Date) -> [String: Any] {
        [
            "form": "a1", "receivedAt": instant(receivedAt), "channel": "email", "localAuthority": "PIP Town Council",
            "referrer": referrer(),
            "subjects": [
                ["role": "adult_at_risk", "forename": "Gwilym", "surname": "Rees", "dateOfBirth": "1941-11-02", "gender": "male",
                 "nhsNumber": "401 023 2137"].merging(address()) { a, _ in a },
            ],
            "concern": ["categories": ["financial"], "summary": "Neighbour worried that a new lodger takes Gwilym's pension.", "immediateRisk": false],
            "consent": ["status": "obtained"],
        ]
    }
}
