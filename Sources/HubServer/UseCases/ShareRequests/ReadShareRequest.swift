import Foundation
import HubData
import HubWorkflow

/// A partner (or the MASH) reads one share request with the shared part of its referral (audited with the
/// reader's purpose).
public struct ReadShareRequest: UseCase {
    public static let access = AccessRule.permission(.readShareRequests)

    let stores: Stores
    let agencyCheck: ShareRequestAgencyCheck
    let recorder: AuditRecorder

    public func callAsFunction(_ id: UUID, purpose: String?, by caller: Caller) async throws -> PartnerShareRequest {
        let actor = try authorize(caller)
        try await agencyCheck.check(id, actor: actor)
        guard let item = try await stores.shareRequests.find(id: id) else { throw UseCaseError.notFound("The share request") }
        try await recorder.record(caller, action: "share_request.read", objectType: "share_request", objectId: id.lowercased,
                                  purpose: purpose)
        return item
    }
}
