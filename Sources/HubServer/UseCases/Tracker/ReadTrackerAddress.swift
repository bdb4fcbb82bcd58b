import Foundation
import HubData
import HubWorkflow

/// A MASH user reads an address (UPRN): who lives there and their interactions in the last 12 months. A purpose
/// is required; the read is audited with it.
public struct ReadTrackerAddress: UseCase {
    public static let access = AccessRule.permission(.searchTracker)

    let stores: Stores
    let window: TrackerWindow
    let recorder: AuditRecorder

    public func callAsFunction(uprn: Int64, purpose: String, by caller: Caller) async throws -> TrackerAddressView {
        try authorize(caller)
        guard let view = try await stores.trackerPersons.address(uprn: uprn, since: window.start) else { throw UseCaseError.notFound("The address") }
        try await recorder.record(caller, action: "tracker.address.read", objectType: "address", objectId: String(uprn), purpose: purpose,
                                  detail: ["persons": String(view.members.count)])
        return view
    }
}
