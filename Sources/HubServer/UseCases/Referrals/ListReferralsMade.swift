import Foundation
import HubData
import HubWorkflow

/// A user lists the referrals their own agency made (the referrer's agency), newest received first, a page at a time:
/// each with its state, the threshold decision, the strategy discussions' outcomes and their agency's own actions,
/// and nothing another agency shared. The MASH's own roles list their own agency's, like any partner. Audited with
/// the count shown and the purpose, if given.
public struct ListReferralsMade: UseCase {
    public static let access = AccessRule.permission(.readReferralsMade)

    let stores: Stores
    let recorder: AuditRecorder

    public func callAsFunction(after: KeysetPosition?, limit: Int, purpose: String?, by caller: Caller) async throws -> [ReferralMade] {
        let actor = try authorize(caller)
        let items = try await stores.referrals.made(ReferralsMadeList(agency: actor.agencyCode, after: after, limit: limit))
        try await recorder.record(caller, action: "referral.list_made", objectType: "referral", objectId: nil, purpose: purpose,
                                  detail: ["agency": actor.agencyCode, "count": String(items.count)])
        return items
    }
}
