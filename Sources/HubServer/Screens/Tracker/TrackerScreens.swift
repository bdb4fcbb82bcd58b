import Foundation
import HubData
import HubTracker
import HubWorkflow
import Hummingbird

/// Tracker search and the person view: search by name, partial date of birth, address or postcode, reference ID
/// and NHS number with a stated purpose (the criteria are posted, never put in an address); the person view
/// shows 12 months of interactions by agency with the lead professionals, activity over time, and the household.
/// Every search and view is audited with the purpose.
struct TrackerScreens {
    let kit: ScreenKit

    static let scope = "tracker"
    static let criteria = ["name", "dateOfBirth", "address", "postcode", "referenceId", "nhsNumber"]

    func addRoutes(to router: RouterGroup<HubRequestContext>) {
        router.get("tracker", use: form)
        router.post("tracker", use: search)
        router.get("tracker/persons/:id", use: person)
        router.post("tracker/purpose", use: statePurpose)
    }

    @Sendable func form(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: SearchTracker.self)
        let stated = try await context.sessionTokenHash.asyncMap { try await kit.useCases.statePurpose.stated(scope: Self.scope, session: $0) } ?? nil
        return try page(request, context, caller: caller, form: ScreenForm(fields: [("purpose", stated ?? "")]), hits: nil, errors: .none)
    }

    @Sendable func search(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: SearchTracker.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        let criteria = TrackerSearchCriteria(
            name: form.text("name"), dateOfBirth: form.text("dateOfBirth").map { ReferralFormReading.isoDay($0) ?? $0 },
            address: form.text("address"), postcode: form.text("postcode"), referenceId: form.text("referenceId"), nhsNumber: form.text("nhsNumber"))
        do {
            let hits = try await kit.useCases.searchTracker(criteria, purpose: form.text("purpose"), limit: 20, by: caller)
            if let session = context.sessionTokenHash, let purpose = form.text("purpose") {
                try await kit.useCases.statePurpose(purpose, scope: Self.scope, session: session, by: caller)
            }
            return try page(request, context, caller: caller, form: form, hits: hits, errors: .none)
        } catch let failure as ValidationFailure {
            return try page(request, context, caller: caller, form: form, hits: nil, errors: FormErrors(kit.fieldErrors(failure, context)),
                            status: .unprocessableContent)
        }
    }

    @Sendable func statePurpose(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadTrackerPerson.self)
        let form = try await ScreenForm.read(request, context: context, recorder: kit.recorder)
        guard let session = context.sessionTokenHash else { throw NotSignedIn() }
        let back = ScreenResponse.localPath(form["back"], fallback: "/tracker")
        do {
            try await kit.useCases.statePurpose(form["purpose"] ?? "", scope: Self.scope, session: session, by: caller)
        } catch is ValidationFailure {
            return ScreenResponse.redirect(to: back)
        }
        return ScreenResponse.redirect(to: back)
    }

    @Sendable func person(request: Request, context: HubRequestContext) async throws -> Response {
        let caller = try kit.caller(context, for: ReadTrackerPerson.self)
        guard let id = Int64(try context.parameters.require("id")) else { throw UseCaseError.notFound("The person") }
        let t = kit.catalogue(context)
        let stated = try await context.sessionTokenHash.asyncMap { try await kit.useCases.statePurpose.stated(scope: Self.scope, session: $0) } ?? nil
        guard let purpose = stated else {
            let view = PurposeGateView(back: request.uri.path, field: FormField(.text, name: "purpose", label: t["panel.purpose"],
                                                                                 hint: t["panel.purpose_hint"], value: ""))
            return try kit.render("purpose", page: kit.frame(request, context, title: t["person.title_unknown"]), view: view)
        }
        let person = try await kit.useCases.readTrackerPerson(id, purpose: purpose, by: caller)
        var household: TrackerAddressView?
        if let uprn = person.identities.compactMap(\.uprn).first {
            household = try? await kit.useCases.readTrackerAddress(uprn: uprn, purpose: purpose, by: caller)
        }
        let view = PersonPageView(t: t, time: kit.time(context), person: person, household: household, purpose: purpose)
        return try kit.render("person", page: kit.frame(request, context, title: view.title), view: view)
    }

    private func page(
        _ request: Request, _ context: HubRequestContext, caller: Caller, form: ScreenForm, hits: [TrackerSearchHit]?, errors: FormErrors,
        status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let t = kit.catalogue(context)
        let view = TrackerSearchView(t: t, time: kit.time(context), form: form, hits: hits, errors: errors)
        return try kit.render("tracker", page: kit.frame(request, context, title: t["tracker.title"], errors: errors.frame), view: view, status: status)
    }
}

