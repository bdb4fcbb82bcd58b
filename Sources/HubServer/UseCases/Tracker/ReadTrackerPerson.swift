import Foundation
import HubData
import HubWorkflow

/// A MASH user reads a tracker person: every record and interaction across agencies in the last 12 months, the
/// household and the lead professionals to contact. A purpose is required; the read is audited with it.
public struct ReadTrackerPerson: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let window: TrackerWindow
    let recorder: AuditRecorder

    public func callAsFunction(_ id: Int64, purpose: String, by caller: Caller) async throws -> TrackerPersonView {
        try authorize(caller)
        guard let view = try await stores.trackerPersons.person(id, since: window.start) else { throw UseCaseError.notFound("The person") }
        try await recorder.record(caller, action: "tracker.person.read", objectType: "person", objectId: String(id), purpose: purpose,
                                  detail: ["records": String(view.identities.count)])
        return view
    }
}
