import Foundation
import HubData
import HubWorkflow

/// The intake form as the `referral-new` template draws it: every field with its value, label and problem.
struct ReferralIntakeView: Sendable {
    struct FormKindLink: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    struct SubjectBlock: Sendable {
        let heading: String
        let fields: [FormField]
        let removeLabel: String
        let removeValue: String
        let removable: Bool
    }

    let title: String
    let kinds: [FormKindLink]
    let formKind: String
    let idempotencyKey: String
    let received: [FormField]
    let referrer: [FormField]
    let subjects: [SubjectBlock]
    let concern: [FormField]
    let consent: [FormField]
    let dash: [FormField]
    let hasDash: Bool

    init(t: MessageCatalogue, form: ScreenForm, subjects count: Int, agencies: [Agency], errors: FormErrors) {
        let kind = form["form"].flatMap(ReferralForm.init(rawValue:)) ?? .c1
        title = t.format("intake.title", ["form": t.label("form", kind.rawValue)])
        kinds = ReferralForm.allCases.map {
            FormKindLink(label: t.label("form", $0.rawValue), href: "/referrals/new?form=\($0.rawValue)", current: $0 == kind)
        }
        formKind = kind.rawValue
        idempotencyKey = form["idempotencyKey"] ?? CSRFToken.random()
        func field(_ kind: FormField.Kind, _ name: String, label: String, hint: String? = nil,
                   options: [(value: String, label: String)] = [], autocomplete: String? = nil, width: String = "") -> FormField {
            let selected = kind == .checkboxes ? Set(form.values(name)) : []
            return FormField(kind, name: name, label: t[label], hint: hint.map { t[$0] }, value: form[name], error: errors[name],
                             options: options, selected: selected, autocomplete: autocomplete, width: width)
        }
        func coded<Code: RawRepresentable & CaseIterable>(_ type: Code.Type, _ group: String, blank: Bool = false)
            -> [(value: String, label: String)] where Code.RawValue == String {
            (blank ? [("", t["choose"])] : []) + type.allCases.map { ($0.rawValue, t.label(group, $0.rawValue)) }
        }
        var receivedDate = field(.text, "receivedAt.date", label: "intake.received_date", hint: "hint.date", width: "width-10")
        if let error = errors["receivedAt"] {
            receivedDate = FormField(.text, name: "receivedAt.date", label: t["intake.received_date"], hint: t["hint.date"],
                                     value: form["receivedAt.date"], error: error, width: "width-10")
        }
        let localAuthorities = Array(Set(agencies.compactMap(\.localAuthority))).sorted()
        received = [
            receivedDate,
            field(.text, "receivedAt.time", label: "intake.received_time", hint: "hint.time", width: "width-5"),
            field(.select, "channel", label: "intake.channel",
                  options: [("", t["choose"])] + ReferralChannel.received.map { ($0.rawValue, t.label("channel", $0.rawValue)) }),
            field(.select, "localAuthority", label: "intake.local_authority",
                  options: [("", t["choose"])] + localAuthorities.map { ($0, $0) }),
        ]
        referrer = [
            field(.text, "referrer.name", label: "intake.referrer_name", autocomplete: "off"),
            field(.text, "referrer.role", label: "intake.referrer_role", hint: "hint.referrer_role"),
            field(.select, "referrer.agency", label: "intake.referrer_agency",
                  options: [("", t["intake.member_of_public"])] + agencies.filter(\.active).map { ($0.code, $0.name) }),
            field(.tel, "referrer.phone", label: "intake.referrer_phone", autocomplete: "off", width: "width-20"),
            field(.email, "referrer.email", label: "intake.referrer_email", autocomplete: "off"),
        ]
        subjects = (0..<count).map { index in
            let prefix = "subjects[\(index)]."
            return SubjectBlock(
                heading: t.format("intake.person", ["number": String(index + 1)]),
                fields: [
                    field(.select, prefix + "role", label: "intake.subject_role", options: coded(SubjectRole.self, "subject_role")),
                    field(.text, prefix + "forename", label: "intake.forename", autocomplete: "off"),
                    field(.text, prefix + "surname", label: "intake.surname", autocomplete: "off"),
                    field(.text, prefix + "aliases", label: "intake.aliases", hint: "hint.aliases"),
                    field(.text, prefix + "dateOfBirth", label: "intake.date_of_birth", hint: "hint.date", width: "width-10"),
                    field(.text, prefix + "expectedDateOfBirth", label: "intake.expected_date_of_birth", hint: "hint.expected_date",
                          width: "width-10"),
                    field(.select, prefix + "gender", label: "intake.gender", options: coded(Gender.self, "gender", blank: true)),
                    field(.text, prefix + "nhsNumber", label: "intake.nhs_number", hint: "hint.nhs_number", width: "width-10"),
                    field(.text, prefix + "addressLine1", label: "intake.address_line1"),
                    field(.text, prefix + "addressLine2", label: "intake.address_line2"),
                    field(.text, prefix + "town", label: "intake.town", width: "width-20"),
                    field(.text, prefix + "postcode", label: "intake.postcode", width: "width-10"),
                ],
                removeLabel: t.format("intake.remove_person", ["number": String(index + 1)]), removeValue: "remove-\(index)",
                removable: count > 1)
        }
        concern = [
            field(.checkboxes, "concern.categories", label: "intake.categories", options: coded(ConcernCategory.self, "concern")),
            field(.textarea, "concern.summary", label: "intake.summary", hint: "hint.summary"),
            field(.radios, "concern.immediateRisk", label: "intake.immediate_risk", options: [("yes", t["yes"]), ("no", t["no"])]),
        ]
        consent = [
            field(.radios, "consent.status", label: "intake.consent", options: coded(ConsentStatus.self, "consent")),
            field(.textarea, "consent.reason", label: "intake.consent_reason", hint: "hint.consent_reason"),
        ]
        hasDash = kind == .ppn || kind == .marac
        dash = hasDash ? [field(.number, "dashScore", label: "intake.dash_score", hint: "hint.dash_score", width: "width-5")] : []
    }
}