/// A page that asks why the user is looking before it shows personal data.
struct PurposeGateView: Sendable {
    let back: String
    let field: FormField
}

/// The search page as the `tracker` template draws it.
struct TrackerSearchView: Sendable {
    struct Hit: Sendable {
        let href: String
        let name: String
        let born: String
        let sources: String
        let address: String
        let score: String
    }

    let purpose: FormField
    let fields: [FormField]
    let searched: Bool
    let hits: [Hit]
    let hasHits: Bool

    init(t: MessageCatalogue, time: ScreenTime, form: ScreenForm, hits: [TrackerSearchHit]?, errors: FormErrors) {
        purpose = FormField(.text, name: "purpose", label: t["tracker.purpose"], hint: t["panel.purpose_hint"], value: form["purpose"],
                            error: errors["purpose"])
        fields = TrackerScreens.criteria.map { name in
            FormField(.text, name: name, label: t["tracker.\(name)"], hint: t.messages["tracker.\(name)_hint"], value: form[name],
                      error: errors[name], width: name == "name" || name == "address" ? "" : "width-20")
        }
        searched = hits != nil
        self.hits = (hits ?? []).map { hit in
            let best = hit.records.first { $0.surname != nil && $0.dateOfBirth != nil } ?? hit.records[0]
            return Hit(
                href: "/tracker/persons/\(hit.personId)", name: [best.forename, best.surname].compactMap { $0 }.joined(separator: " "),
                born: best.dateOfBirth.flatMap(CalendarDate.init).map(time.date) ?? t["panel.born_unknown"],
                sources: Set(hit.records.map(\.sourceSystem)).sorted().joined(separator: ", "),
                address: [best.addressLine1, best.town, best.postcode].compactMap { $0 }.joined(separator: ", "),
                score: String(format: "%.2f", hit.score))
        }
        hasHits = !self.hits.isEmpty
    }
}

/// The person view as the `person` template draws it.
struct PersonPageView: Sendable {
    let title: String
    let purpose: String
    let records: [ReferralPageView.Subject]
    let agencies: [TrackerPanelView.Agency]
    let hasAgencies: Bool
    let events: [ReferralPageView.Row]
    let chart: String
    let household: [TrackerPanelView.Member]
    let hasHousehold: Bool
    /// The person's household id and how it was formed, when they have one.
    let householdLine: String?
    /// Why these records are one person: one entry per link.
    let why: [ReferralPageView.Subject]
    let hasWhy: Bool
    let whyUnexplained: String?

