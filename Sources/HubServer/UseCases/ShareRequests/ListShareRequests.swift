import Foundation
import HubData
import HubWorkflow

/// A partner's inbox (its own agency's requests, soonest due first), or every agency's for the MASH (audited with
/// the count shown).
public struct ListShareRequests: UseCase {
    public static let access = AccessRule.permission(.readShareRequests)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(state: ShareRequestState?, limit: Int, by caller: Caller) async throws -> [PartnerShareRequest] {
        let actor = try authorize(caller)
        let items = try await stores.shareRequests.list(agencyId: ShareRequestAccess.inboxAgency(of: actor), state: state, limit: limit)
        try await recorder.record(caller, action: "share_request.list", objectType: "share_request", objectId: nil,
                                  detail: ["count": "\(items.count)"])
        return items
    }
}
