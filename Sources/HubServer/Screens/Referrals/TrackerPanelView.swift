import Foundation
import HubData
import HubTracker
import HubWorkflow

/// The tracker panel on the referral screen: for each subject, the persons the tracker holds that match strongly
/// enough, why they match, who else knows them and their household, their activity and alerts.
struct TrackerPanelView: Sendable {
    struct Reason: Sendable {
        let field: String
        let agreement: String
        let kind: String
    }

    struct Agency: Sendable {
        let name: String
        let activity: String
        let contact: String
    }

    struct Member: Sendable {
        let name: String
        let detail: String
    }

    struct Alert: Sendable {
        let title: String
        let detail: String
    }

    struct Candidate: Sendable {
        let heading: String
        let strength: String
        let strengthKind: String
        let reasons: [Reason]
        let details: [ReferralPageView.Row]
        let agencies: [Agency]
        let hasAgencies: Bool
        let household: [Member]
        let hasHousehold: Bool
        let alerts: [Alert]
        let hasAlerts: Bool
        let chart: String
        let personHref: String
    }

    struct Subject: Sendable {
        let heading: String
        let candidates: [Candidate]
        let hasCandidates: Bool
        let notes: [String]
    }

    let canSearch: Bool
    let showPanel: Bool
    let purposeField: FormField
    let subjects: [Subject]

    init(
        t: MessageCatalogue, time: ScreenTime, panel: ReadTrackerPanel.Panel?, purposeStated: Bool, canSearch: Bool, reference: String,
        purposeValue: String?, purposeError: String?
    ) {
        self.canSearch = canSearch
        showPanel = canSearch && purposeStated && panel != nil
        purposeField = FormField(
            .text, name: "purpose", label: t["panel.purpose"], hint: t["panel.purpose_hint"],
            value: purposeValue ?? t.format("panel.purpose_default", ["reference": reference]), error: purposeError)
        subjects = (panel?.subjects ?? []).map { Self.subject($0, t: t, time: time, agencies: panel?.sourceAgencies ?? [:]) }
    }

    static func subject(_ panel: ReadTrackerPanel.SubjectPanel, t: MessageCatalogue, time: ScreenTime, agencies: [String: String]) -> Subject {
        let subject = panel.subject
        let name = [subject.forename, subject.surname].filter { !$0.isEmpty }.joined(separator: " ")
        var notes: [String] = []
        if panel.candidates.isEmpty { notes.append(t["panel.none"]) }
        if panel.moreCandidates > 0 { notes.append(t.format("panel.more", count: panel.moreCandidates, [:])) }
        if panel.weakerCandidates > 0 { notes.append(t.format("panel.weaker", count: panel.weakerCandidates, [:])) }
        return Subject(
            heading: t.format("referral.subject_heading", ["name": name.isEmpty ? t["referral.unnamed"] : name,
                                                           "role": t.label("subject_role", subject.role.rawValue)]),
            candidates: panel.candidates.map { candidate(subject: name, $0, t: t, time: time, agencies: agencies) },
            hasCandidates: !panel.candidates.isEmpty, notes: notes)
    }

    static func candidate(subject: String, _ candidate: ReadTrackerPanel.Candidate, t: MessageCatalogue, time: ScreenTime, agencies: [String: String])
        -> Candidate {
        let record = candidate.record
        let name = [record.forename, record.surname].compactMap { $0 }.joined(separator: " ")
        var details: [ReferralPageView.Row] = []
        if let born = record.dateOfBirth, let date = CalendarDate(born) { details.append(.init(label: t["referral.date_of_birth"], value: time.date(date))) }
        if let nhs = record.nhsNumber, let number = NHSNumber(nhs) { details.append(.init(label: t["referral.nhs_number"], value: number.formatted)) }
        let address = [record.addressLine1, record.addressLine2, record.town, record.postcode].compactMap { $0 }.joined(separator: ", ")
        if !address.isEmpty { details.append(.init(label: t["referral.address"], value: address)) }
        if !record.aliases.isEmpty { details.append(.init(label: t["referral.aliases"], value: record.aliases.joined(separator: ", "))) }
        let person = candidate.person
        let agencyRows = (person?.agencies ?? []).map { activity -> Agency in
            let latest = activity.events.first
            let contact = activity.events.first { $0.leadProfessionalName != nil || $0.leadProfessionalPhone != nil || $0.leadProfessionalEmail != nil }
            return Agency(
                name: agencies[activity.sourceSystem].map { "\($0) (\(activity.sourceSystem))" } ?? activity.sourceSystem,
                activity: t.format("panel.activity", count: activity.interactions, [
                    "last": latest.map { Self.eventLabel($0, t: t, time: time) } ?? "–",
                ]),
                contact: contact.map { [$0.leadProfessionalName, $0.leadProfessionalPhone, $0.leadProfessionalEmail].compactMap { $0 }
                    .joined(separator: " · ") } ?? t["panel.no_contact"])
        }
        let household = candidate.household.map { member -> Member in
            let identity = member.identities.first { $0.surname != nil } ?? member.identities.first
            let memberName = [identity?.forename, identity?.surname].compactMap { $0 }.joined(separator: " ")
            let born = identity?.dateOfBirth.flatMap(CalendarDate.init).map(time.date) ?? t["panel.born_unknown"]
            let sources = Set(member.interactions.map { agencies[$0.sourceSystem] ?? $0.sourceSystem }).sorted()
            return Member(name: memberName.isEmpty ? t["referral.unnamed"] : memberName,
                          detail: t.format("panel.member", count: member.interactions.count, ["born": born,
                                                            "agencies": sources.isEmpty ? "–" : sources.joined(separator: ", ")]))
        }
        let alerts = candidate.alerts.map { alert in
            // A rule's words are data (an administrator writes them in English); the screens show the catalogue's
            // title for the rules Hub ships, and the stored explanation on English pages.
            let raised = t.format("panel.alert_raised", ["date": time.dateTime(alert.raisedAt)])
            return Alert(title: alert.rule.flatMap { t.messages["alert_rule.\($0)"] } ?? alert.title,
                         detail: t.language == .english ? raised + " · " + alert.explanation : raised)
        }
        let months = person?.activityByMonth ?? []
        let chart = BarChart(
            title: t.format("panel.chart_title", ["name": name, "count": String(months.reduce(0) { $0 + $1.interactions })]),
            bars: BarChart.monthly(months.map { ($0.month, $0.interactions) }, since: person?.since ?? "", catalogue: t),
            width: 560, height: 180).svg
        return Candidate(
            heading: name.isEmpty ? t["referral.unnamed"] : name,
            strength: t.label("strength", candidate.match.strength.rawValue), strengthKind: candidate.match.strength.rawValue,
            reasons: candidate.match.reasons.map {
                Reason(field: t.label("match_field", $0.field.rawValue), agreement: t.label("agreement", $0.agreement.rawValue),
                       kind: $0.agreement.rawValue)
            },
            details: details, agencies: agencyRows, hasAgencies: !agencyRows.isEmpty, household: household, hasHousehold: !household.isEmpty,
            alerts: alerts, hasAlerts: !alerts.isEmpty, chart: chart, personHref: "/tracker/persons/\(candidate.personId)")
    }

    static func eventLabel(_ event: TrackerInteraction, t: MessageCatalogue, time: ScreenTime) -> String {
        let day = CalendarDate(event.eventDate).map(time.date) ?? event.eventDate
        return t.format("panel.event", ["what": t.messages["category.\(event.category)"] ?? event.eventType, "date": day])
    }
}
