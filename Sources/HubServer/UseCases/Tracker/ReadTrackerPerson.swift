import Foundation
import HubData
import HubTracker
import HubWorkflow

/// A MASH user reads a tracker person: every record and interaction across agencies in the last 12 months, the
/// household and the lead professionals to contact, and why its records are one person (every link, explained field
/// by field: issue #18). A purpose is required; the read is audited with it.
public struct ReadTrackerPerson: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let window: TrackerWindow
    let recorder: AuditRecorder

    public func callAsFunction(_ id: Int64, purpose: String, by caller: Caller) async throws -> TrackerPersonView {
        try authorize(caller)
        guard var view = try await stores.trackerPersons.person(id, since: window.start) else { throw UseCaseError.notFound("The person") }
        let inputs = try await stores.trackerPersons.linkInputs(
            recordIds: view.identities.map(\.recordId), householdsAtMost: HouseholdMoves.widestPerson)
        view.why = try await PersonLinkExplainer.explain(
            model: inputs.model, cleansed: inputs.cleansed, confirmed: inputs.confirmed, otherCarriers: inputs.otherCarriers,
            householdsOfOthers: inputs.householdsOfOthers,
            referenceYear: CalendarDate(utcDayOf: window.clock.now()).year)
        try await recorder.record(caller, action: "tracker.person.read", objectType: "person", objectId: String(id), purpose: purpose,
                                  detail: ["records": String(view.identities.count)])
        return view
    }
}