    init(t: MessageCatalogue, time: ScreenTime, person: TrackerPersonView, household: TrackerAddressView?, purpose: String) {
        let best = person.identities.first { $0.surname != nil } ?? person.identities.first
        let name = [best?.forename, best?.surname].compactMap { $0 }.joined(separator: " ")
        title = name.isEmpty ? t["person.title_unknown"] : name
        self.purpose = t.format("person.purpose", ["purpose": purpose])
        records = person.identities.map { record in
            var rows: [ReferralPageView.Row] = [.init(label: t["person.reference"], value: "\(record.sourceSystem) \(record.sourceRecordId)")]
            // A value set aside is shown as sent, flagged with why it is not used for matching.
            func flagged(_ value: String, _ reasons: [SetAsideReason]) -> String {
                guard let reason = reasons.first(where: record.setAside.contains) else { return value }
                return t.format("person.set_aside", ["value": value, "reason": t["set_aside.\(reason.rawValue)"]])
            }
            if let born = record.dateOfBirth {
                rows.append(.init(label: t["referral.date_of_birth"], value: flagged(CalendarDate(born).map(time.date) ?? born,
                                                                                   [.unparseableDateOfBirth, .impossibleDateOfBirth])))
            }
            if let nhs = record.nhsNumber {
                rows.append(.init(label: t["referral.nhs_number"], value: flagged(NHSNumber(nhs)?.formatted ?? nhs, [.badNHSCheckDigit])))
            }
            let postcode = record.postcode.map { flagged($0, [.malformedPostcode]) }
            let address = [record.addressLine1, record.addressLine2, record.town, postcode].compactMap { $0 }.joined(separator: ", ")
            if !address.isEmpty { rows.append(.init(label: t["referral.address"], value: address)) }
            if record.setAside.contains(.unusableUPRN) {
                rows.append(.init(label: t["person.uprn"], value: t.format("person.uprn_set_aside", ["reason": t["set_aside.unusable_uprn"]])))
            }
            if !record.aliases.isEmpty { rows.append(.init(label: t["referral.aliases"], value: record.aliases.joined(separator: ", "))) }
            return ReferralPageView.Subject(heading: [record.forename, record.surname].compactMap { $0 }.joined(separator: " "), rows: rows)
        }
        agencies = person.agencies.map { activity in
            let latest = activity.events.first
            let contact = activity.events.first { $0.leadProfessionalName != nil || $0.leadProfessionalPhone != nil || $0.leadProfessionalEmail != nil }
            return TrackerPanelView.Agency(
                name: activity.sourceSystem,
                activity: t.format("panel.activity", count: activity.interactions, [
                                                      "last": latest.map { TrackerPanelView.eventLabel($0, t: t, time: time) } ?? "–"]),
                contact: contact.map { [$0.leadProfessionalName, $0.leadProfessionalPhone, $0.leadProfessionalEmail].compactMap { $0 }
                    .joined(separator: " · ") } ?? t["panel.no_contact"])
        }
        hasAgencies = !agencies.isEmpty
        events = person.agencies.flatMap(\.events).sorted { $0.eventDate > $1.eventDate }.prefix(50).map { event in
            .init(label: CalendarDate(event.eventDate).map(time.date) ?? event.eventDate,
                  value: "\(t.messages["category.\(event.category)"] ?? event.eventType) – \(event.sourceSystem)")
        }
        chart = BarChart(
            title: t.format("panel.chart_title", ["name": title, "count": String(person.activityByMonth.reduce(0) { $0 + $1.interactions })]),
            bars: BarChart.monthly(person.activityByMonth.map { ($0.month, $0.interactions) }, since: person.since, catalogue: t)).svg
        self.household = (household?.members ?? []).filter { $0.personId != person.personId }.map { member in
            let identity = member.identities.first { $0.surname != nil } ?? member.identities.first
            let memberName = [identity?.forename, identity?.surname].compactMap { $0 }.joined(separator: " ")
            let born = identity?.dateOfBirth.flatMap(CalendarDate.init).map(time.date) ?? t["panel.born_unknown"]
            let sources = Set(member.interactions.map(\.sourceSystem)).sorted()
            return TrackerPanelView.Member(
                name: memberName, detail: t.format("panel.member", count: member.interactions.count, ["born": born,
                                                                    "agencies": sources.isEmpty ? "–" : sources.joined(separator: ", ")]))
        }
        hasHousehold = !self.household.isEmpty
        let names = Dictionary(person.identities.map { ($0.recordId, "\($0.sourceSystem) \($0.sourceRecordId)") }) { a, _ in a }
        func signed(_ value: Double) -> String { (value < 0 ? "−" : "+") + String(format: "%.2f", abs(value)) }
        why = (person.why?.links ?? []).map { link in
            var rows: [ReferralPageView.Row] = [.init(
                label: t["person.why_decided"],
                value: (link.rules.map { t["link_rule.\($0)"] } + [link.matchWeight.map { weight in
                    t.format("person.why_weight", ["weight": signed(weight), "probability": String(format: "%.4f", link.matchProbability ?? 0)])
                }].compactMap { $0 }).joined(separator: "; "))]
            for field in link.fields {
                var value = t["link_level.\(field.level)"] + " " + signed(field.weight + field.termFrequencyAdjustment)
                if !field.rules.isEmpty { value += " (" + field.rules.map { t["link_rule.\($0)"] }.joined(separator: ", ") + ")" }
                rows.append(.init(label: t["link_field.\(field.field)"], value: value))
            }
            return ReferralPageView.Subject(
                heading: t.format("person.why_pair", ["a": names[link.recordA] ?? String(link.recordA), "b": names[link.recordB] ?? String(link.recordB)]),
                rows: rows)
        }
        hasWhy = !why.isEmpty
        let unexplained = (person.why?.unexplainedRecords ?? []).map { names[$0] ?? String($0) }
        whyUnexplained = unexplained.isEmpty ? nil : t.format("person.why_unexplained", ["records": unexplained.joined(separator: ", ")])
        householdLine = person.household.map { household in
            t.format("person.household", ["id": household.householdId, "basis": t["person.household_basis.\(household.basis.rawValue)"]])
        }
    }
}
