import Foundation
import HubWorkflow

/// Referrals about the demo's people: a C1 about a child and a parent, an A1 about an older adult, a PPN or MARAC
/// about a woman and a man of one household, each from a plausible referrer with a short, fictional account.
enum DemoReferrals {
    static let localAuthority = "PIP Town Council"

    static func draft(population: DemoPopulation, received: Date, dice: inout DemoActivity.Dice) -> ReferralDraft? {
        let day = CalendarDate(received, in: .london)
        let roll = dice.unit()
        let form: ReferralForm = roll < 0.6 ? .c1 : roll < 0.8 ? .a1 : roll < 0.95 ? .ppn : .marac
        for _ in 0..<40 {
            let person = dice.pick(population.people)
            guard let age = person.age(on: day) else { continue }
            let household = population.households[person.household] ?? [person]
            switch form {
            case .c1:
                guard age < 17, age >= 0 else { continue }
                let adult = household.first { ($0.age(on: day) ?? 0) >= 20 }
                return c1(child: person, parent: adult, received: received, dice: &dice)
            case .a1:
                guard age >= 65 else { continue }
                return a1(adult: person, received: received, dice: &dice)
            case .ppn, .marac:
                guard person.gender == .female, (18...60).contains(age),
                      let partner = household.first(where: { $0.gender == .male && ($0.age(on: day) ?? 0) >= 18 }) else { continue }
                return domesticAbuse(form, victim: person, partner: partner, received: received, dice: &dice)
            }
        }
        return nil
    }

    static func subject(_ person: DemoPopulation.Person, role: SubjectRole) -> SubjectDraft {
        SubjectDraft(
            role: role, forename: person.forename, surname: person.surname, dateOfBirth: person.dateOfBirth?.iso8601, gender: person.gender,
            nhsNumber: person.nhsNumber, addressLines: [person.addressLine1] + (person.addressLine2.map { [$0] } ?? []), town: person.town,
            postcode: person.postcode)
    }

    static func c1(child: DemoPopulation.Person, parent: DemoPopulation.Person?, received: Date, dice: inout DemoActivity.Dice) -> ReferralDraft {
        let referrers = [
            Referrer(name: "Owen Parry", role: "Designated safeguarding lead", agency: "pip_education", phone: "01632 960210"),
            Referrer(name: "Morwen Ellis", role: "Health visitor", agency: "piphire_uhb", phone: "01632 960123"),
            Referrer(name: "PC Dylan Price", role: "Response officer", agency: "piphire_police", phone: "01632 960999"),
            Referrer(name: "A neighbour", phone: "01632 960777"),
        ]
        let concerns: [(ConcernCategory, String)] = [
            (.neglect, "\(child.forename) has come to school hungry and in the same clothes all week; lunch money is often missing."),
            (.emotional, "\(child.forename) told a teacher they are frightened to go home when there has been shouting."),
            (.physical, "Bruising seen on \(child.forename)'s arm; the explanation given does not fit the injury."),
            (.neglect, "Missed health appointments for \(child.forename) three times; the home was cold and without food at the last visit."),
            (.exploitation, "\(child.forename) has been seen with older young people late at night and has new, unexplained phones."),
        ]
        let (category, summary) = dice.pick(concerns)
        var subjects = [subject(child, role: .child)]
        if let parent { subjects.append(subject(parent, role: .parentCarer)) }
        return ReferralDraft(
            form: .c1, referrer: dice.pick(referrers), receivedAt: received, channel: dice.pick([.phone, .email, .onlineForm]), subjects: subjects,
            concern: Concern(categories: [category], summary: summary, immediateRisk: dice.chance(0.1)),
            consent: dice.chance(0.7) ? Consent(status: .obtained) : Consent(status: .notSought, reason: "Asking could place the child at greater risk."),
            localAuthority: localAuthority)
    }

    static func a1(adult: DemoPopulation.Person, received: Date, dice: inout DemoActivity.Dice) -> ReferralDraft {
        let concerns: [(ConcernCategory, String)] = [
            (.financial, "A new lodger collects \(adult.forename)'s pension and \(adult.forename) has had no food in the house."),
            (.selfNeglect, "\(adult.forename) is not eating, the home is unheated and post has piled up for weeks."),
            (.physical, "Carers found unexplained bruises on \(adult.forename)'s arms during the morning call."),
        ]
        let (category, summary) = dice.pick(concerns)
        return ReferralDraft(
            form: .a1, referrer: Referrer(name: "Dr Huw Rees", role: "General practitioner", agency: "piphire_uhb", phone: "01632 960020"),
            receivedAt: received, channel: dice.pick([.phone, .email]), subjects: [subject(adult, role: .adultAtRisk)],
            concern: Concern(categories: [category], summary: summary, immediateRisk: false), consent: Consent(status: .obtained),
            localAuthority: localAuthority)
    }

    static func domesticAbuse(
        _ form: ReferralForm, victim: DemoPopulation.Person, partner: DemoPopulation.Person, received: Date, dice: inout DemoActivity.Dice
    ) -> ReferralDraft {
        ReferralDraft(
            form: form,
            referrer: form == .ppn
                ? Referrer(name: "PC Sian Lewis", role: "Domestic abuse officer", agency: "piphire_police", phone: "01632 960998")
                : Referrer(name: "Rhian Jenkins", role: "Independent domestic violence adviser", agency: "piphire_marac", phone: "01632 960440"),
            receivedAt: received, channel: form == .ppn ? .policeNotification : .email,
            subjects: [subject(victim, role: .victim), subject(partner, role: .allegedPersonCausingHarm)],
            concern: Concern(categories: [.domesticAbuse],
                             summary: "Police called to the address after a reported assault; \(victim.forename) has injuries and says it has happened before.",
                             immediateRisk: dice.chance(0.3)),
            consent: Consent(status: .notSought, reason: "Police notification under the duty to share."), localAuthority: localAuthority,
            dashScore: form == .marac ? dice.int(14...24) : dice.int(4...20))
    }
}
